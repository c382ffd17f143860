/**
 * The address bar as the app's memory: a copied link reproduces the view, back and forward
 * walk through the choices, a drawn area filters and travels in the link, and broken or
 * hostile parameters are ignored with a notice instead of a blank page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUrl, launch, newPage, readCount, screenshot, somePlot, waitForMap, waitIdle } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const countText = (page: import('playwright-core').Page) => readCount(page);

describe('links and history', () => {
  test('a copied link restores the view, the filter, the selected plot and the language', async () => {
    const plot = await somePlot('sub_district=456&use_class=industrial');
    const first = await newPage(browser);
    await first.page.goto(appUrl('?lang=sv'));
    await waitForMap(first.page);
    await first.page.getByRole('checkbox', { name: 'Industri' }).check();
    await first.page.locator('input[name=area_min]').fill('1000');
    await first.page.waitForURL(/area_min=1000/);
    // Open the plot through the list, then copy the link from its card.
    await first.page.getByRole('tab', { name: /Resultat/ }).click();
    await first.page.getByRole('button', { name: new RegExp(plot.property_id) }).click();
    const card = first.page.getByRole('region', { name: plot.property_id });
    await card.waitFor();
    await waitIdle(first.page);
    await card.getByRole('button', { name: 'Kopiera länk' }).click();
    const copied = await first.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(first.page.url());
    const sourceView = new URL(copied).searchParams.get('view')!.split(',').map(Number);
    await first.context.close();

    const second = await newPage(browser, { locale: 'en-GB' });
    await second.page.goto(copied);
    await waitForMap(second.page);
    await second.page.getByRole('region', { name: plot.property_id }).waitFor();
    await second.page.getByRole('tab', { name: 'Avgränsningar' }).click();
    expect(await second.page.getByRole('checkbox', { name: 'Industri' }).isChecked()).toBe(true);
    expect(await second.page.locator('input[name=area_min]').inputValue()).toBe('1000');
    expect(await second.page.evaluate(() => document.documentElement.lang)).toBe('sv');
    const view = new URL(second.page.url()).searchParams.get('view')!.split(',').map(Number);
    expect(Math.abs(view[0]! - sourceView[0]!)).toBeLessThan(0.0005);
    expect(Math.abs(view[1]! - sourceView[1]!)).toBeLessThan(0.0005);
    expect(Math.abs(view[2]! - sourceView[2]!)).toBeLessThan(0.05);
    await screenshot(second.page, 'desktop-restored-link');
    await second.context.close();
  });

  test('back and forward walk through filter and plot choices', async () => {
    const plot = await somePlot('use_class=office');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl(`?lang=en`));
    await waitForMap(page);
    const all = await countText(page);
    await page.getByRole('checkbox', { name: 'Office' }).check();
    await page.waitForURL(/use_class=office/);
    await expect.poll(() => countText(page)).not.toBe(all);
    const offices = await countText(page);
    await page.goto(appUrl(`?lang=en&use_class=office&plot=${plot.id}`));
    await page.getByRole('region', { name: plot.property_id }).waitFor();

    await page.goBack();
    await expect.poll(() => page.url()).toContain('use_class=office');
    await waitForMap(page);
    await page.goBack();
    await expect.poll(() => page.url()).not.toContain('use_class');
    await expect.poll(() => page.getByRole('checkbox', { name: 'Office' }).isChecked()).toBe(false);
    await expect.poll(() => countText(page)).toBe(all);
    await page.goForward();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Office' }).isChecked()).toBe(true);
    await expect.poll(() => countText(page)).toBe(offices);
    await context.close();
  });

  test('drawing an area on the map filters by it and puts it in the link', async () => {
    const plot = await somePlot('sub_district=456');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl(`?lang=en&view=${plot.center[0]},${plot.center[1]},15`));
    await waitForMap(page);
    const before = await countText(page);
    await page.getByRole('button', { name: 'Draw area' }).click();
    await page.locator('.tool-panel').waitFor();
    const box = (await page.locator('.map').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (const [dx, dy] of [
      [-150, -120],
      [150, -120],
      [150, 120],
      [-150, 120],
    ] as const) {
      await page.mouse.click(cx + dx, cy + dy);
      await page.waitForTimeout(120);
    }
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.waitForURL(/within=/);
    await expect.poll(() => countText(page)).toBeLessThan(before);
    const after = await countText(page);
    expect(after).toBeGreaterThan(0);
    await waitIdle(page);
    await screenshot(page, 'desktop-drawn-area');

    // The link carries the area: a fresh page shows the same count.
    const link = page.url();
    const again = await newPage(browser);
    await again.page.goto(link);
    await waitForMap(again.page);
    await expect.poll(() => countText(again.page)).toBe(after);
    await again.context.close();
    await context.close();
  });

  test('broken and hostile parameters are ignored with a notice, the app still works', async () => {
    const { page, context, errors } = await newPage(browser);
    const bad =
      '?lang=xx&view=999,abc,3&area_min=-5&use_class=<script>alert(1)</script>&within={"type":"Polygon"}&plot=1;DROP TABLE plots&sort=evil';
    await page.goto(appUrl(bad));
    await waitForMap(page);
    const notice = page.locator('[data-notice=urlProblems]');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    for (const p of ['lang', 'view', 'area_min', 'use_class', 'within', 'plot', 'sort'])
      expect(text).toContain(p);
    // Nothing of the bad input reached the map or the list: the whole published set is shown.
    const all = await fetch(`${appUrl('api/plots')}?limit=1`).then((r) => r.json());
    await expect.poll(() => countText(page)).toBe((all as { total: number }).total);
    expect(await page.locator('script:has-text("alert(1)")').count()).toBe(0);
    await screenshot(page, 'desktop-bad-url');
    expect(errors).toEqual([]);
    await context.close();
  });
});
