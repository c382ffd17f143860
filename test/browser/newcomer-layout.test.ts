/**
 * A newcomer's layout and keyboard journey (issue 20): on a phone the selected plot stays in
 * the strip above its card, which folds to a peek and unfolds; "Show on map" fits the plot above
 * the folded card; the comparison keeps its row labels in view; no field is under 16 px (iOS
 * zooms into those). On a desktop nothing covers the zoom buttons or the attribution with a
 * card open. By keyboard, focus follows "Results: N plots" and "Show the permit path". Every
 * state visited is axe clean (serious/critical), in Finnish, Swedish and English.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUrl, launch, newPage, readCount, screenshot, waitIdle } from './browser.ts';

const PHONE_812 = { width: 375, height: 812 };
const DESKTOP_1280 = { width: 1280, height: 800 };
const LANGS = ['fi', 'sv', 'en'] as const;
type Lang = (typeof LANGS)[number];

const T = {
  fi: {
    fold: 'Pienennä kortti ja näytä kartta',
    unfold: 'Näytä koko kortti',
    zoomTo: 'Näytä kartalla',
    filters: 'Rajaukset',
    shortlist: 'Muistilista',
    compare: 'Vertaa',
    activity: 'Mitä aiot tehdä tontilla?',
    submit: 'Näytä lupapolku',
  },
  sv: {
    fold: 'Minimera kortet och visa kartan',
    unfold: 'Visa hela kortet',
    zoomTo: 'Visa på kartan',
    filters: 'Avgränsningar',
    shortlist: 'Minneslista',
    compare: 'Jämför',
    activity: 'Vad planerar du på tomten?',
    submit: 'Visa tillståndsvägen',
  },
  en: {
    fold: 'Fold the card to show the map',
    unfold: 'Unfold the whole card',
    zoomTo: 'Show on map',
    filters: 'Filters',
    shortlist: 'Shortlist',
    compare: 'Compare',
    activity: 'What will you do on the plot?',
    submit: 'Show the permit path',
  },
} satisfies Record<Lang, Record<string, string>>;

interface Plot {
  id: number;
  property_id: string;
  geometry: { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown };
}
type Box = { x: number; y: number; width: number; height: number };

let browser: Browser;
let plots: Plot[];
beforeAll(async () => {
  browser = await launch();
  const list = (await fetch(appUrl('api/plots?sub_district=456&sort=-area_m2&limit=4')).then((r) =>
    r.json(),
  )) as { items: Array<{ id: number }> };
  plots = await Promise.all(
    list.items.map((it) => fetch(appUrl(`api/plots/${it.id}`)).then((r) => r.json() as Promise<Plot>)),
  );
  expect(plots).toHaveLength(4);
});
afterAll(async () => {
  await browser?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    // Off by default (experimental), and exactly what a voice-control user trips over.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every vertex of the plot's outline, projected to page pixels by the map's own camera. */
