import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { registerApplicant } from '../applications/helpers.ts';

// The plot card's permits section in a real browser, mounted alone by a small page served by
// Vite, talking to the real API over a test database.
let db: TestDb;
let server: Running;
let vite: ViteDevServer;
let browser: Browser;
let plotId: number;
let base: string;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  const [row] = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE sub_district_number = 456 AND status = 'published'
       AND use_code IN ('T', 'TT', 'TY', 'T/kem') AND registered AND NOT building_prohibition AND plan_state = 'valid'
     ORDER BY id LIMIT 1`,
  );
  plotId = Number(row!.id);
  // Five decided building permits of the demo applicant, before the first permit path: the plan
  // times the building permit by them (median 30, p90 38 days) and says they are demo data.
  const applicant = await registerApplicant(db, server.url);
  for (const days of [20, 25, 30, 35, 40]) {
    const r = await applicant.json<{ project: { cases: Array<{ id: string; permit: { code: string } }> } }>(
      'POST',
      '/api/applications/projects',
      { plotIds: [plotId], activity: 'surface-treatment', facts: { new_building: true } },
    );
    await db.query(
      `INSERT INTO case_events (case_id, at, actor_role, actor_label, kind, from_stage, to_stage)
       VALUES ($1, now() - interval '90 days', 'applicant', 'x', 'stage', 'draft', 'submitted'),
              ($1, now() - interval '90 days' + make_interval(days => $2), 'handler', 'x', 'stage', 'in_processing', 'decision_given')`,
      [r.body.project.cases.find((c) => c.permit.code === 'building-permit')!.id, days],
    );
  }
  await db.query(`UPDATE users SET email = 'section-demo@demo.invalid' WHERE lower(email) = lower($1)`, [
    applicant.email,
  ]);
  vite = await createServer({
    configFile: false,
    root: path.join(ROOT_DIR, 'test', 'permits', 'harness'),
    plugins: [react()],
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, proxy: { '/api': server.url }, hmr: false },
  });
  await vite.listen();
  base = vite.resolvedUrls!.local[0]!;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await vite?.close();
  await server?.stop();
  await db?.close();
});

async function open(lang: string): Promise<{ page: Page; errors: string[] }> {
  // axe needs a page of an explicit context.
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}?plot=${plotId}&lang=${lang}`);
  await page.locator('form.permits-form select').waitFor();
  return { page, errors };
}

describe('permits section on the plot card', () => {
  it('a company picks surface treatment with a new building and sees who handles each permit and how long', async () => {
    const { page, errors } = await open('en');
    await page.getByLabel('What will you do on the plot?').selectOption('surface-treatment');
    await page.getByLabel('New building').check();
    await page.getByRole('button', { name: 'Show the permit path' }).click();
    const list = page.locator('ol.permit-path');
    await list.waitFor();
    const items = list.locator(':scope > li');
    const building = items.filter({ has: page.getByRole('heading', { name: 'Building permit' }) });
    await expect(building.textContent()).resolves.toMatch(/Building Control Services/);
    await expect(building.textContent()).resolves.toMatch(/building-control@example\.org/);
    await expect(building.textContent()).resolves.toMatch(
      /processing 30–38 days\s*measured: 5 decisions in the last 12 months, from the median to when 9 in 10 had been decided \(demo data\)/,
    );
    const env = items.filter({ has: page.getByRole('heading', { name: /^Environmental permit/ }) });
    await expect(env.textContent()).resolves.toMatch(/Environmental Services/);
    await expect(env.textContent()).resolves.toMatch(/about 4–12 months\s*the catalogue’s typical time/);
    await expect(env.textContent()).resolves.toMatch(/On the longest chain/);
    const chem = items.filter({
      has: page.getByRole('heading', { name: 'Hazardous chemicals notification' }),
    });
    await expect(chem.textContent()).resolves.toMatch(/Rescue Department/);
    const estimate = await page.locator('.permits-estimate').textContent();
    expect(estimate).toMatch(/Estimate until the business can operate: about \d+–\d+ months/);
    expect(await page.getByRole('note').textContent()).toMatch(/guidance, not a decision/);
    expect(await page.locator('.permits-demo').textContent()).toMatch(/Demo data/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('speaks Finnish, switches facts with the activity and lists the plot’s contacts', async () => {
    const { page } = await open('fi');
    await page.getByLabel('Mitä aiot tehdä tontilla?').selectOption('public-event');
    await expect(page.getByLabel('Odotettu yleisömäärä').inputValue()).resolves.toBe('100');
    await expect(page.getByLabel('Uusi rakennus').count()).resolves.toBe(0);
    await page.getByLabel('Odotettu yleisömäärä').fill('600');
    await page.getByRole('button', { name: 'Näytä lupapolku' }).click();
    await page.locator('ol.permit-path').waitFor();
    const headings = await page.locator('ol.permit-path h5').allTextContents();
    expect(headings.join('|')).toMatch(/Yleisötilaisuuden ilmoitus poliisille/);
    expect(headings.join('|')).toMatch(/pelastussuunnitelma/);
    // Notices keep the catalogue's period, said in Finnish.
    await expect(page.locator('ol.permit-path .permits-source').first().textContent()).resolves.toBe(
      'lupaluettelon tyypillinen aika',
    );
    const contacts = page.locator('.permits-contacts li');
    await expect(contacts.first().textContent()).resolves.toMatch(/Avainasiakaspäällikkö, Roihupelto/);
    await page.context().close();
  });

  it('a refused value is explained, not swallowed', async () => {
    const { page } = await open('en');
    await page.getByLabel('What will you do on the plot?').selectOption('public-event');
    await page.getByLabel('Expected visitors').fill('');
    await page.getByRole('button', { name: 'Show the permit path' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Check the project details/);
    await page.context().close();
  });

  it('has no accessibility violations with a result shown', async () => {
    const { page } = await open('sv');
    await page.getByLabel('Vad planerar du på tomten?').selectOption('restaurant-cafe');
    await page.getByRole('button', { name: 'Visa tillståndsvägen' }).click();
    await page.locator('ol.permit-path').waitFor();
    await page.locator('.permits-contacts li').first().waitFor();
    const result = await new AxeBuilder({ page }).include('section').analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.context().close();
  });
});
