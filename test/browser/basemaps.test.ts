/**
 * Background maps against a real map server: MapServer under lighttpd on loopback serves the
 * shipped districts as a WMS and as a tile grid. The app switches to each and draws its tiles
 * (counted by colour in screenshots); with the server stopped, the map falls back to the
 * built-in basemap with a translated note, the plots still drawn and no page error.
 */
import AxeBuilder from '@axe-core/playwright';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseBasemaps } from '../../server/basemap/catalog.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import {
  countColours,
  hex,
  launch,
  mapClip,
  newPage,
  PHONE,
  screenshot,
  waitForMap,
  waitIdle,
} from './browser.ts';
import { startTestMapServer, TILES_FILL, WMS_FILL, type TestMapServer } from './mapserver.ts';

let mapServer: TestMapServer | undefined;
let styleServer: http.Server;
let app: AppServer;
let browser: Browser;

const names = (n: string) => ({ fi: `${n} (testi)`, sv: `${n} (test)`, en: `${n} (test)` });

// A MapLibre style of its own: one GeoJSON box over the city in a colour no other map here uses.
const STYLE_FILL = '#b8e03a';
const STYLE = {
  version: 8,
  sources: {
    box: {
      type: 'geojson',
      data: {
        type: 'Polygon',
        coordinates: [
          [
            [24.5, 60.0],
            [25.3, 60.0],
            [25.3, 60.4],
            [24.5, 60.4],
            [24.5, 60.0],
          ],
        ],
      },
    },
  },
  layers: [{ id: 'box-fill', type: 'fill', source: 'box', paint: { 'fill-color': STYLE_FILL } }],
};

beforeAll(async () => {
  mapServer = await startTestMapServer();
  styleServer = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.url !== '/style.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(STYLE));
  });
  await new Promise<void>((resolve) => styleServer.listen(0, '127.0.0.1', resolve));
  const styleUrl = `http://127.0.0.1:${(styleServer.address() as AddressInfo).port}`;
  const basemaps = parseBasemaps(
    JSON.stringify([
      {
        id: 'test-wms',
        type: 'wms',
        url: mapServer.wmsUrl,
        layer: 'districts_wms',
        name: names('WMS'),
        attribution: 'Test WMS, districts © Helsingin kaupunki',
      },
      {
        id: 'test-tiles',
        type: 'xyz',
        url: mapServer.tileTemplate,
        name: names('Tiles'),
        attribution: 'Test tiles, districts © Helsingin kaupunki',
      },
      {
        id: 'test-style',
        type: 'style',
        url: `${styleUrl}/style.json`,
        name: names('Style'),
        attribution: 'Test style box',
      },
      {
        id: 'test-style-gone',
        type: 'style',
        url: `${styleUrl}/gone.json`,
        name: names('Lost style'),
        attribution: 'Test lost style',
      },
    ]),
  );
  app = await startAppServer({ basemaps });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mapServer?.stop();
  await new Promise((resolve) => styleServer?.close(resolve));
});

const url = (q: string) => `${app.url}/${q}`;
// Pitäjänmäki and Konala: land, sea and plots. Written as the app writes it, so opening the link
// leaves the address as it is: a link the app rewrites at start loses the first change made after
// it from the address (the start-up back/forward check takes the rewrite for a step).
const VIEW = 'view=24.87000%2C60.22000%2C12';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('.basemap-switcher').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const colours = { wms: hex(WMS_FILL), tiles: hex(TILES_FILL), style: hex(STYLE_FILL) };

