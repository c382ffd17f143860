/**
 * The background switcher on the staff plot editor's map, against MapServer under lighttpd on
 * loopback: choosing its WMS draws the districts in the WMS's colour beneath the outline, the
 * attribution names it, the choice is remembered on the next visit, the switcher is axe-clean
 * and speaks fi/sv/en.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBasemaps } from '../../server/basemap/catalog.ts';
import { countColours, hex, screenshot } from './browser.ts';
import { startTestMapServer, WMS_FILL, type TestMapServer } from './mapserver.ts';
import { seriousAxe, startStaffApp, type StaffApp } from './staff-app.ts';

const PUBLISHER = 'julkaisija.taustakartta@example.org';
const PASSWORD = 'julkaisijan salasana 15';

let mapServer: TestMapServer;
let app: StaffApp;
beforeAll(async () => {
  mapServer = await startTestMapServer();
  const basemaps = parseBasemaps(
    JSON.stringify([
      {
        id: 'test-wms',
        type: 'wms',
        url: mapServer.wmsUrl,
        layer: 'districts_wms',
        name: { fi: 'WMS (testi)', sv: 'WMS (test)', en: 'WMS (test)' },
        attribution: 'Test WMS, districts © Helsingin kaupunki',
      },
    ]),
  );
  app = await startStaffApp('staff-basemap', { email: PUBLISHER, password: PASSWORD }, { basemaps });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await mapServer?.stop();
});

const LABELS = { fi: 'Karttatasot', sv: 'Kartlager', en: 'Map layers' } as const;

describe('background maps on the staff map', () => {
  it('switches the plot editor map to the WMS, remembers it, axe-clean in fi/sv/en', async () => {
    const { db, base, browser } = app;
    const [p] = await db.query<{ property_id: string }>(
      `SELECT property_id FROM plots WHERE status = 'published' ORDER BY id LIMIT 1`,
    );
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/staff.html?lang=fi`);
    await page.getByLabel('Sähköposti').fill(PUBLISHER);
    await page.getByLabel('Salasana').fill(PASSWORD);
    await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    await page.getByRole('searchbox').fill(p!.property_id);
    await page.locator('tbody tr').getByRole('button', { name: p!.property_id }).click();

    const map = page.locator('.staff-map .map-preview').first();
    await map.locator('canvas').waitFor();
    await map.scrollIntoViewIfNeeded();
    const wms = async () => {
      const box = (await map.boundingBox())!;
      return (await countColours(page, { wms: hex(WMS_FILL) }, { clip: box, tolerance: 30 })).wms;
    };
    const area = async () => {
      const box = (await map.boundingBox())!;
      return box.width * box.height;
    };
    expect(await wms()).toBeLessThan(200); // the built-in map has none of the WMS's colour

    const toggle = page.getByRole('button', { name: LABELS.fi, exact: true });
    await toggle.click();
    const panel = page.getByRole('group', { name: LABELS.fi });
    await panel.getByRole('radio', { name: 'WMS (testi)' }).check();
    const full = await area();
    await expect.poll(wms, { timeout: 20_000 }).toBeGreaterThan(full * 0.2);
    await expect
      .poll(() => page.locator('.staff-map .maplibregl-ctrl-attrib').textContent())
      .toMatch(/Test WMS/);
    expect(await seriousAxe(page)).toEqual([]);
    await screenshot(page, 'staff-basemap-fi');

    // Remembered: the next visit's map opens on the WMS, its radio checked.
    await page.reload();
    await page.getByRole('searchbox').fill(p!.property_id);
    await page.locator('tbody tr').getByRole('button', { name: p!.property_id }).click();
    await map.locator('canvas').waitFor();
    await map.scrollIntoViewIfNeeded();
    await expect.poll(wms, { timeout: 20_000 }).toBeGreaterThan(full * 0.2);

    for (const lang of ['sv', 'en'] as const) {
      await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
      const button = page.getByRole('button', { name: LABELS[lang], exact: true });
      await button.click();
      const group = page.getByRole('group', { name: LABELS[lang] });
      expect(await group.getByRole('radio', { name: 'WMS (test)' }).isChecked()).toBe(true);
      expect(await seriousAxe(page)).toEqual([]);
      await screenshot(page, `staff-basemap-${lang}`);
      await button.click();
    }
    expect(errors).toEqual([]);
    await ctx.close();
  }, 240_000);
});
