/** The search box: suggestions from the search API; choosing one flies there and opens the card. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUrl, launch, newPage, screenshot, somePlot, waitForMap, waitIdle } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('search', () => {
  test('typing a property identifier suggests the plot; Enter flies to it and opens its card', async () => {
    const plot = await somePlot('sub_district=456');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=en'));
    await waitForMap(page);
    const startView = new URL(page.url()).searchParams.get('view');
    const box = page.getByRole('combobox', { name: 'Search plots, addresses and areas' });
    await box.fill(plot.property_id);
    const option = page.getByRole('option', { name: new RegExp(plot.property_id) }).first();
    await option.waitFor();
    await screenshot(page, 'desktop-search-suggestions');
    await box.press('Enter');
    await page.getByRole('region', { name: plot.property_id }).waitFor();
    await waitIdle(page);
    const view = new URL(page.url()).searchParams.get('view')!;
    expect(view).not.toBe(startView);
    const [lon, lat, zoom] = view.split(',').map(Number) as [number, number, number];
    expect(zoom).toBeGreaterThan(14);
    // The plot is in view: its centre lies inside the map's bounds around the new centre.
    expect(Math.abs(lon - plot.center[0])).toBeLessThan(0.01);
    expect(Math.abs(lat - plot.center[1])).toBeLessThan(0.005);
    expect(page.url()).toContain(`plot=${plot.id}`);
    await screenshot(page, 'desktop-search-opened');
    await context.close();
  });

  test('a place name suggests the area; choosing it moves the map there', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=fi'));
    await waitForMap(page);
    const box = page.getByRole('combobox', { name: 'Hae tontteja, osoitteita ja alueita' });
    await box.fill('Roihupelto');
    const option = page.getByRole('option', { name: /Roihupelto/ }).first();
    await option.waitFor();
    await option.click();
    await waitIdle(page);
    const [lon, lat, zoom] = new URL(page.url()).searchParams.get('view')!.split(',').map(Number) as number[];
    const plot = await somePlot('sub_district=456');
    expect(zoom).toBeGreaterThan(12);
    expect(Math.abs(lon! - plot.center[0])).toBeLessThan(0.03);
    expect(Math.abs(lat! - plot.center[1])).toBeLessThan(0.02);
    await context.close();
  });
});
