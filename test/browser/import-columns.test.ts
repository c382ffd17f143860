/**
 * The staff import page with the city's own kinds of CSV: the geometry column found by its
 * values is shown and can be changed (the file is read again with the choice), and source
 * columns the mapping leaves out are listed as warnings with their probable field. axe finds
 * no serious or critical violations in either state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../import/upload.ts';
import { ARTIFACTS } from './browser.ts';
import { seriousAxe, startStaffApp, type StaffApp } from './staff-app.ts';

const PUBLISHER = 'julkaisija.sarakkeet@example.org';
const PASSWORD = 'julkaisijan salasana 1';

let app: StaffApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  app = await startStaffApp('import-columns', { email: PUBLISHER, password: PASSWORD });
  ({ base, browser } = app);
});
afterAll(async () => {
  await app?.close();
});

async function importPage(lang: 'en' | 'fi'): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/staff.html?lang=${lang}&tab=import`);
  await page.getByLabel(lang === 'en' ? 'E-mail' : 'Sähköposti').fill(PUBLISHER);
  await page.getByLabel(lang === 'en' ? 'Password' : 'Salasana').fill(PASSWORD);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : 'Kirjaudu' }).click();
  return { page, errors };
}

/** Chooses the file and presses the upload toolbar's button (the tab of the page has its name too). */
async function send(page: Page, file: string, button: string) {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.locator('.panel.toolbar').getByRole('button', { name: button, exact: true }).click();
}

describe('import columns in the staff page', () => {
  it('shows the geometry column found by its values, and reads the file again with another', async () => {
    const { page, errors } = await importPage('en');
    const csv = path.join(os.tmpdir(), `kaksi-rajausta-${crypto.randomUUID()}.csv`);
    const sq = (e: number) =>
      `POLYGON((${e} 6672000, ${e + 50} 6672000, ${e + 50} 6672050, ${e} 6672050, ${e} 6672000))`;
    fs.writeFileSync(
      csv,
      `tunnus;geometria_wkt;vanha_rajaus\n091-010-0701-0020;"${sq(25496000)}";"${sq(25499000)}"\n`,
    );
    await send(page, csv, 'Import');
    const picker = page.getByRole('group', { name: 'Location' });
    await expect.poll(() => picker.textContent()).toContain('The location is read from geometria_wkt (WKT).');
    const column = picker.getByLabel('Location column (WKT, WKB or GeoJSON)');
    await expect(column.inputValue()).resolves.toBe('geometria_wkt');
    await expect(column.locator('option', { hasText: 'vanha_rajaus (detected: WKT)' }).count()).resolves.toBe(
      1,
    );
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-import-geometry-column-en.png') });

    await column.selectOption('vanha_rajaus');
    await picker.getByRole('button', { name: 'Read the file again' }).click();
    await expect
      .poll(() => picker.textContent())
      .toContain('The location is read from the column you chose, vanha_rajaus (WKT).');
    // The outline it was not read from is an attribute now, and so a column not imported.
    const unmapped = page.getByRole('region', { name: /Columns not imported/ });
    await expect(unmapped.textContent()).resolves.toContain('geometria_wkt');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('asks for the column when none is found, and lists unmapped columns with their probable field', async () => {
    const { page, errors } = await importPage('fi');
    const none = path.join(os.tmpdir(), `ei-sijaintia-${crypto.randomUUID()}.csv`);
    fs.writeFileSync(none, 'kiinteistotunnus;osoite\n091-040-0100-0001;Katu 1\n');
    await send(page, none, 'Tuonti');
    await page
      .getByRole('group', { name: 'Sijainti' })
      .getByRole('alert')
      .filter({ hasText: 'Tiedostosta ei löytynyt sijaintisaraketta' })
      .waitFor();
    expect(await seriousAxe(page)).toEqual([]);

    await send(page, path.join(FIXTURES, 'tontit-kuvaavat-nimet.csv'), 'Tuonti');
    const unmapped = page.getByRole('region', { name: /Sarakkeet, joita ei tuoda \(2\)/ });
    await unmapped.waitFor();
    const items = await unmapped.getByRole('listitem').allTextContents();
    expect(items[0]).toBe('yhteyshenkilo: ei vastaavaa kenttää');
    expect(items[1]).toMatch(/^vanha_rakennusoikeus: todennäköisesti Rakennusoikeus/);
    await expect(
      page
        .getByLabel(/^Rakennusoikeus/)
        .first()
        .inputValue(),
    ).resolves.toBe('rakennusoikeus_kem2');
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-import-unmapped-fi.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