describe('background maps from a real map server', () => {
  test(
    'switch to the WMS and the tile grid, opacity and overlays in the URL, screenshots in fi/sv/en',
    { timeout: 120_000 },
    async () => {
      const { page, context, errors } = await newPage(browser);
      await page.goto(url(`?lang=fi&${VIEW}`));
      await waitForMap(page);
      const clip = await mapClip(page);
      const before = await countColours(page, colours, { clip, tolerance: 30 });
      expect(before.wms + before.tiles + before.style).toBeLessThan(200); // none is in the built-in map

      const toggle = page.getByRole('button', { name: 'Karttatasot' });
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      const panel = page.getByRole('group', { name: 'Karttatasot' });
      await expect.poll(() => panel.getByText(/kadut ja rakennukset vain keskustasta/).count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);

      const area = clip.width * clip.height;
      const drawn = async () => await countColours(page, colours, { clip, tolerance: 30 });
      await panel.getByRole('radio', { name: 'WMS (testi)' }).check();
      await expect.poll(() => page.evaluate(() => location.search)).toMatch(/bg=test-wms/);
      // The districts cover most of the view in the WMS's colour (plots and labels drawn over them).
      await expect.poll(async () => (await drawn()).wms, { timeout: 20_000 }).toBeGreaterThan(area * 0.2);
      await expect.poll(() => page.locator('.maplibregl-ctrl-attrib').textContent()).toMatch(/Test WMS/);

      await panel.getByRole('radio', { name: 'Tiles (testi)' }).check();
      await expect.poll(async () => (await drawn()).tiles, { timeout: 20_000 }).toBeGreaterThan(area * 0.2);
      expect((await drawn()).wms).toBeLessThan(200);

      // Back and forward step through the backgrounds chosen: the map and the switcher follow.
      await page.goBack();
      await expect.poll(() => page.evaluate(() => location.search)).toMatch(/bg=test-wms/);
      await expect.poll(async () => (await drawn()).wms, { timeout: 20_000 }).toBeGreaterThan(area * 0.2);
      expect((await drawn()).tiles).toBeLessThan(200);
      expect(await panel.getByRole('radio', { name: 'WMS (testi)' }).isChecked()).toBe(true);
      await page.goForward();
      await expect.poll(() => page.evaluate(() => location.search)).toMatch(/bg=test-tiles/);
      await expect.poll(async () => (await drawn()).tiles, { timeout: 20_000 }).toBeGreaterThan(area * 0.2);
      expect(await panel.getByRole('radio', { name: 'Tiles (testi)' }).isChecked()).toBe(true);

      // The slider from the keyboard: five steps of 10 % down.
      await page.locator('.basemap-panel input[type=range]').focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
      await panel.getByRole('checkbox', { name: 'Kaupunginosat ja osa-alueet' }).uncheck();
      await expect.poll(() => page.evaluate(() => location.search)).toMatch(/opacity=50/);
      expect(await page.evaluate(() => location.search)).toMatch(/overlays=zones/);
      expect(await seriousViolations(page)).toEqual([]);

      // Keyboard: Escape closes the panel and gives the focus back to its button.
      await page.locator('.basemap-panel input[value=test-tiles]').focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.className)).toMatch(/basemap-toggle/);

      // The choice is remembered: a fresh visit without the parameters opens with it.
      await page.goto(url(`?${VIEW}`));
      await waitForMap(page);
      expect(await page.evaluate(() => location.search)).toMatch(/bg=test-tiles/);

      for (const [lang, label] of [
        ['fi', 'Karttatasot'],
        ['sv', 'Kartlager'],
        ['en', 'Map layers'],
      ] as const) {
        await page.locator(`.lang-switch button[lang=${lang}]`).click();
        const button = page.getByRole('button', { name: label, exact: true });
        await button.click();
        await page.getByRole('group', { name: label }).waitFor();
        await waitIdle(page);
        await screenshot(page, `basemaps-desktop-${lang}`);
        await button.click();
      }
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  test('phone: the switcher fits the screen in fi/sv/en', async () => {
    const { page, context, errors } = await newPage(browser, { viewport: PHONE, phone: true });
    await page.goto(url(`?lang=fi&${VIEW}&bg=test-wms`));
    await waitForMap(page);
    for (const [lang, label] of [
      ['fi', 'Karttatasot'],
      ['sv', 'Kartlager'],
      ['en', 'Map layers'],
    ] as const) {
      if (lang !== 'fi') {
        await page.goto(url(`?lang=${lang}&${VIEW}&bg=test-wms`));
        await waitForMap(page);
      }
      await page.getByRole('button', { name: label, exact: true }).click();
      const box = (await page.getByRole('group', { name: label }).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `basemaps-phone-${lang}`);
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a style entry is drawn beneath the plots; a style that cannot be read falls back with the note', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(url(`?lang=en&${VIEW}&bg=test-style`));
    await waitForMap(page);
    const clip = await mapClip(page);
    const area = clip.width * clip.height;
    const drawn = async () => await countColours(page, colours, { clip, tolerance: 30 });
    await expect.poll(async () => (await drawn()).style, { timeout: 20_000 }).toBeGreaterThan(area * 0.2);
    await expect.poll(() => page.locator('.maplibregl-ctrl-attrib').textContent()).toMatch(/Test style box/);
    expect(await page.locator('.map').getAttribute('data-first-plots-idle')).not.toBeNull();
    await page.getByRole('button', { name: 'Map layers', exact: true }).click();
    const panel = page.getByRole('group', { name: 'Map layers' });
    expect(await panel.getByRole('radio', { name: 'Style (test)', exact: true }).isChecked()).toBe(true);

    await panel.getByRole('radio', { name: 'Lost style (test)' }).check();
    await expect
      .poll(() => page.getByTestId('basemap-fallback').textContent())
      .toContain('Lost style (test) is not answering: the built-in map is shown instead.');
    await expect.poll(async () => (await drawn()).style).toBeLessThan(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a stopped server: the built-in map comes back with a translated note, plots drawn, no page error', async () => {
    await mapServer!.stop();
    mapServer = undefined;
    const { page, context, errors } = await newPage(browser);
    for (const [lang, text] of [
      ['fi', 'WMS (testi) ei vastaa: näytetään sisäänrakennettu kartta.'],
      ['en', 'WMS (test) is not answering: the built-in map is shown instead.'],
    ] as const) {
      await page.goto(url(`?lang=${lang}&${VIEW}&bg=test-wms`));
      await waitForMap(page);
      const note = page.getByTestId('basemap-fallback');
      await expect.poll(() => note.textContent()).toContain(text);
      await waitIdle(page);
      const clip = await mapClip(page);
      const left = await countColours(page, colours, { clip, tolerance: 30 });
      expect(left.wms).toBeLessThan(200);
      if (lang === 'fi') await screenshot(page, 'basemaps-fallback-fi');
    }
    expect(await page.locator('.map').getAttribute('data-first-plots-idle')).not.toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});
