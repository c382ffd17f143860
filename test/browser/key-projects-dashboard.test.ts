/**
 * Business Services' dashboard and the public processing-time page in the browser, over the demo
 * key customer manager's demo projects with a year of case history: every table figure is the
 * API's, the charts are drawn, the overdue case links to its project, the public page opens
 * signed out with the same figures; axe-clean in fi, sv and en, desktop and phone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/index.ts';
import { seedDemoKeyManager, DEMO_KEY_MANAGER } from '../../server/key-projects/demo.ts';
import { seedDemoProjects } from '../../server/key-projects/demo-history.ts';
import { createLogger } from '../../server/log.ts';
import { start, type Running } from '../../server/main.ts';
import { testConfig } from '../helpers/server.ts';
import { preparePgliteTemplate } from '../helpers/template.ts';
import { buildClientIfStale } from './app-server.ts';
import { launch } from './browser.ts';

let db: Db;
let dir: string;
let server: Running;
let base: string;
let browser: Browser;
const PASSWORD = 'esittelytilien salasana 1';
const SHOTS = os.tmpdir();

type Text = { fi: string; sv: string; en: string };
interface Group {
  permit: Text;
  department: Text;
  cases: number;
  medianDays: number;
  p90Days: number;
  expectedDays: { min: number; max: number };
}
interface Dashboard {
  keyProjects: number;
  byStage: Array<{ names: Text; projects: number }>;
  byArea: Array<{ projects: number }>;
  processingTimes: { groups: Group[] };
  overdue: Array<{ projectId: string; project: string; daysOver: number }>;
  includesDemo: boolean;
}

beforeAll(async () => {
  await buildClientIfStale();
  dir = path.join(os.tmpdir(), `tl-dash-${crypto.randomUUID()}`);
  fs.cpSync(await preparePgliteTemplate(), dir, { recursive: true });
  db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 30_000 });
  server = await start(testConfig({ serveClient: true, dataDir: dir }), createLogger('silent'), { db });
  base = server.url.replace('localhost', '127.0.0.1');
  // What a first `npm start` makes: the demo manager, then the demo projects and their history.
  await seedDemoKeyManager(db, PASSWORD);
  expect(await seedDemoProjects(db, PASSWORD)).toBeGreaterThan(0);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function context(viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport, locale: 'en-GB', reducedMotion: 'reduce' });
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

/** Rows of a table's body, each cell's text (header cells included). */
const rows = (page: Page, table: string) =>
  page
    .locator(`table[data-table="${table}"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? '')));

/** Per chart canvas on the page, how many of its pixels are painted. */
const paintedPixels = (page: Page) =>
  page.locator('canvas').evaluateAll((cs) =>
    (cs as HTMLCanvasElement[]).map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    }),
  );

const timesRows = (groups: Group[]) =>
  groups.map((g) => [
    g.permit.en,
    g.department.en,
    g.cases.toLocaleString('en-GB'),
    g.medianDays.toLocaleString('en-GB'),
    g.p90Days.toLocaleString('en-GB'),
    `${g.expectedDays.min}–${g.expectedDays.max}`,
  ]);

async function switchLang(page: Page, lang: string) {
  await page.locator(`nav button[lang="${lang}"]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe('key-project dashboard and public statistics', () => {
  it('shows the demo manager the API figures in tables and drawn charts, axe-clean in fi, sv and en', async () => {
    const { page, errors } = await context();
    await page.goto(`${base}/apply.html?lang=en`);
    await page.getByLabel('E-mail').fill(DEMO_KEY_MANAGER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Key projects' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Key project views' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    const api = await page.evaluate(() =>
      fetch('/api/key-projects/dashboard').then((r) => r.json() as Promise<Dashboard>),
    );
    expect(api.keyProjects).toBeGreaterThan(0);
    expect(api.processingTimes.groups.length).toBeGreaterThan(0);
    expect(api.includesDemo).toBe(true);
    await page.getByText(`Your key projects: ${api.keyProjects}`).waitFor();
    await page.getByRole('note').getByText('The figures include demo data.').waitFor();
    expect(await rows(page, 'by-stage')).toEqual(api.byStage.map((s) => [s.names.en, String(s.projects)]));
    expect((await rows(page, 'by-area')).map((r) => r[1])).toEqual(api.byArea.map((a) => String(a.projects)));
    expect(await rows(page, 'times')).toEqual(timesRows(api.processingTimes.groups));
    if (api.overdue.length)
      expect((await rows(page, 'overdue')).map((r) => [r[0], r[6]])).toEqual(
        api.overdue.map((o) => [o.project, String(o.daysOver)]),
      );

    // Three charts, each named, each with painted pixels.
    await expect.poll(() => page.locator('canvas').count()).toBe(3);
    const names = await page
      .locator('canvas')
      .evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')));
    expect(names).toEqual([
      'Key projects by stage',
      'Key projects by business area (first plot)',
      'Processing times, 12 months: median and 90th percentile per permit type and department',
    ]);
    await expect.poll(async () => Math.min(...(await paintedPixels(page)))).toBeGreaterThan(500);

    expect(await axe(page), 'en').toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-desktop.png'), fullPage: true });
    for (const lang of ['fi', 'sv']) {
      await switchLang(page, lang);
      await page.locator('table[data-table="times"] caption').waitFor();
      expect(await axe(page), lang).toEqual([]);
    }
    expect(await rows(page, 'by-stage')).toEqual(api.byStage.map((s) => [s.names.sv, String(s.projects)]));

    // A late case's project opens in the workspace.
    const late = api.overdue[0];
    if (late) {
      await switchLang(page, 'en');
      await page
        .locator('table[data-table="overdue"]')
        .getByRole('link', { name: late.project })
        .first()
        .click();
      await page.getByRole('heading', { name: late.project, level: 1 }).waitFor();
      await page.locator('.key-cases').waitFor();
    }
    expect(late, 'the demo history has a case past its expected time').toBeDefined();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/apply.html?lang=fi#dashboard`);
    await page.locator('canvas').nth(2).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axe(page), 'fi phone').toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows anyone signed out the public processing times, table first, axe-clean in fi, sv and en', async () => {
    const { page, errors } = await context();
    await page.goto(`${base}/statistics.html?lang=en`);
    await page.getByRole('heading', { name: 'Permit processing times', level: 1 }).waitFor();
    const api = await page.evaluate(() =>
      fetch('/api/statistics/processing-times').then(
        (r) => r.json() as Promise<{ groups: Group[]; includesDemo: boolean }>,
      ),
    );
    expect(api.groups.length).toBeGreaterThan(0);
    expect(await rows(page, 'times')).toEqual(timesRows(api.groups));
    await page
      .getByRole('note')
      .getByText(/^Demo data/)
      .waitFor();
    await expect.poll(async () => (await paintedPixels(page))[0] ?? 0).toBeGreaterThan(500);
    expect(
      await page.evaluate(() => {
        const t = document.querySelector('table[data-table="times"]')!;
        const c = document.querySelector('canvas')!;
        return Boolean(t.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
      }),
      'the table comes before the chart',
    ).toBe(true);
    expect(await axe(page), 'en').toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'statistics-desktop.png'), fullPage: true });
    for (const lang of ['fi', 'sv']) {
      await switchLang(page, lang);
      await page
        .getByRole('heading', {
          level: 1,
          name: lang === 'fi' ? 'Lupien käsittelyajat' : /handläggningstider/,
        })
        .waitFor();
      expect(await axe(page), lang).toEqual([]);
    }
    expect(new URL(page.url()).searchParams.get('lang')).toBe('sv');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('canvas').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axe(page), 'sv phone').toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'statistics-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
