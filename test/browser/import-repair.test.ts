/**
 * The staff import page with a bow-tie plot: the repair that halves it is shown with the area
 * before and after and the file's outline dashed over the repaired shape on the map; the
 * import waits until the publisher accepts it, then commits. axe finds no serious or critical
 * violations before or after the decision.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../import/upload.ts';
import { ARTIFACTS, countColours, hex } from './browser.ts';
import type { Db } from '../../server/db/index.ts';
import { seriousAxe, startStaffApp, type StaffApp } from './staff-app.ts';

const PUBLISHER = 'julkaisija.korjaukset@example.org';
const PASSWORD = 'julkaisijan salasana 2';

let app: StaffApp;
let db: Db;
let base: string;
let browser: Browser;

beforeAll(async () => {
  app = await startStaffApp('import-repair', { email: PUBLISHER, password: PASSWORD });
  ({ db, base, browser } = app);
});
afterAll(async () => {
  await app?.close();
});

describe('a geometry repair in the staff import page', () => {
  it('shows both areas and both shapes, waits for the decision, and commits once accepted', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}/staff.html?lang=en&tab=import`);
    await page.getByLabel('E-mail').fill(PUBLISHER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.locator('input[type=file]').setInputFiles(path.join(FIXTURES, 'bowtie-3879.geojson'));
    await page.locator('.panel.toolbar').getByRole('button', { name: 'Import', exact: true }).click();
    const repairs = page.getByRole('region', { name: 'Geometry repairs' });
    await repairs.waitFor();
    const item = repairs.getByRole('listitem');
    await expect(item.count()).resolves.toBe(1);
    await expect(item.textContent()).resolves.toMatch(
      /Row 1: Area in the file 5,465 m² → After the repair 2,733 m² \(change 50 %\)/,
    );
    // The problem table says it too, and the ring that only touched itself stays a warning.
    const problems = page.getByRole('table').filter({ hasText: 'The repair changes the area' });
    await expect(problems.textContent()).resolves.toContain(
      'The repair changes the area: accept it or exclude the row: 5,465 m² → 2,733 m² (50 %)',
    );
    const commit = page.getByRole('button', { name: /^Import as drafts/ });
    await expect(commit.isDisabled()).resolves.toBe(true);

    // The file's outline, dashed in near-black, over the repaired (red) triangles.
    await item.getByRole('button', { name: 'Show on map' }).click();
    await page.locator('.map-preview').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500);
    const box = (await page.locator('.map-preview').boundingBox())!;
    const colours = await countColours(
      page,
      { outline: hex('#212121') },
      // Above the attribution, whose text is dark too.
      { clip: { x: box.x, y: box.y, width: box.width, height: box.height - 80 }, tolerance: 25 },
    );
    expect(colours.outline).toBeGreaterThan(100);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-import-repair-en.png') });
    expect(await seriousAxe(page)).toEqual([]);

    await item.getByRole('button', { name: 'Accept repair' }).click();
    await expect.poll(() => item.textContent()).toContain('✓ Repair accepted');
    await expect.poll(() => commit.isDisabled()).toBe(false);
    expect(await seriousAxe(page)).toEqual([]);
    await commit.click();
    await page
      .getByRole('status')
      .filter({
        hasText:
          'Imported: 3 new drafts, 0 updated plots, 0 changes to published plots as drafts, 0 unchanged.',
      })
      .waitFor();
    const [plot] = await db.query<{ area_m2: number; status: string }>(
      `SELECT area_m2::float8, status FROM plots WHERE property_id = '091-465-0987-0001'`,
    );
    expect(plot).toEqual({ area_m2: 2733, status: 'draft' });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
