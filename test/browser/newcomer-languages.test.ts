/**
 * Issue 20, languages and exports: MapLibre's control titles in the chosen language, one
 * remembered language across the three pages, the export dialog by keyboard and on a phone
 * (focus on the chosen format, Download a few Tabs away, focus kept inside, Escape back to its
 * button), GeoJSON in lon/lat without `crs`, CSV in the list's order, the card's PDF links, and a
 * map image in print. Languages are looped inside one page per viewport.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUrl, DESKTOP, launch, newPage, PHONE, screenshot, somePlot, waitForMap } from './browser.ts';

const LANGS = ['fi', 'sv', 'en'] as const;
const ZOOM_IN = { fi: 'Lähennä', sv: 'Zooma in', en: 'Zoom in' };
const DOWNLOAD = { fi: 'Lataa', sv: 'Ladda ned', en: 'Download' };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Where focus is: inside the export dialog or not, and the focused control's text or value. */
const focusInDialog = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      inside: !!el?.closest('dialog[open]'),
      text: el instanceof HTMLInputElement ? `${el.type}:${el.value}` : (el?.textContent ?? '').trim(),
    };
  });

const RESULTS = { fi: 'Tulokset', sv: 'Resultat', en: 'Results' };

async function openResults(page: Page, lang: keyof typeof RESULTS): Promise<void> {
  await page.getByRole('tab', { name: RESULTS[lang], exact: true }).click();
  await page.locator('.plot-list li').first().waitFor();
}

describe('languages', () => {
  test('MapLibre controls speak the chosen language, also after switching', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=fi'));
    await waitForMap(page);
    const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
    expect(await zoomIn.getAttribute('title')).toBe(ZOOM_IN.fi);
    for (const lang of ['sv', 'en', 'fi'] as const) {
      await page.locator(`.lang-switch button[lang=${lang}]`).click();
      await expect.poll(() => zoomIn.getAttribute('title')).toBe(ZOOM_IN[lang]);
      expect(await zoomIn.getAttribute('aria-label')).toBe(ZOOM_IN[lang]);
    }
    await context.close();
  });

  test('a language chosen on one page holds on the others; the old staff/apply key is taken over', async () => {
    const { page, context } = await newPage(browser, { locale: 'fi-FI' });
    await page.goto(appUrl('?lang=fi'));
    await waitForMap(page);
    await page.locator('.lang-switch button[lang=sv]').click();
    for (const path of ['staff.html', 'apply.html', '']) {
      await page.goto(appUrl(path));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sv');
    }
    // A browser that chose English on the staff page before the key was shared.
    await page.evaluate(() => {
      localStorage.removeItem('tonttiluukku.lang');
      localStorage.setItem('tl.lang', 'en');
    });
    await page.goto(appUrl(''));
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(
      await page.evaluate(() => [localStorage.getItem('tl.lang'), localStorage.getItem('tonttiluukku.lang')]),
    ).toEqual([null, 'en']);
    await context.close();
  });
});

describe('Finnish fits', () => {
  test('the zone label stays beside its value and the sort box shows its longest choice, desktop and phone', async () => {
    const plot = await somePlot('sub_district=456');
    for (const [viewport, phone] of [
      [DESKTOP, false],
      [PHONE, true],
    ] as const) {
      const { page, context } = await newPage(browser, { viewport, phone });
      await page.goto(appUrl(`?lang=fi&plot=${plot.id}`));
      const card = page.getByRole('region', { name: plot.property_id });
      await card.waitFor();
      const fact = card.locator('.fact', { has: page.locator('dt', { hasText: 'Joukkoliikennevyöhyke' }) });
      const [dt, dd] = await Promise.all([
        fact.locator('dt').boundingBox(),
        fact.locator('dd').boundingBox(),
      ]);
      // The label's text ends before its value begins.
      const textRight = await fact.locator('dt').evaluate((el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return Math.max(...[...r.getClientRects()].map((b) => b.right));
      });
      expect(textRight).toBeLessThanOrEqual(dd!.x);
      expect(dt!.x + dt!.width).toBeLessThanOrEqual(dd!.x);
      await screenshot(page, `newcomer-card-fi-${phone ? 'phone' : 'desktop'}`);

      await page.goto(appUrl('?lang=fi'));
      await openResults(page, 'fi');
      const fits = await page.locator('.list-controls select').evaluate((el: HTMLSelectElement) => {
        const g = document.createElement('canvas').getContext('2d')!;
        g.font = getComputedStyle(el).font;
        const longest = Math.max(...[...el.options].map((o) => g.measureText(o.text).width));
        // Text plus the padding and the arrow the select draws (about 24 px).
        return { longest: Math.ceil(longest + 24), width: el.clientWidth };
      });
      expect(fits.longest).toBeLessThanOrEqual(fits.width);
      await context.close();
    }
  });
});

