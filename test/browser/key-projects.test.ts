/**
 * Key projects in two browsers: a project over the investment threshold gets a key customer
 * manager, who sees its cases of two departments, adds an internal note the applicant never
 * sees, and proposes a meeting that is mailed and appears live on the applicant's page; a
 * handler's move updates the manager's workspace live. axe-clean in fi, sv and en.
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
import { StaffClient } from '../auth/client.ts';
import { APPLICANT_PASSWORD, registerApplicant } from '../applications/helpers.ts';
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
const MANAGER = 'avainasiakkaat.testi@example.invalid';
const HANDLER = 'rakennusvalvonta.testi@example.org';
const PASSWORD = 'avainasiakaspäällikön salasana 1';

beforeAll(async () => {
  await buildClientIfStale();
  smtp = await startSmtpReceiver();
  dir = path.join(os.tmpdir(), `tl-key-${crypto.randomUUID()}`);
  fs.cpSync(await preparePgliteTemplate(), dir, { recursive: true });
  db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 30_000 });
  const config = testConfig({ serveClient: true, dataDir: dir, smtpUrl: smtp.url });
  server = await start(config, createLogger('silent'), { db });
  base = server.url.replace('localhost', '127.0.0.1');
  const by = { userId: null, actor: 'test' };
  await createUser(
    db,
    {
      email: MANAGER,
      password: PASSWORD,
      role: 'key_account_manager',
      displayName: 'Avainasiakaspäällikkö (testi)',
    },
    by,
  );
  await createUser(
    db,
    { email: HANDLER, password: PASSWORD, role: 'handler', departmentId: 'building-control' },
    by,
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
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function signIn(page: Page, email: string, password: string, lang = 'en') {
  await page.goto(`${base}/apply.html?lang=${lang}`);
  await page.getByLabel(lang === 'en' ? 'E-mail' : /sähköposti|e-post/i).fill(email);
  await page.getByLabel(lang === 'en' ? 'Password' : /salasana|lösenord/i).fill(password);
  const button = page.getByRole('button', { name: lang === 'en' ? 'Sign in' : /kirjaudu|logga in/i });
  await button.click();
  await button.waitFor({ state: 'detached' });
}

describe('key projects in the browser', () => {
  it('manager, team and applicant work one key project live', async () => {
    // The applicant's project crosses the investment threshold (10 M€ by default).
    const c = await registerApplicant(db, base, 'Avainhanke Testi Oy');
    const made = await c.json<{
      project: { id: string; cases: Array<{ id: string; department: { id: string } }> };
    }>('POST', '/api/applications/projects', {
      plotIds: [plotId],
      activity: 'surface-treatment',
      facts: { new_building: true },
      name: 'Maalaamo',
      keyProject: { investmentEur: 40_000_000, jobs: 120 },
    });
    expect(made.status).toBe(201);
    const project = made.body.project;
    expect((await c.json('POST', `/api/applications/projects/${project.id}/submit`)).status).toBe(200);

    const a = await context();
    await signIn(a.page, c.email, APPLICANT_PASSWORD);
    await a.page.goto(`${base}/apply.html?lang=en&project=${project.id}`);
    const panel = a.page.getByRole('region', { name: 'Key project' });
    await panel.getByText('Avainasiakaspäällikkö (testi)').waitFor();
    await panel.getByRole('link', { name: MANAGER }).waitFor();

    const m = await context();
    await signIn(m.page, MANAGER, PASSWORD);
    await m.page.getByRole('heading', { name: 'Key projects' }).waitFor();
    await m.page.getByRole('button', { name: 'Maalaamo' }).click();
    await m.page.getByRole('heading', { name: 'Maalaamo' }).waitFor();
    const depts = await m.page.locator('.key-cases tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(depts).size).toBeGreaterThanOrEqual(2);
    expect(await axe(m.page)).toEqual([]);
    await m.page.screenshot({ path: path.join(os.tmpdir(), 'key-workspace.png'), fullPage: true });

    // An internal note: on the workspace, never on the applicant's page.
    await m.page.getByLabel('Note', { exact: true }).fill('Internal: the zoning change is pending');
    await m.page.getByRole('button', { name: 'Add note' }).click();
    await m.page.getByText('Internal: the zoning change is pending').waitFor();

    // A meeting: mailed to the applicant and shown live on their page, no reload.
    await a.page.evaluate(() => ((window as unknown as { tlMarker: number }).tlMarker = 7));
    const when = new Date(Date.now() + 5 * 86_400_000);
    const local = new Date(when.getTime() - when.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await m.page.getByLabel('Time').fill(local);
    await m.page.getByLabel('Place').fill('City Hall, meeting room 2');
    await m.page.getByRole('button', { name: 'Send invitation' }).click();
    await smtp.waitFor((x) => x.to.includes(c.email) && x.subject.startsWith('Kokouskutsu'));
    await panel.getByText(/City Hall, meeting room 2/).waitFor();
    expect(await a.page.evaluate(() => (window as unknown as { tlMarker?: number }).tlMarker)).toBe(7);
    expect(await a.page.content()).not.toContain('zoning change');
    await panel.getByRole('button', { name: 'Accept' }).click();
    await panel.getByText('accepted').waitFor();
    expect(await axe(a.page)).toEqual([]);
    await a.page.screenshot({ path: path.join(os.tmpdir(), 'key-applicant.png'), fullPage: true });

    // A handler moves the building-control case; the manager's row changes live.
    const bc = project.cases.find((x) => x.department.id === 'building-control')!;
    const h = new StaffClient(base);
    expect((await h.login(HANDLER, PASSWORD)).ok).toBe(true);
    expect((await h.json('POST', `/api/applications/cases/${bc.id}/stage`, { to: 'received' })).status).toBe(
      200,
    );
    await expect
      .poll(() => m.page.locator(`.key-cases tr[data-case="${bc.id}"] td:nth-child(3)`).textContent())
      .toContain('received');

    // The workspace in Finnish and Swedish is axe-clean too.
    for (const lang of ['fi', 'sv']) {
      await m.page.goto(`${base}/apply.html?lang=${lang}#key-project-${project.id}`);
      await m.page.locator('.key-cases').waitFor();
      expect(await axe(m.page), lang).toEqual([]);
    }
    expect([...a.errors, ...m.errors]).toEqual([]);
  });
});
