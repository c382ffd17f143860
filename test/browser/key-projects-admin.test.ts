/**
 * The staff app's key-project settings as an admin sees them: a threshold changed (a zero refused
 * with the field named in the page's language), an editor made a key customer manager under the
 * user accounts and then the Business Services lead, a handler made their department's
 * responsible person, a department's escalation address set; all still there after a reload and
 * in force through the API. A publisher sees no such tab and the API answers 403. axe-clean in
 * fi, sv and en.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import { KEY_PROJECT_TEXTS } from '../../client/staff/key-projects-texts.ts';
import { LANGS } from '../../client/staff/i18n.ts';
import { StaffClient } from '../auth/client.ts';
import { ARTIFACTS, screenshot } from './browser.ts';
import { seriousAxe, startStaffApp, type StaffApp } from './staff-app.ts';

const PUBLISHER = 'julkaisija.avainhankkeet@example.org';
const ADMIN = 'paakayttaja.avainhankkeet@example.org';
const HANDLER = 'rakennusvalvonta.vastuu@demo.invalid';
const EDITOR = 'elinkeinopalvelut.paallikko@demo.invalid';
const PASSWORD = 'avainhankkeiden salasana 4';
const DEPT = 'building-control';
const LEAD_EMAIL = 'rakennusvalvonta.eskalointi@demo.invalid';

let app: StaffApp;
let deptName: string;
beforeAll(async () => {
  app = await startStaffApp('key-admin', { email: PUBLISHER, password: PASSWORD });
  const by = { userId: null, actor: 'test' };
  await createUser(app.db, { email: ADMIN, password: PASSWORD, role: 'admin' }, by);
  await createUser(
    app.db,
    {
      email: HANDLER,
      password: PASSWORD,
      role: 'handler',
      departmentId: DEPT,
      displayName: 'Käsittelijä (demo)',
    },
    by,
  );
  await createUser(
    app.db,
    { email: EDITOR, password: PASSWORD, role: 'editor', displayName: 'Päällikkö (demo)' },
    by,
  );
  const [d] = await app.db.query<{ name_fi: string }>(`SELECT name_fi FROM departments WHERE id = $1`, [
    DEPT,
  ]);
  deptName = d!.name_fi;
}, 300_000);
afterAll(async () => {
  await app?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${app.base}/staff.html?lang=fi`);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Salasana').fill(PASSWORD);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).waitFor();
}

async function apiAs(email: string): Promise<StaffClient> {
  const c = new StaffClient(app.base);
  expect((await c.login(email, PASSWORD)).status).toBe(200);
  return c;
}

const fi = KEY_PROJECT_TEXTS.fi;

describe('key-project settings in the staff app', () => {
  it('an admin changes a threshold, the lead, a responsible person and an escalation address', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, ADMIN);

    // The editor becomes a key customer manager where admins manage accounts.
    await page.getByRole('button', { name: 'Oma tili' }).click();
    await page.getByLabel(`Rooli ${EDITOR}`).selectOption({ label: 'Avainasiakaspäällikkö' });
    await expect.poll(() => page.getByLabel(`Rooli ${EDITOR}`).inputValue()).toBe('key_account_manager');

    await page.getByRole('button', { name: fi.tab }).click();
    await page.getByRole('heading', { name: fi.thresholds }).waitFor();

    // A zero is refused by the server; the page names the field and marks it.
    const jobs = page.getByLabel(fi.min_jobs!);
    await jobs.fill('0');
    await page.getByRole('button', { name: fi.saveThresholds }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(`${fi.min_jobs}: ${fi['err.invalid_threshold']}`);
    expect(await jobs.getAttribute('aria-invalid')).toBe('true');

    await jobs.fill('35');
    await page.getByRole('button', { name: fi.saveThresholds }).click();
    await expect
      .poll(() => page.locator('form', { has: jobs }).getByRole('status').textContent())
      .toBe(fi.thresholdsSaved);
    expect(await page.getByRole('alert').count()).toBe(0);

    const people = page.getByRole('table', { name: fi.people });
    const handlerRow = people.getByRole('row', { name: new RegExp(HANDLER) });
    expect(await handlerRow.textContent()).toContain(deptName);
    await handlerRow.getByRole('checkbox').check();
    await expect
      .poll(() => page.locator('.panel', { has: people }).getByRole('status').textContent())
      .toBe(fi.responsibleOn!.replace('{who}', 'Käsittelijä (demo)'));
    await people
      .getByRole('row', { name: new RegExp(EDITOR) })
      .getByRole('checkbox')
      .check();
    await expect
      .poll(() => page.locator('.panel', { has: people }).getByRole('status').textContent())
      .toBe(fi.leadOn!.replace('{who}', 'Päällikkö (demo)'));

    const dept = page.getByRole('form', { name: deptName });
    const address = dept.getByLabel(fi.leadEmail!.replace('{dept}', deptName));
    await address.fill('ei osoite');
    await dept.getByRole('button', { name: fi.saveAddress }).click();
    await expect.poll(() => dept.getByRole('alert').textContent()).toBe(fi['err.invalid_email']);
    await address.fill(LEAD_EMAIL);
    await dept.getByRole('button', { name: fi.saveAddress }).click();
    await expect
      .poll(() => page.locator('.panel', { has: dept }).getByRole('status').textContent())
      .toBe(fi.addressSaved!.replace('{dept}', deptName).replace('{email}', LEAD_EMAIL));
    await page.screenshot({ path: path.join(ARTIFACTS, 'key-projects-admin-fi.png'), fullPage: true });

    // After a reload the page shows what was stored.
    await page.reload();
    await page.getByRole('heading', { name: fi.thresholds }).waitFor();
    expect(await page.getByLabel(fi.min_jobs!).inputValue()).toBe('35');
    expect(
      await page
        .getByRole('row', { name: new RegExp(HANDLER) })
        .getByRole('checkbox')
        .isChecked(),
    ).toBe(true);
    expect(
      await page
        .getByRole('row', { name: new RegExp(EDITOR) })
        .getByRole('checkbox')
        .isChecked(),
    ).toBe(true);
    expect(await page.getByRole('form', { name: deptName }).getByRole('textbox').inputValue()).toBe(
      LEAD_EMAIL,
    );

    // And the API holds them.
    const admin = await apiAs(ADMIN);
    const s = await admin.json<{
      thresholds: { min_jobs: number; min_investment_eur: number };
      people: Array<{ email: string; role: string; responsiblePerson: boolean; lead: boolean }>;
      departments: Array<{ id: string; leadEmail: string | null }>;
    }>('GET', '/api/key-projects/admin/settings');
    expect(s.status).toBe(200);
    expect(s.body.thresholds.min_jobs).toBe(35);
    expect(s.body.thresholds.min_investment_eur).toBe(10_000_000);
    expect(s.body.people.find((p) => p.email === HANDLER)).toMatchObject({ responsiblePerson: true });
    expect(s.body.people.find((p) => p.email === EDITOR)).toMatchObject({
      role: 'key_account_manager',
      lead: true,
    });
    expect(s.body.departments.find((d) => d.id === DEPT)?.leadEmail).toBe(LEAD_EMAIL);

    // axe in each language, on the page with every section filled in.
    for (const lang of LANGS) {
      await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
      const t = KEY_PROJECT_TEXTS[lang];
      await page.getByRole('heading', { name: t.thresholds, exact: true }).waitFor();
      await page.getByRole('table', { name: t.people }).waitFor();
      expect(await seriousAxe(page), lang).toEqual([]);
      if (lang !== 'fi') await screenshot(page, `key-projects-admin-${lang}`);
    }
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('a publisher sees no key-project settings, and the API refuses them', async () => {
    const ctx = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, PUBLISHER);
    await page.getByRole('button', { name: 'Tontit' }).waitFor();
    expect(await page.getByRole('button', { name: fi.tab }).count()).toBe(0);
    // A link naming the tab opens the first tab the account may open instead.
    await page.goto(`${app.base}/staff.html?lang=fi&tab=key-projects`);
    await page.getByRole('button', { name: 'Tontit' }).waitFor();
    expect(await page.getByRole('heading', { name: fi.thresholds }).count()).toBe(0);
    await ctx.close();

    const admin = await apiAs(ADMIN);
    const jobs = async () =>
      (await admin.json<{ thresholds: { min_jobs: number } }>('GET', '/api/key-projects/admin/settings')).body
        .thresholds.min_jobs;
    const before = await jobs();
    const publisher = await apiAs(PUBLISHER);
    const get = await publisher.json<{ error: { code: string } }>('GET', '/api/key-projects/admin/settings');
    expect(get.status).toBe(403);
    expect(get.body.error.code).toBe('forbidden');
    const put = await publisher.json('PUT', '/api/key-projects/admin/thresholds', { min_jobs: before + 1 });
    expect(put.status).toBe(403);
    expect(await jobs()).toBe(before);
  });
});
