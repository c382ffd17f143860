/**
 * The map app on a desktop: plots drawn (checked in the pixels), the filter changing the count
 * and the map, a click opening the card, list <-> map selection, the language switch.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  appUrl,
  countColours,
  hex,
  launch,
  mapClip,
  newPage,
  readCount,
  screenshot,
  somePlot,
  waitForMap,
  waitIdle,
} from './browser.ts';

// The plot colours of the map (client/src/map/palette.ts): outlines are drawn at full opacity.
const CLASS_COLOURS = {
  commercial: hex('#e8590c'),
  office: hex('#1c6dd0'),
  industrial: hex('#8e3fd1'),
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const countNumber = (page: Page): Promise<number> => readCount(page);

async function waitForCountChange(page: Page, before: number): Promise<number> {
  await page.waitForFunction(
    (b) => {
      const t = document.querySelector('[data-testid=count]')?.textContent ?? '';
      const n = Number(t.replace(/\D/g, ''));
      return /\d/.test(t) && n !== b;
    },
    before,
    { timeout: 15_000 },
  );
  return countNumber(page);
}

describe('desktop map', () => {
  test('the start view shows Helsinki with plots drawn in their use colours', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(appUrl('?lang=fi'));
    await waitForMap(page);
    await screenshot(page, 'desktop-start');
    const px = await countColours(page, CLASS_COLOURS, { clip: await mapClip(page), tolerance: 60 });
    // Every use class is present somewhere in the city-wide view.
    expect(px.commercial).toBeGreaterThan(20);
    expect(px.office).toBeGreaterThan(20);
    expect(px.industrial).toBeGreaterThan(20);
    expect(await countNumber(page)).toBeGreaterThan(100);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('filtering by use class changes the count and removes the other colours from the map', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=en'));
    await waitForMap(page);
    const before = await countNumber(page);
    const clip = await mapClip(page);
    const pxBefore = await countColours(page, CLASS_COLOURS, { clip, tolerance: 60 });

    await page.getByRole('checkbox', { name: 'Industrial' }).check();
    const after = await waitForCountChange(page, before);
    await waitIdle(page);
    await screenshot(page, 'desktop-filter-industrial');
    const pxAfter = await countColours(page, CLASS_COLOURS, { clip, tolerance: 60 });

    expect(after).toBeLessThan(before);
    expect(after).toBeGreaterThan(0);
    expect(page.url()).toContain('use_class=industrial');
    expect(pxAfter.industrial).toBeGreaterThan(20);
    expect(pxAfter.commercial).toBeLessThan(pxBefore.commercial / 10);
    expect(pxAfter.office).toBeLessThan(pxBefore.office / 10);

    // One reset brings everything back.
    await page.getByRole('button', { name: 'Reset filters' }).click();
    expect(await waitForCountChange(page, after)).toBe(before);
    await context.close();
  });

  test('an area filter typed in the form narrows the count and reaches the URL', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=en'));
    await waitForMap(page);
    const before = await countNumber(page);
    await page.locator('input[name=area_min]').fill('5000');
    const after = await waitForCountChange(page, before);
    expect(after).toBeLessThan(before);
    expect(page.url()).toContain('area_min=5000');
    const api = await fetch(`${appUrl('api/plots')}?area_min=5000&limit=1`).then((r) => r.json());
    expect(after).toBe((api as { total: number }).total);
    await context.close();
  });

  test('clicking a plot on the map opens its card, headed by its property identifier', async () => {
    const plot = await somePlot('sub_district=456');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl(`?lang=en&view=${plot.center[0]},${plot.center[1]},17`));
    await waitForMap(page);
    const box = (await page.locator('.map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const card = page.getByRole('region', { name: plot.property_id });
    await card.waitFor();
    await expect.poll(() => card.getByRole('heading', { level: 2 }).textContent()).toBe(plot.property_id);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('plot-card-title');
    expect(await card.textContent()).toContain('DEMO DATA');
    expect(await card.textContent()).toMatch(/m²/);
    expect(page.url()).toContain(`plot=${plot.id}`);
    await waitIdle(page);
    await screenshot(page, 'desktop-card');

    // Escape closes the card.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=plot-card]').count()).toBe(0);
    await context.close();
  });

  test('choosing a row in the list selects the plot and flies the map to it', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=en&sort=-area_m2'));
    await waitForMap(page);
    await page.getByRole('tab', { name: 'Results' }).click();
    const list = page.getByRole('list', { name: 'Plots matching the filters' });
    const first = list.getByRole('listitem').first();
    await first.waitFor();
    const biggest = await somePlot('sort=-area_m2');
    // The row is named by its visible text (axe's label-content-name-mismatch), the property
    // identifier among it.
    const row = list.getByRole('button', { name: new RegExp(biggest.property_id) });
    expect(await row.count()).toBe(1);
    await row.click();
    await page.getByRole('region', { name: biggest.property_id }).waitFor();
    await waitIdle(page);
    const view = new URL(page.url()).searchParams.get('view')!;
    const [lon, lat, zoom] = view.split(',').map(Number) as [number, number, number];
    expect(zoom).toBeGreaterThanOrEqual(14.5);
    expect(Math.abs(lon - biggest.center[0])).toBeLessThan(0.01);
    expect(Math.abs(lat - biggest.center[1])).toBeLessThan(0.01);
    expect(await row.getAttribute('aria-current')).toBe('true');
    await screenshot(page, 'desktop-list-selected');
    await context.close();
  });

  test('the language switch changes the texts and the URL, and is remembered', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=fi'));
    await waitForMap(page);
    expect(await page.getByRole('tab', { name: 'Rajaukset' }).count()).toBe(1);
    await page.getByRole('button', { name: 'SV', exact: true }).click();
    await page.getByRole('tab', { name: 'Avgränsningar' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(page.url()).toContain('lang=sv');
    expect(await page.locator('[data-testid=count]').textContent()).toMatch(/tomter/);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('tab', { name: 'Filters' }).waitFor();
    await screenshot(page, 'desktop-english');
    // Remembered: a plain visit without ?lang opens in the last language.
    await page.goto(appUrl(''));
    await page.getByRole('tab', { name: 'Filters' }).waitFor();
    await context.close();
  });
});
