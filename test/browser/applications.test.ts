/**
 * The one-stop permits, end to end in two browsers: a company picks a Roihupelto industrial plot,
 * sees the permits it needs with who handles each and roughly how long, applies, and watches the
 * environmental case move to "supplement requested" live while a handler in another browser
 * moves it; it answers the request. Every e-mail arrives at a real local SMTP receiver.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import { openDb, type Db } from '../../server/db/index.ts';
import { createLogger } from '../../server/log.ts';
import { start, type Running } from '../../server/main.ts';
import { businessId, registerApplicant } from '../applications/helpers.ts';
import { testConfig } from '../helpers/server.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp.ts';
import { preparePgliteTemplate } from '../helpers/template.ts';
import { buildClientIfStale } from './app-server.ts';
import { ARTIFACTS, launch } from './browser.ts';

let smtp: SmtpReceiver;
let db: Db;
let dir: string;
let server: Running;
let base: string;
let browser: Browser;
let plotId: number;
const HANDLER = 'ymparisto.testi@example.org';
const HANDLER_PASSWORD = 'käsittelijän salasana 1';
const ADMIN = 'yllapito.testi@example.org';
const ADMIN_PASSWORD = 'ylläpitäjän salasana 1';

beforeAll(async () => {
  await buildClientIfStale();
  smtp = await startSmtpReceiver();
  dir = path.join(os.tmpdir(), `tl-apply-${crypto.randomUUID()}`);
  fs.cpSync(await preparePgliteTemplate(), dir, { recursive: true });
  db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 30_000 });
  const config = testConfig({ serveClient: true, dataDir: dir, smtpUrl: smtp.url });
  server = await start(config, createLogger('silent'), { db });
  base = server.url.replace('localhost', '127.0.0.1');
  await createUser(
    db,
    { email: HANDLER, password: HANDLER_PASSWORD, role: 'handler', departmentId: 'environmental-services' },
    { userId: null, actor: 'test' },
  );
  await createUser(
    db,
    { email: ADMIN, password: ADMIN_PASSWORD, role: 'admin' },
    { userId: null, actor: 'test' },
  );
  const [row] = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE sub_district_number = 456 AND status = 'published'
       AND use_code IN ('T', 'TT', 'TY', 'T/kem') AND registered AND NOT building_prohibition AND plan_state = 'valid'
     ORDER BY id LIMIT 1`,
  );
  plotId = Number(row!.id);
  browser = await launch();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.close();
  await smtp?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function context(): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

/**
 * Signs in on the login form the page turned to after registering (its notice says to check the
 * mail), keeping the page's address and so what the plot card put in it.
 */
