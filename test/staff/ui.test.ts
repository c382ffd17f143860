/**
 * The staff page in headless Chromium: a publisher signs in, imports the semicolon CSV,
 * confirms the inferred coordinate system, fixes the flagged row, commits, publishes one plot
 * and sees its history. The page is built into a temporary folder and served in front of the
 * real API.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { createUser } from '../../server/auth/users.ts';
import { PASSWORD } from '../auth/client.ts';
import { buildClient } from '../helpers/build.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { FIXTURES } from '../import/upload.ts';

let db: TestDb;
let api: Running;
let front: http.Server;
let base = '';
let browser: Browser;
let page: Page;
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-staff-ui-'));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
};

beforeAll(async () => {
  db = await openTestDb();
  api = await startTestServer(db);
  await buildClient({ logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
  // Static files from the build, everything else to the API server.
  front = http.createServer((req, res) => {
    const file = path.join(outDir, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (file.startsWith(outDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
      fs.createReadStream(file).pipe(res);
      return;
    }
    const p = http.request(api.url + req.url, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    req.pipe(p);
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
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
      '--use-angle=swiftshader',
    ],
  });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => front?.close(r));
  await api?.stop();
  await db?.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('staff page', { timeout: 90_000 }, () => {
  it('refuses a wrong password with a translated message', async () => {
    await createUser(
      db,
      { email: 'ui-publisher@example.org', password: PASSWORD, role: 'publisher' },
      { userId: null, actor: 'test' },
    );
    await page.goto(`${base}/staff.html?lang=fi`);
    await page.getByLabel('Sähköposti').fill('ui-publisher@example.org');
    await page.getByLabel('Salasana').fill('wrong password here');
    await page.getByRole('button', { name: 'Kirjaudu' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Väärä sähköpostiosoite tai salasana.');
  });

  it('signs in, imports the CSV, fixes the preview, commits and publishes', async () => {
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'tontit-excel-1252.csv'));
    await page.getByRole('button', { name: 'Import', exact: true }).last().click();
    await expect
      .poll(() => page.getByText('Inferred from the coordinates').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await page.getByText('Same identifier more than once in the file').count()).toBeGreaterThan(0);
    const commit = page.getByRole('button', { name: /Import as drafts/ });
    expect(await commit.isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Confirm the coordinate system' }).click();
    await expect.poll(() => page.getByText('✓ Confirmed').count()).toBe(1);
    // Row 3 repeats row 2's identifier: give it its own.
    await page.getByLabel('Fix Property identifier').last().fill('091-010-0601-0003');
    await page.getByRole('button', { name: 'Fix', exact: true }).last().click();
    await expect.poll(() => commit.isDisabled()).toBe(false);
    await commit.click();
    await expect
      .poll(() =>
        page
          .getByText(
            'Imported: 3 new drafts, 0 updated plots, 0 changes to published plots as drafts, 0 unchanged.',
          )
          .count(),
      )
      .toBe(1);

    await page.getByRole('button', { name: 'Plots', exact: true }).click();
    await page.getByLabel('Search by identifier or address').fill('091-010-0601-0003');
    await page.getByRole('button', { name: '091-010-0601-0003' }).click();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.locator('h2 .badge.published').textContent()).toBe('Published');
    const history = page.locator('table').last();
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    expect(await history.textContent()).toContain('Import tontit-excel-1252.csv');

    const [row] = await db.query<{ status: string; address: string }>(
      `SELECT status, address FROM plots WHERE property_id = '091-010-0601-0003'`,
    );
    expect(row).toEqual({ status: 'published', address: 'Työpajankatu 6' });
  });

  it('moves a vertex of the outline on the map and saves it as a new version', async () => {
    const [before] = await db.query<{ area: number; version: number }>(
      `SELECT area_m2::float8 AS area, version FROM plots WHERE property_id = '091-010-0601-0003'`,
    );
    await page.getByRole('button', { name: /Move vertices/ }).click();
    const handles = page.locator('.vertex-handle');
    await expect.poll(() => handles.count()).toBeGreaterThan(2);
    // The top-most corner: the bottom of the map is under the attribution control.
    const boxes = await Promise.all((await handles.all()).map((h) => h.boundingBox()));
    const box = boxes.filter(Boolean).sort((p, q) => p!.y - q!.y)[0]!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 30, box.y + 20, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.getByText('Outline changed: save it.').count()).toBe(1);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Outline changed: save it.').count()).toBe(0);
    const [after] = await db.query<{ area: number; version: number }>(
      `SELECT area_m2::float8 AS area, version FROM plots WHERE property_id = '091-010-0601-0003'`,
    );
    expect(after!.version).toBe(before!.version + 1);
    expect(after!.area).not.toBe(before!.area);
  });

  it('splits the plot by a line drawn across it: two drafts, the old plot withdrawn', async () => {
    const [before] = await db.query<{ area: number }>(
      `SELECT area_m2::float8 AS area FROM plots WHERE property_id = '091-010-0601-0003'`,
    );
    // Where the outline lies on screen: its vertex handles.
    const move = page.getByRole('button', { name: /Move vertices/ });
    if ((await move.getAttribute('aria-pressed')) !== 'true') await move.click();
    const handles = page.locator('.vertex-handle');
    await expect.poll(() => handles.count()).toBeGreaterThan(2);
    const boxes = (await Promise.all((await handles.all()).map((h) => h.boundingBox()))).filter((b) => !!b);
    const xs = boxes.map((b) => b.x + b.width / 2);
    const ys = boxes.map((b) => b.y + b.height / 2);
    const midY = (Math.min(...ys) + Math.max(...ys)) / 2;

    await page.getByRole('button', { name: /Split by a line/ }).click();
    await expect.poll(() => handles.count()).toBe(0);
    await page.mouse.click(Math.min(...xs) - 25, midY);
    await page.mouse.click(Math.max(...xs) + 25, midY);
    await page.getByRole('button', { name: /Finish line \(2\)/ }).click();
    const form = page.getByRole('form', { name: 'Split plot' });
    await form.getByLabel('Property identifier of the larger part').fill('091-010-0601-0011');
    await form.getByLabel('Property identifier of the smaller part').fill('091-010-0601-0012');
    await form.getByRole('button', { name: 'Split plot' }).click();
    await expect
      .poll(() => page.getByText('Plot split: 091-010-0601-0011, 091-010-0601-0012 (drafts).').count())
      .toBe(1);
    await expect.poll(() => page.getByRole('note').textContent()).toContain('091-010-0601-0011');

    const rows = await db.query<{ property_id: string; status: string; area: number }>(
      `SELECT property_id, status, area_m2::float8 AS area FROM plots
        WHERE property_id LIKE '091-010-0601-00%' AND property_id >= '091-010-0601-0003' ORDER BY property_id`,
    );
    expect(rows.map((r) => [r.property_id, r.status])).toEqual([
      ['091-010-0601-0003', 'withdrawn'],
      ['091-010-0601-0011', 'draft'],
      ['091-010-0601-0012', 'draft'],
    ]);
    const [, larger, smaller] = rows;
    expect(larger!.area).toBeGreaterThanOrEqual(smaller!.area);
    expect(larger!.area + smaller!.area).toBeCloseTo(before!.area, 0);
  });
});