async function plotOnScreen(page: Page, plot: Plot): Promise<Box> {
  const rings = (
    plot.geometry.type === 'Polygon'
      ? (plot.geometry.coordinates as number[][][])
      : (plot.geometry.coordinates as number[][][][]).flat()
  ).flat() as Array<[number, number]>;
  const pts = await page.$eval(
    '.map',
    (el, lngLats) => {
      const api = (el as HTMLElement & { mapApi?: { project(p: [number, number]): [number, number] } })
        .mapApi!;
      const r = el.getBoundingClientRect();
      return lngLats.map((p) => {
        const [x, y] = api.project(p);
        return [x + r.x, y + r.y];
      });
    },
    rings,
  );
  const xs = pts.map((p) => p[0]!);
  const ys = pts.map((p) => p[1]!);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

const box = async (page: Page, selector: string): Promise<Box> =>
  (await page.locator(selector).boundingBox())!;
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The plot lies wholly on the map above the card sheet, and is big enough to see. */
async function expectPlotAboveSheet(page: Page, plot: Plot): Promise<void> {
  await waitIdle(page);
  const map = await box(page, '.map');
  const sheet = await box(page, '[data-testid=plot-card]');
  const p = await plotOnScreen(page, plot);
  expect(p.x).toBeGreaterThanOrEqual(0);
  expect(p.x + p.width).toBeLessThanOrEqual(PHONE_812.width);
  expect(p.y).toBeGreaterThanOrEqual(map.y);
  expect(p.y + p.height).toBeLessThanOrEqual(sheet.y);
  expect(Math.max(p.width, p.height)).toBeGreaterThan(40);
}

describe('newcomer layout and keyboard', () => {
  test('phone: the plot beside its card, fold and unfold, show on map, 16 px fields', async () => {
    const { page, context, errors } = await newPage(browser, { viewport: PHONE_812, phone: true });
    const plot = plots[0]!;
    for (const lang of LANGS) {
      const t = T[lang];
      await page.goto(appUrl(`?lang=${lang}&plot=${plot.id}`));
      const card = page.getByRole('region', { name: plot.property_id });
      await card.waitFor();
      await page.waitForSelector('.map[data-first-plots-idle]');
      await expectPlotAboveSheet(page, plot);
      await screenshot(page, `newcomer-phone-card-${lang}`);

      // Folded to a peek, the map shows more and the plot is still above the sheet.
      const full = await box(page, '[data-testid=plot-card]');
      await card.getByRole('button', { name: t.fold }).click();
      await expect.poll(async () => (await box(page, '[data-testid=plot-card]')).height).toBeLessThan(160);
      await expect(card.getByRole('button', { name: t.zoomTo }).isVisible()).resolves.toBe(false);
      await expectPlotAboveSheet(page, plot);
      await screenshot(page, `newcomer-phone-peek-${lang}`);
      await card.getByRole('button', { name: t.unfold }).click();
      await expect.poll(async () => (await box(page, '[data-testid=plot-card]')).height).toBe(full.height);
      await expectPlotAboveSheet(page, plot);

      // "Show on map" after panning away: the plot comes back above the folded card.
      await page.mouse.move(180, 150);
      await page.mouse.down();
      await page.mouse.move(180, 420, { steps: 6 });
      await page.mouse.up();
      await waitIdle(page);
      await card.getByRole('button', { name: t.zoomTo }).click();
      await expect.poll(async () => (await box(page, '[data-testid=plot-card]')).height).toBeLessThan(160);
      await expectPlotAboveSheet(page, plot);
      await screenshot(page, `newcomer-phone-show-on-map-${lang}`);
      await card.getByRole('button', { name: t.unfold }).click();
      expect(await seriousViolations(page)).toEqual([]);
    }

    // Every field on the page (filters, list, card, permits, save-search; hidden panels too) is
    // 16 px or more.
    await page.goto(appUrl(`?lang=fi&plot=${plot.id}`));
    await page
      .getByRole('region', { name: plot.property_id })
      .getByLabel(T.fi.activity)
      .waitFor({ state: 'attached' });
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .map((e) => ({
          name: (e as HTMLInputElement).name || e.id,
          px: parseFloat(getComputedStyle(e).fontSize),
        }))
        .filter((f) => f.px < 16),
    );
    const fields = await page.locator('input, select, textarea').count();
    expect(fields).toBeGreaterThan(20);
    expect(small).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  test('phone: the comparison of four plots scrolls sideways with its row labels in view', async () => {
    const cmp = await newPage(browser, { viewport: PHONE_812, phone: true });
    await cmp.page.addInitScript(
      (items) => localStorage.setItem('tonttiluukku.shortlist', JSON.stringify(items)),
      plots.map((p) => ({ id: p.id, property_id: p.property_id, address: null })),
    );
    for (const lang of LANGS) {
      const t = T[lang];
      await cmp.page.goto(appUrl(`?lang=${lang}`));
      await cmp.page.getByRole('tab', { name: new RegExp(`^${t.shortlist}`) }).click();
      for (const cb of await cmp.page.locator('.shortlist-items input[type=checkbox]').all())
        await cb.check();
      await cmp.page.getByRole('button', { name: new RegExp(`^${t.compare}`) }).click();
      const dialog = cmp.page.getByRole('dialog');
      await dialog.locator('tbody th').first().waitFor();
      const scroller = dialog.locator('.compare-scroll');
      const widths = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(widths[0]).toBeGreaterThan(widths[1]! + 100);
      await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100);
      const view = (await scroller.boundingBox())!;
      for (const th of await dialog.locator('tbody th').all()) {
        const b = (await th.boundingBox())!;
        expect(b.x).toBeGreaterThanOrEqual(view.x - 1);
        // Nothing scrolled under the label shows through it.
        expect(await th.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
      }
      await screenshot(cmp.page, `newcomer-phone-compare-${lang}`);
      expect(await seriousViolations(cmp.page)).toEqual([]);
      await cmp.page.keyboard.press('Escape');
    }
    expect(cmp.errors).toEqual([]);
    await cmp.context.close();
  }, 150_000);

  test('desktop: nothing covers the zoom buttons or the attribution; keyboard focus follows', async () => {
    const { page, context, errors } = await newPage(browser, { viewport: DESKTOP_1280 });
    const plot = plots[1]!;
    for (const lang of LANGS) {
      const t = T[lang];
      await page.goto(appUrl(`?lang=${lang}&plot=${plot.id}`));
      const card = page.getByRole('region', { name: plot.property_id });
      await card.waitFor();
      await page.waitForSelector('.map[data-first-plots-idle]');
      await waitIdle(page);
      // The coordinate readout on, the pointer over the map.
      const map = await box(page, '.map');
      await page.getByRole('button', { name: /ETRS-GK25/ }).click();
      await page.mouse.move(map.x + 150, map.y + 350);
      await page.locator('.coords').waitFor();
      const covers = ['[data-testid=plot-card]', '.legend', '.coords', '.tools', '.notices > *'];
      const guarded = ['.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-zoom-out', '.maplibregl-ctrl-attrib'];
      for (const g of guarded) {
        const gb = await box(page, g);
        expect(gb.width).toBeGreaterThan(20);
        for (const c of covers)
          for (const el of await page.locator(c).all()) {
            const cb = await el.boundingBox();
            if (cb) expect(overlaps(gb, cb), `${c} covers ${g}`).toBe(false);
          }
      }
      // The plot itself is on the map beside the card.
      const p = await plotOnScreen(page, plot);
      expect(p.x).toBeGreaterThanOrEqual(map.x);
      expect(p.x + p.width).toBeLessThanOrEqual((await box(page, '[data-testid=plot-card]')).x);
      await screenshot(page, `newcomer-desktop-card-${lang}`);
      expect(await seriousViolations(page)).toEqual([]);

      // Keyboard: "Show the permit path" puts focus on the answer, not on the page body.
      const activity = card.getByLabel(t.activity);
      await activity.focus();
      await activity.selectOption('office');
      await card.getByRole('button', { name: t.submit }).focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.closest('.permits-result') != null))
        .toBe(true);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H4');
      expect(await seriousViolations(page)).toEqual([]);

      // Keyboard: "Results: N plots" in the filters moves focus to the results it shows.
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: t.filters }).click();
      await readCount(page);
      const results = page.locator('#filters-panel .filter-actions .btn.primary');
      await results.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results-panel');
      await page.locator('.plot-list [data-plot-id]').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