async function signInAfterRegistering(page: Page, email: string): Promise<void> {
  await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
  await expect(page.getByLabel('E-mail').inputValue()).resolves.toBe(email);
  await page.getByLabel('Password').fill('yrityksen salasana 2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the link of the verification mail in a new tab, as a mail client would; returns that tab. */
async function followVerificationLink(page: Page, email: string): Promise<Page> {
  const mail = await smtp.waitFor(
    (m) => m.to.includes(email) && m.subject === 'Confirm your e-mail address – Tonttiluukku',
  );
  const link = new URL(/https?:\/\/\S+verify=\S+/.exec(mail.text)![0]);
  // The link names PUBLIC_BASE_URL (localhost); the test browses the same server by address.
  const tab = await page.context().newPage();
  await tab.goto(base + link.pathname + link.search);
  await tab.getByRole('heading', { name: 'E-mail address confirmed' }).waitFor();
  await expect(tab.getByRole('status').textContent()).resolves.toContain(email);
  return tab;
}

/** "Submit all applications" and its confirmation, which lists each application first. */
async function submitAll(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Submit all applications' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Submit \d+ applications$/ })
    .click();
}

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('one-stop permits in the browser', () => {
  it('a company applies and follows the environmental case live while a handler moves it', async () => {
    const { page, errors } = await context();
    page.setDefaultTimeout(20_000);
    const email = `yritys-${Date.now()}@example.org`;

    // 1. The plot card: what will I need here?
    await page.goto(`${base}/?plot=${plotId}&lang=en`);
    await page.locator('form.permits-form select').waitFor({ timeout: 30_000 });
    await page.getByLabel('What will you do on the plot?').selectOption('surface-treatment');
    await page.getByLabel('New building').check();
    await page.getByRole('button', { name: 'Show the permit path' }).click();
    const items = page.locator('ol.permit-path > li');
    await items.first().waitFor();
    const item = (name: string | RegExp) => items.filter({ has: page.getByRole('heading', { name }) });
    await expect(item('Building permit').textContent()).resolves.toMatch(/Building Control Services.*weeks/s);
    await expect(item(/^Environmental permit/).textContent()).resolves.toMatch(
      /Environmental Services.*months/s,
    );
    await expect(item('Hazardous chemicals notification').textContent()).resolves.toMatch(
      /Rescue Department/,
    );

    // 2. Apply: register the company; the project form is filled from the plot card.
    await page.getByRole('link', { name: 'Apply for these permits' }).click();
    await page.getByLabel('Company name').fill('Pintakäsittely Testi Oy');
    await page.getByLabel('Business ID (Y-tunnus)').fill(businessId(2_345_678));
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('yrityksen salasana 2026');
    await page.getByRole('button', { name: 'Register your company' }).click();
    // Registering answers "check your mail", whether or not the address had an account.
    expect(await axe(page)).toEqual([]);
    await signInAfterRegistering(page, email);
    const activity = page.getByRole('combobox', { name: 'Activity' });
    await expect.poll(() => activity.inputValue()).toBe('surface-treatment');
    await expect(page.getByLabel('New building').isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Create the project' }).click();
    const envCard = page.locator('li.case[data-permit="environmental-permit"]');
    await envCard.waitFor();
    // Nothing reaches the city before the address is confirmed: the notice says so, and the link
    // cannot be asked for again within a minute of the first.
    const notice = page.getByRole('region', { name: 'Confirm your e-mail address' });
    await submitAll(page);
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/^Confirm your e-mail address first/));
    await notice.getByRole('button', { name: 'Send the link again' }).click();
    await expect
      .poll(() => notice.getByRole('status').textContent())
      .toBe('Too many attempts; wait a moment.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'apply-unverified-en.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);
    const tab = await followVerificationLink(page, email);
    await tab.screenshot({ path: path.join(ARTIFACTS, 'apply-verified-en.png'), fullPage: true });
    expect(await axe(tab)).toEqual([]);
    await tab.close();
    await page.reload();
    await envCard.waitFor();
    expect(await notice.count()).toBe(0);
    await submitAll(page);
    await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe('submitted');
    await expect(page.locator('li.case').count()).resolves.toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: path.join(ARTIFACTS, 'apply-project-en.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);
    // A marker that a reload would wipe: the updates below must arrive without one.
    await page.evaluate(() => ((window as unknown as { tlMarker: number }).tlMarker = 42));

    // 3. The handler, in another browser, moves the environmental case.
    const h = await context();
    h.page.setDefaultTimeout(20_000);
    await h.page.goto(`${base}/apply.html?lang=en`);
    await h.page.getByLabel('E-mail').fill(HANDLER);
    await h.page.getByLabel('Password').fill(HANDLER_PASSWORD);
    await h.page.getByRole('button', { name: 'Sign in' }).click();
    await h.page.getByRole('link', { name: /Environmental permit: / }).click();
    await h.page.getByRole('radio', { name: 'received by the authority' }).check();
    await h.page.getByRole('button', { name: 'Save' }).click();
    await h.page.getByRole('radio', { name: 'supplement requested' }).waitFor();
    await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe('received by the authority');
    await h.page.getByRole('radio', { name: 'supplement requested' }).check();
    await h.page.getByLabel('Message to the applicant').fill('Please add the noise model of the paint shop.');
    await h.page.getByRole('button', { name: 'Save' }).click();
    await h.page.screenshot({ path: path.join(ARTIFACTS, 'apply-handler-case-en.png'), fullPage: true });
    expect(await axe(h.page)).toEqual([]);

    // 4. The applicant's page changed by itself, announced politely, without a reload.
    await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe('supplement requested');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Environmental permit' }).first().textContent())
      .toMatch(/Environmental permit: supplement requested/);
    expect(await page.evaluate(() => (window as unknown as { tlMarker?: number }).tlMarker)).toBe(42);
    await expect(envCard.textContent()).resolves.toContain('Please add the noise model of the paint shop.');
    await page.screenshot({
      path: path.join(ARTIFACTS, 'apply-supplement-requested-en.png'),
      fullPage: true,
    });

    // 5. The applicant answers with a message and a file.
    await envCard.getByLabel('Your answer').fill('Noise model attached.');
    await envCard.getByLabel(/^Files/).setInputFiles({
      name: 'noise-model.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await envCard.getByRole('button', { name: 'Send the supplement' }).click();
    await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe('in processing');
    // The handler's open case page shows the answer without a reload.
    await expect.poll(() => h.page.getByTestId('stage').textContent()).toBe('in processing');
    await expect(h.page.getByText('Noise model attached.').count()).resolves.toBeGreaterThan(0);
    await expect(envCard.getByRole('link', { name: 'noise-model.pdf' }).count()).resolves.toBe(1);
    await expect(page.locator('.demo-note').textContent()).resolves.toMatch(/Demo data/);
    // The same timeline in Finnish and Swedish.
    await page.getByRole('button', { name: 'FI', exact: true }).click();
    await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe('käsittelyssä');
    // What the live region last said follows the switch too.
    await expect.poll(() => page.locator('.announce').textContent()).toMatch(/: käsittelyssä$/);
    await expect(page.getByRole('table', { name: 'Kaikki hankkeen luvat' }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'apply-project-fi.png'), fullPage: true });
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await expect.poll(() => envCard.getByTestId('stage').textContent()).toBe('under behandling');
    expect(await axe(page)).toEqual([]);

    // 6. The handler gives the decision with its document; it reaches the applicant live.
    await h.page.getByRole('radio', { name: 'decision given' }).check();
    await h.page.getByLabel('Message to the applicant').fill('The permit is granted with conditions.');
    await h.page.getByLabel(/^Documents for the applicant/).setInputFiles({
      name: 'decision.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% decision\n%%EOF\n'),
    });
    await h.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => h.page.getByTestId('stage').textContent()).toBe('decision given');
    await envCard.getByRole('link', { name: 'decision.pdf' }).waitFor();
    expect(await axe(h.page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(h.errors).toEqual([]);

    // 7. The e-mail of every change reached the SMTP receiver: the applicant's in the language it
    // registered in (English), the handler's in Finnish.
    await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Application submitted'));
    await smtp.waitFor((m) => m.to.includes(HANDLER) && m.subject.startsWith('Uusi asia: Ympäristölupa'));
    await smtp.waitFor(
      (m) => m.to.includes(email) && m.subject === 'Environmental permit: received by the authority',
    );
    const supplement = await smtp.waitFor(
      (m) => m.to.includes(email) && m.subject === 'Supplement requested: Environmental permit',
    );
    expect(supplement.text).toContain('Please add the noise model of the paint shop.');
    const reply = await smtp.waitFor(
      (m) => m.to.includes(HANDLER) && m.subject.startsWith('Täydennys saapui'),
    );
    expect(reply.text).toContain('Noise model attached.');
    await h.page.context().close();
    await page.context().close();
  }, 180_000);

  it('an applicant adds plots to a draft project from the shortlist and from a plot card, and drops one', async () => {
    type Row = { id: string; property_id: string; address: string | null };
    const pick = (where: string, values: unknown[]) =>
      db.query<Row>(
        `SELECT id::text, property_id, address FROM plots WHERE ${where} ORDER BY id LIMIT 1`,
        values,
      );
    const [main] = await pick('id = $1', [plotId]);
    // An indicative plot: plot division is needed before building on it.
    const [ind] = await pick(`status = 'published' AND NOT registered`, []);
    const shortlist = [main!, ind!].map((r) => ({
      id: Number(r.id),
      property_id: r.property_id,
      address: r.address,
    }));
    const { page, errors } = await context();
    page.setDefaultTimeout(20_000);
    await page.addInitScript(
      (items) => localStorage.setItem('tonttiluukku.shortlist', JSON.stringify(items)),
      shortlist,
    );
    await page.goto(`${base}/apply.html?plot=${plotId}&activity=warehouse-logistics&lang=en`);
    await page.getByLabel('Company name').fill('Varasto Testi Oy');
    await page.getByLabel('Business ID (Y-tunnus)').fill(businessId(3_456_789));
    const email = `varasto-${Date.now()}@example.org`;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('yrityksen salasana 2026');
    await page.getByRole('button', { name: 'Register your company' }).click();
    await signInAfterRegistering(page, email);
    await (await followVerificationLink(page, email)).close();
    await page.getByRole('button', { name: 'Create the project' }).click();
    await page.locator('li.case').first().waitFor();
    const division = page.locator('li.case[data-permit="plot-division"]');
    expect(await division.count()).toBe(0);

    const plots = page.getByRole('region', { name: 'Plots' });
    await plots.getByLabel('Add a plot from your shortlist').selectOption(ind!.id);
    await plots.getByRole('button', { name: 'Add', exact: true }).click();
    await division.waitFor();
    // Each plot opens its card on the map.
    await expect(plots.getByRole('link', { name: ind!.property_id }).getAttribute('href')).resolves.toBe(
      `/?plot=${ind!.id}&lang=en`,
    );
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(ind!.property_id);
    await expect
      .poll(() => plots.getByRole('status').textContent())
      .toMatch(/^Plots updated; the project now has \d+ permits\.$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'apply-project-plots-en.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);

    await plots.getByRole('button', { name: `Remove plot ${ind!.property_id} from the project` }).click();
    await expect.poll(() => division.count()).toBe(0);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.not.toContain(
      ind!.property_id,
    );
    // From a plot card's link, the draft with the same activity is offered instead of a new project.
    const name = (await page.getByRole('heading', { level: 1 }).textContent())!;
    await page.goto(`${base}/apply.html?plot=${ind!.id}&activity=warehouse-logistics&lang=en`);
    const addToDraft = page.getByRole('button', { name: `Add to the project ${name}` });
    await addToDraft.waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'apply-add-to-draft-en.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);
    await addToDraft.click();
    await division.waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(ind!.property_id);
    // Once submitted, the plots are what the authorities received: no more changes offered.
    await submitAll(page);
    await expect.poll(() => plots.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('a handler who signs in to the staff app sees their account and the way to their inbox', async () => {
    const { page, errors } = await context();
    await page.goto(`${base}/staff.html?lang=en&tab=plots`);
    await page.getByLabel('E-mail').fill(HANDLER);
    await page.getByLabel('Password').fill(HANDLER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // No plot tabs a handler may not open, even when the address asks for one.
    const nav = page.locator('header nav.tabs');
    await nav.getByRole('button', { name: 'My account' }).waitFor();
    await expect(nav.getByRole('button').allTextContents()).resolves.toEqual(['My account']);
    await expect(nav.getByRole('button', { name: 'My account' }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );
    expect(await axe(page)).toEqual([]);
    await nav.getByRole('link', { name: 'Application handling' }).click();
    await page.getByRole('heading', { name: /^Inbox: Environmental Services/ }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an admin downloads everything stored about an applicant and then erases it, in the staff app', async () => {
    const applicant = await registerApplicant(db, base, 'Poistettava Oy');
    const { page, errors } = await context();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${base}/staff.html?lang=en`);
    await page.getByLabel('E-mail').fill(ADMIN);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Applicants' }).click();
    await page.getByLabel('Filter by e-mail, company or business ID').fill(applicant.email);
    const row = page.getByRole('row').filter({ hasText: applicant.email });
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe('Poistettava Oy');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-applicants-en.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: `Download data: ${applicant.email}` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^applicant-\d+\.json$/);
    const data = fs.readFileSync((await download.path())!, 'utf8');
    expect(data).toContain(applicant.email);
    expect(data).toContain('Poistettava Oy');
    expect(data).not.toMatch(/password_hash|\$argon2/);

    await row.getByRole('button', { name: `Erase: ${applicant.email}` }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`Applicant ${applicant.email} and their data were erased.`);
    await expect.poll(() => page.getByText('No applicants.').count()).toBe(1);
    // The status follows a language switch.
    await page.getByRole('button', { name: 'FI', exact: true }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`Hakija ${applicant.email} tietoineen poistettiin.`);
    // The account is gone: its session and its password no longer sign in.
    expect((await applicant.req('GET', '/api/applications/projects')).status).toBe(401);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('speaks Finnish and Swedish and has no accessibility violations on the sign-in page', async () => {
    for (const [lang, heading] of [
      ['fi', 'Kirjaudu sisään'],
      ['sv', 'Logga in'],
    ] as const) {
      const { page } = await context();
      await page.goto(`${base}/apply.html?lang=${lang}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `apply-login-${lang}.png`) });
      await page.context().close();
    }
  });
});
