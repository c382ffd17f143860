/**
 * A phone-sized window (375 px): the map fills the screen, the panels are a bottom sheet, and
 * the newcomer's task works: an industrial plot over 5 000 m² in Roihupelto.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  appUrl,
  countColours,
  hex,
  launch,
  newPage,
  PHONE,
  readCount,
  screenshot,
  waitForMap,
  waitIdle,
} from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('phone', () => {
  test('finds an industrial plot over 5 000 m² in Roihupelto and opens its card', async () => {
    const { page, context, errors } = await newPage(browser, { viewport: PHONE, phone: true });
    await page.goto(appUrl('?lang=fi'));
    await waitForMap(page);
    // The map fills the width; nothing overflows sideways.
    const mapBox = (await page.locator('.map').boundingBox())!;
    expect(mapBox.width).toBe(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const px = await countColours(
      page,
      { industrial: hex('#8e3fd1'), office: hex('#1c6dd0'), commercial: hex('#e8590c') },
      { clip: { x: 0, y: mapBox.y, width: PHONE.width, height: 400 }, tolerance: 60 },
    );
    expect(px.industrial + px.office + px.commercial).toBeGreaterThan(30);
    await screenshot(page, 'phone-start');

    await page.getByRole('tab', { name: 'Rajaukset' }).click();
    await page.getByRole('checkbox', { name: 'Teollisuus' }).check();
    await page.locator('input[name=area_min]').fill('5000');
    const sub = page.locator('#filters-panel').getByLabel('Osa-alue', { exact: true });
    const roihupelto = await sub.locator('option', { hasText: 'Roihupelto' }).getAttribute('value');
    await sub.selectOption(roihupelto!);
    await page.waitForURL(/sub_district=456/);
    await page.waitForURL(/area_min=5000/);
    await screenshot(page, 'phone-filters');

    const api = (await fetch(
      `${appUrl('api/plots')}?use_class=industrial&area_min=5000&sub_district=456&limit=5`,
    ).then((r) => r.json())) as { total: number; items: Array<{ property_id: string }> };
    expect(api.total).toBeGreaterThan(0);
    await expect.poll(() => readCount(page, '.sheet-handle .count')).toBe(api.total);

    await page.getByRole('tab', { name: 'Tulokset' }).click();
    const row = page.getByRole('button', { name: new RegExp(api.items[0]!.property_id) });
    await row.click();
    const card = page.getByRole('region', { name: api.items[0]!.property_id });
    await card.waitFor();
    await waitIdle(page);
    const cardBox = (await card.boundingBox())!;
    expect(cardBox.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-card');
    await card.getByRole('button', { name: 'Sulje tonttikortti' }).click();
    await expect.poll(() => page.locator('[data-testid=plot-card]').count()).toBe(0);
    await screenshot(page, 'phone-list');
    expect(errors).toEqual([]);
    await context.close();
  });
});
