/**
 * Accessibility: axe-core finds no serious or critical violations in the main states, and the
 * app is usable from the keyboard alone (search -> card, tabs, list).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appUrl, launch, newPage, PHONE, somePlot, waitForMap } from './browser.ts';

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

describe('accessibility', () => {
  test('no serious or critical axe violations: filters, list, card, shortlist, phone', async () => {
    const plot = await somePlot('sub_district=456');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=fi'));
    await waitForMap(page);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Tulokset' }).click();
    await page
      .getByRole('list', { name: 'Rajauksia vastaavat tontit' })
      .getByRole('listitem')
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(appUrl(`?lang=en&plot=${plot.id}`));
    await page.getByRole('region', { name: plot.property_id }).waitFor();
    await page.getByRole('button', { name: /Add to shortlist/ }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: /Shortlist/ }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    const phone = await newPage(browser, { viewport: PHONE, phone: true });
    await phone.page.goto(appUrl(`?lang=sv&plot=${plot.id}`));
    await phone.page.getByRole('region', { name: plot.property_id }).waitFor();
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.context.close();
  });

  test('keyboard only: search, open the card, its heading takes focus, Escape returns', async () => {
    const plot = await somePlot('sub_district=456');
    const { page, context } = await newPage(browser);
    await page.goto(appUrl('?lang=en'));
    await waitForMap(page);
    // Tab from the page start reaches the skip link, then the search box.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to results');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type(plot.property_id);
    await page
      .getByRole('option', { name: new RegExp(plot.property_id) })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: plot.property_id }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('plot-card-title');
    // Tabs move with the arrow keys.
    await page.getByRole('tab', { name: 'Filters' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Results');
    await context.close();
  });
});