describe('the export dialog', () => {
  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    test(`keyboard and layout in fi/sv/en on ${name}`, async () => {
      const { page, context } = await newPage(browser, { viewport, phone: name === 'phone' });
      for (const lang of LANGS) {
        await page.goto(appUrl(`?lang=${lang}`));
        await openResults(page, lang);
        const opener = page.locator('.export-open');
        await opener.focus();
        await page.keyboard.press('Enter');
        const dialog = page.locator('dialog.export-dialog[open]');
        await dialog.waitFor();
        // Focus on the selected format (XLSX), not on the first radio.
        expect(await focusInDialog(page)).toEqual({ inside: true, text: 'radio:xlsx' });
        let tabs = 0;
        while ((await focusInDialog(page)).text !== DOWNLOAD[lang] && tabs < 20) {
          await page.keyboard.press('Tab');
          tabs++;
        }
        expect(tabs, 'Tabs from the format to Download').toBeLessThanOrEqual(6);
        // Past Download (the last control) Tab comes back to the first; Shift+Tab goes back out of it.
        await page.keyboard.press('Tab');
        expect((await focusInDialog(page)).inside).toBe(true);
        for (let i = 0; i < 12; i++) {
          await page.keyboard.press('Shift+Tab');
          expect((await focusInDialog(page)).inside, `Shift+Tab ${i + 1}`).toBe(true);
        }
        const box = (await dialog.getByRole('button', { name: DOWNLOAD[lang] }).boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        if (lang === 'fi') {
          await screenshot(page, `newcomer-export-${name}`);
          expect(await seriousViolations(page)).toEqual([]);
        }
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' }).catch(() => {});
        await expect.poll(() => page.locator('dialog.export-dialog').getAttribute('open')).toBeNull();
        expect(await page.evaluate(() => document.activeElement?.className)).toBe('export-open');
      }
      await context.close();
    });
  }

  test('GeoJSON comes in lon/lat without crs; CSV rows in the list order', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=en&sort=-area_m2&list=all'));
    await openResults(page, 'en');
    const listed = await page
      .locator('.plot-list li button.row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-plot-id'))));
    expect(listed.length).toBeGreaterThan(5);

    const download = async (format: string): Promise<string> => {
      await page.locator('.export-open').click();
      await page.locator(`dialog[open] input[name=format][value=${format}]`).check();
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('dialog[open]').getByRole('button', { name: 'Download' }).click(),
      ]);
      const text = fs.readFileSync((await file.path())!, 'utf8');
      await page.keyboard.press('Escape');
      return text;
    };

    const fc = JSON.parse(await download('geojson')) as {
      crs?: unknown;
      features: { id: number; geometry: { coordinates: number[][][][] } }[];
    };
    expect(fc.crs).toBeUndefined();
    const [lon, lat] = fc.features[0]!.geometry.coordinates[0]![0]![0]!;
    expect([lon! > 24.7 && lon! < 25.3, lat! > 60.1 && lat! < 60.3]).toEqual([true, true]);
    // GeoJSON feature ids are the plot ids: the same order as the list, too.
    expect(fc.features.slice(0, listed.length).map((f) => f.id)).toEqual(listed);

    const csv = (await download('csv')).replace(/^\uFEFF/, '').split('\r\n');
    const ids = csv.slice(1, 1 + listed.length).map((l) => Number(l.split(/[;,]/)[0]));
    expect(ids).toEqual(listed);
    await context.close();
  });
});

describe('the card', () => {
  test('has PDF links that download PDFs, and print shows the map image', async () => {
    const plot = await somePlot('sub_district=456');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl(`?lang=fi&plot=${plot.id}`));
    await page.getByRole('region', { name: plot.property_id }).waitFor();
    await waitForMap(page);
    await page.getByRole('button', { name: /Lisää muistilistalle/ }).click();
    for (const name of [/Tonttikortti \(PDF\)/, /Muistilista \(PDF, 1 tonttia\)/]) {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ]);
      const head = fs
        .readFileSync((await file.path())!)
        .subarray(0, 5)
        .toString('latin1');
      expect(head, String(name)).toBe('%PDF-');
    }
    expect(await seriousViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    const img = page.locator('img.print-map-image');
    await img.waitFor({ state: 'visible' });
    // The image is the drawn map: many colours, not a blank canvas.
    const colours = await img.evaluate(async (el: HTMLImageElement) => {
      await el.decode();
      const c = document.createElement('canvas');
      c.width = el.naturalWidth;
      c.height = el.naturalHeight;
      const g = c.getContext('2d')!;
      g.drawImage(el, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(20);
    expect(await img.getAttribute('alt')).toBe('Kartta tulostushetkellä');
    await screenshot(page, 'newcomer-print-card');
    await page.emulateMedia({ media: 'screen' });
    expect(await img.isVisible()).toBe(false);
    await context.close();
  });
});
