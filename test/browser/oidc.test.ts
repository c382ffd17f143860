/**
 * Signing in through OpenID Connect in the browser: an applicant goes from the apply app to the
 * provider's own login page and back, picks a company from the mandates endpoint's answer,
 * creates and files a project for it; a colleague with a mandate for the same company sees that
 * project, a person without one is refused when opening its address. axe-clean in fi, sv and en.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessId } from '../applications/helpers.ts';
import { freePort } from '../auth/oidc-flow.ts';
import { startTestProvider, type TestProvider } from '../auth/oidc-provider.ts';
import { screenshot } from './browser.ts';
import { startStaffApp, type StaffApp } from './staff-app.ts';

const ACME = { businessId: businessId(6_789_005), name: 'Acme Oy' };
const OTHER = { businessId: businessId(7_890_006), name: 'Muu Ab' };

let idp: TestProvider;
let app: StaffApp;
let plotId: number;

beforeAll(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  idp = await startTestProvider({
    redirectUri: `${base}/auth/oidc/callback`,
    accounts: [
      { name: 'anna', email: 'anna@acme.example.org', companies: [ACME, OTHER] },
      { name: 'bruno', email: 'bruno@acme.example.org', companies: [ACME, OTHER] },
      { name: 'carita', companies: [OTHER] },
    ],
  });
  app = await startStaffApp(
    'oidc',
    { email: 'julkaisija.oidc@example.org', password: 'julkaisijan salasana 7' },
    {
      port,
      publicBaseUrl: base,
      oidcIssuer: idp.issuer,
      oidcClientId: idp.clientId,
      oidcClientSecret: idp.clientSecret,
      oidcMandates: 'http',
      oidcMandatesUrl: idp.mandatesUrl,
    },
  );
  const [row] = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE sub_district_number = 456 AND status = 'published'
       AND use_code IN ('T', 'TT', 'TY', 'T/kem') AND registered AND NOT building_prohibition
       AND plan_state = 'valid'
     ORDER BY id LIMIT 1`,
  );
  plotId = Number(row!.id);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await idp?.close();
});

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function browse(viewport = { width: 1280, height: 800 }) {
  const context = await app.browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** From the apply app's sign-in button through the provider's login page back to the app. */
async function signIn(page: Page, name: string, start: string) {
  await page.goto(`${app.base}${start}`);
  await page.getByRole('link', { name: "Sign in with the city's identification" }).click();
  await page.waitForURL((u) => u.origin === idp.issuer);
  await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.origin === app.base && u.pathname === '/apply.html');
}

