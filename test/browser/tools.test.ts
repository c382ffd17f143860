/** Map tools and the shortlist: measuring, ETRS-GK25 coordinates, compare side by side, kept across visits. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUrl, launch, newPage, screenshot, somePlot, waitForMap } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('map tools', () => {
  test('pointer coordinates are shown in EPSG:3879 and a measured distance in metres', async () => {
    const plot = await somePlot('sub_district=456');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl(`?lang=en&view=${plot.center[0]},${plot.center[1]},15`));
    await waitForMap(page);
    const box = (await page.locator('.map').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;

    await page.getByRole('button', { name: 'Coordinates (ETRS-GK25)' }).click();
    await page.mouse.move(cx, cy);
    await page.mouse.move(cx + 1, cy);
    const coords = page.locator('.coords');
    await expect.poll(() => coords.textContent()).toMatch(/E 25[\s,\u00a0\u202f]?\d{3}/);
    const text = ((await coords.textContent()) ?? '').replace(/[\s\u00a0\u202f,]/g, '');
    const [, e, n] = /E(\d+(?:\.\d)?)N(\d+(?:\.\d)?)/.exec(text)!;
    // Helsinki in GK25: eastings 25 490 000 - 25 512 000, northings 6 670 000 - 6 690 000.
    expect(Number(e)).toBeGreaterThan(25_490_000);
    expect(Number(e)).toBeLessThan(25_512_000);
    expect(Number(n)).toBeGreaterThan(6_670_000);
    expect(Number(n)).toBeLessThan(6_690_000);

    // Two clicks 200 px apart at zoom 15 (512-px world tiles: ~1.19 m/px at this latitude) measure ~238 m.
    await page.getByRole('button', { name: 'Measure distance' }).click();
    // The geometry code loads on first use; the tool is live once its panel shows.
    await page.locator('.tool-panel').waitFor();
    await page.mouse.click(cx - 100, cy);
    await page.waitForTimeout(300);
    await page.mouse.click(cx + 100, cy);
    const measure = page.locator('.measure');
    await expect.poll(() => measure.textContent()).toMatch(/Distance: [1-9]/);
    const metres = Number(
      /Distance: ([\d,]+) m/.exec((await measure.textContent()) ?? '')![1]!.replace(/,/g, ''),
    );
    expect(metres).toBeGreaterThan(215);
    expect(metres).toBeLessThan(260);
    await screenshot(page, 'desktop-measure');
    await context.close();
  });

  test('two shortlisted plots compare side by side, and the shortlist survives a new visit', async () => {
    const a = await somePlot('use_class=industrial');
    const b = await somePlot('use_class=office');
    const { page, context } = await newPage(browser);
    for (const p of [a, b]) {
      await page.goto(appUrl(`?lang=en&plot=${p.id}`));
      await page
        .getByRole('region', { name: p.property_id })
        .getByRole('button', { name: /Add to shortlist/ })
        .click();
    }
    await page.goto(appUrl('?lang=en'));
    await page.getByRole('tab', { name: 'Shortlist (2)' }).click();
    await page.getByRole('checkbox', { name: `Select ${a.property_id}` }).check();
    await page.getByRole('checkbox', { name: `Select ${b.property_id}` }).check();
    await page.getByRole('button', { name: 'Compare (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare plots' });
    await dialog.getByRole('columnheader', { name: new RegExp(a.property_id) }).waitFor();
    await dialog.getByRole('columnheader', { name: new RegExp(b.property_id) }).waitFor();
    expect(await dialog.getByRole('row').count()).toBeGreaterThan(8);
    await screenshot(page, 'desktop-compare');
    await context.close();
  });
});