async function pick(page: Page, company: string) {
  await page.getByRole('heading', { name: 'Whom do you act for?' }).waitFor();
  await page.getByRole('radio', { name: new RegExp(company) }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The header at a laptop's and a phone's width, as screenshots of the page's top. */
async function headerShots(page: Page, lang: string) {
  for (const v of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(v);
    await screenshot(page, `oidc-header-${lang}-${v.width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The header's first and last items on one row (the bar does not wrap at 1280 px). */
async function expectOneRow(page: Page) {
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll('header.topbar > *')].map((e) => e.getBoundingClientRect().top),
  );
  expect(boxes.length).toBeGreaterThan(3);
  expect(Math.max(...boxes) - Math.min(...boxes)).toBeLessThan(20);
}

describe('OpenID Connect sign-in in the browser', () => {
  it('a company files a project through the provider; a colleague sees it, an outsider is refused', async () => {
    const a = await browse();
    await signIn(a.page, 'anna', `/apply.html?plot=${plotId}&activity=surface-treatment&lang=en`);
    // The mandates endpoint's answer, by name and business ID.
    await a.page.getByRole('radio', { name: `Muu Ab (${OTHER.businessId})` }).waitFor();
    expect(await axe(a.page)).toEqual([]);
    await pick(a.page, 'Acme Oy');

    const header = a.page.locator('header.topbar');
    await expect.poll(() => header.textContent()).toContain(`Acting for Acme Oy (${ACME.businessId})`);
    // The provider's name for the person, and the company beside it; one row on a laptop.
    await expect(header.locator('.who').textContent()).resolves.toBe('Signed in: anna');
    await headerShots(a.page, 'en');
    await expectOneRow(a.page);
    const activity = a.page.getByRole('combobox', { name: 'Activity' });
    await expect.poll(() => activity.inputValue()).toBe('surface-treatment');
    await a.page.getByLabel('New building').check();
    const created = a.page.waitForResponse(
      (r) => r.url().endsWith('/api/applications/projects') && r.request().method() === 'POST',
    );
    await a.page.getByRole('button', { name: 'Create the project' }).click();
    expect((await created).status()).toBe(201);
    const envCard = a.page.locator('li.case[data-permit="environmental-permit"]');
    await envCard.waitFor();
    const projectUrl = a.page.url();
    const projectId = new URL(projectUrl).searchParams.get('project')!;
    expect(await axe(a.page)).toEqual([]);

    await a.page.getByRole('button', { name: 'Submit all applications' }).click();
    await a.page
      .getByRole('dialog')
      .getByRole('button', { name: /^Submit \d+ applications$/ })
      .click();
    await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe('submitted');
    await screenshot(a.page, 'oidc-project-en');
    for (const [lang, stage] of [
      ['FI', 'jätetty'],
      ['SV', 'inlämnad'],
    ] as const) {
      await a.page.getByRole('button', { name: lang, exact: true }).click();
      await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe(stage);
      expect(await axe(a.page)).toEqual([]);
      await expectOneRow(a.page);
      await screenshot(a.page, `oidc-project-${lang.toLowerCase()}`);
    }
    expect(a.errors).toEqual([]);

    // A colleague with a mandate for Acme finds the project in the company's list.
    const b = await browse();
    await signIn(b.page, 'bruno', '/apply.html?lang=en');
    await pick(b.page, 'Acme Oy');
    const name = (await a.page.getByRole('heading', { level: 1 }).textContent()) ?? '';
    await b.page.getByRole('link', { name }).first().click();
    await expect.poll(() => b.page.locator('li.case[data-permit="environmental-permit"]').count()).toBe(1);
    expect(b.errors).toEqual([]);

    // Someone acting only for another company opening the project's address is refused.
    const c = await browse();
    await signIn(c.page, 'carita', '/apply.html?lang=en');
    await pick(c.page, 'Muu Ab');
    const refused = c.page.waitForResponse((r) => /\/api\/applications\/projects\/[^/]+$/.test(r.url()));
    await c.page.goto(projectUrl.replace(/lang=\w+/, 'lang=en'));
    expect((await refused).status()).toBe(404);
    await expect.poll(() => c.page.getByRole('alert').textContent()).toBe('No such project.');
    expect(await axe(c.page)).toEqual([]);
    await c.page.getByRole('button', { name: 'FI', exact: true }).click();
    await expect.poll(() => c.page.getByRole('alert').textContent()).toBe('Hanketta ei löytynyt.');

    // Bruno switches to Muu Ab on Acme's project: the page and its live stream are opened again
    // under Muu Ab's access (refused), and again under Acme's when he switches back.
    const streams: number[] = [];
    b.page.on('response', (r) => {
      if (r.url().endsWith(`/api/applications/projects/${projectId}/events`)) streams.push(r.status());
    });
    const bCard = b.page.locator('li.case[data-permit="environmental-permit"]');
    await b.page.getByRole('button', { name: 'Switch company' }).click();
    await pick(b.page, 'Muu Ab');
    await expect.poll(() => b.page.getByRole('alert').textContent()).toBe('No such project.');
    await expect.poll(() => streams).toEqual([404]);
    await b.page.getByRole('button', { name: 'Switch company' }).click();
    await pick(b.page, 'Acme Oy');
    await bCard.waitFor();
    // The timeline and the key-project panel each follow the project's stream.
    await expect.poll(() => streams[1]).toBe(200);
    expect(streams.slice(1).every((x) => x === 200)).toBe(true);
    // Anna withdraws the environmental permit; Bruno's page shows it without a reload.
    await a.page.getByRole('button', { name: 'EN', exact: true }).click();
    a.page.on('dialog', (d) => void d.accept());
    await envCard.getByRole('button', { name: 'Withdraw this application' }).click();
    await expect.poll(() => bCard.getByTestId('stage').textContent()).toBe('cancelled');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    for (const x of [a, b, c]) await x.context.close();
  });
});
