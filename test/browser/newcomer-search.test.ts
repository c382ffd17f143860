/**
 * Issue 20, search and permits: what a newcomer types finds what they mean, in suggestions
 * written wholly in the chosen language; picking a plan or a sub-district filters to it and
 * draws its outline; the sub-district list counts what the other filters leave; a T/kem plot's
 * permit path with chemicals "None" lists no chemicals notification. Desktop and phone, fi/sv/en.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  appUrl,
  countColours,
  DESKTOP,
  hex,
  launch,
  mapClip,
  newPage,
  PHONE,
  readCount,
  screenshot,
  somePlot,
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

type Lang = 'fi' | 'sv' | 'en';
const LANGS: Lang[] = ['fi', 'sv', 'en'];
const SEARCH_LABEL: Record<Lang, string> = {
  fi: 'Hae tontteja, osoitteita ja alueita',
  sv: 'Sök tomter, adresser och områden',
  en: 'Search plots, addresses and areas',
};
/** Words that belong to one language's suggestions only. */
const WORDS: Record<Lang, RegExp> = {
  fi: /Asemakaava|tonttia?\b|Osa-alue|Kaupunginosa|Koordinaatit|Tontti\b|Osoite\b/,
  sv: /Detaljplan|tomter\b|tomt\b|Delområde|Stadsdel|Koordinater|Adress\b/,
  en: /Detailed plan|plots?\b|Sub-district|District|Coordinates|Address\b/,
};
const OUTLINE = hex('#e64980');
const phoneOf = (viewport: { width: number }) => viewport.width === PHONE.width;

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Types `q` and returns the suggestions' texts once one of them matches `want`. */
async function suggest(page: Page, lang: Lang, q: string, want: RegExp): Promise<string[]> {
  await page.getByRole('combobox', { name: SEARCH_LABEL[lang] }).fill(q);
  const options = page.getByRole('listbox', { name: SEARCH_LABEL[lang] }).getByRole('option');
  let texts: string[] = [];
  await expect
    .poll(
      async () => {
        texts = await options.allTextContents();
        return texts.some((t) => want.test(t));
      },
      { message: `${lang} "${q}"` },
    )
    .toBe(true);
  return texts;
}

describe('newcomer: search', () => {
  test('identifiers in every form, addresses with city, typos and coordinates, language-pure; a picked plan or area filters and is outlined', async () => {
    const inPlot = (await (await fetch(appUrl('api/search?q=45012%2F1'))).json()).results[0] as {
      center: [number, number];
      label: string;
    };
    expect(inPlot.label).toBe('091-045-0012-0001');
    const [lon, lat] = inPlot.center;
    const plan = (await (await fetch(appUrl('api/plots?q=12383&limit=1'))).json()) as { total: number };
    const sub456 = (await (await fetch(appUrl('api/plots?sub_district=456&limit=1'))).json()) as {
      total: number;
    };
    const queries: Array<[string, RegExp]> = [
      ['45012 1', /091-045-0012-0001/],
      ['45-12-1', /091-045-0012-0001/],
      ['450121', /091-045-0012-0001/],
      ['091 045 0012 0001', /091-045-0012-0001/],
      ['Kuparitie 8, Helsinki', /^Kuparitie 8/],
      ['Roihupellontie 5, 00820 Helsinki', /^Roihupellontie 5/],
      ['Kupritie 8', /^Kuparitie 8/],
      [`${lat.toFixed(6)}, ${lon.toFixed(6)}`, /091-045-0012-0001/],
      ['12383', /12383/],
    ];
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, context, errors } = await newPage(browser, { viewport, phone: phoneOf(viewport) });
      for (const lang of LANGS) {
        await page.goto(appUrl(`?lang=${lang}`));
        await waitForMap(page);
        for (const [q, want] of queries) {
          const texts = await suggest(page, lang, q, want);
          const all = texts.join(' | ');
          for (const other of LANGS)
            if (other !== lang) expect(all, `${lang} ${q}`).not.toMatch(WORDS[other]);
        }
      }
      // en now: the coordinates suggestion is followed by the plot there.
      const coords = await suggest(page, 'en', `${lat.toFixed(6)} ${lon.toFixed(6)}`, /^Coordinates/);
      expect(coords[0]).toMatch(/^Coordinates 60[.]\d+ N, 25[.]\d+ E.*on a plot$/);
      expect(coords[1]).toMatch(/^091-045-0012-0001/);
      await screenshot(page, `${phoneOf(viewport) ? 'phone' : 'desktop'}-newcomer-search-coordinates`);

      const clip = await mapClip(page);
      const before = (await countColours(page, { outline: OUTLINE }, { clip, tolerance: 30 })).outline;
      if (!phoneOf(viewport)) {
        // Desktop: the plan filters the list to its plots and its outline is drawn.
        await suggest(page, 'en', '12383', /Detailed plan 12383/);
        await page.getByRole('option', { name: /Detailed plan 12383/ }).click();
        await page.waitForURL(/q=12383/);
        await waitIdle(page);
        await expect.poll(() => readCount(page)).toBe(plan.total);
      } else {
        // Phone: the sub-district filters to it and its outline is drawn.
        await suggest(page, 'en', 'Roihupelto', /Sub-district/);
        await page.getByRole('option', { name: /^Roihupelto.*Sub-district/ }).click();
        await page.waitForURL(/sub_district=456/);
        await waitIdle(page);
        await expect.poll(() => readCount(page, '.sheet-handle .count')).toBe(sub456.total);
      }
      await page.waitForTimeout(400);
      await waitIdle(page);
      const after = (await countColours(page, { outline: OUTLINE }, { clip, tolerance: 30 })).outline;
      expect(after, `outline pixels before ${before}, after ${after}`).toBeGreaterThan(before + 150);
      await screenshot(page, `${phoneOf(viewport) ? 'phone' : 'desktop'}-newcomer-search-outline`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 180_000);

  test('the sub-district list counts what the other filters leave, and choosing one moves the map there', async () => {
    const { page, context, errors } = await newPage(browser);
    for (const lang of LANGS) {
      const industrial = { fi: 'Teollisuus', sv: 'Industri', en: 'Industrial' }[lang];
      const subLabel = { fi: 'Osa-alue', sv: 'Delområde', en: 'Sub-district' }[lang];
      await page.goto(appUrl(`?lang=${lang}`));
      await waitForMap(page);
      const startView = new URL(page.url()).searchParams.get('view');
      await page.getByRole('checkbox', { name: industrial, exact: true }).check();
      await page.waitForURL(/use_class=industrial/);
      const want = (await (await fetch(appUrl('api/districts/counts?use_class=industrial'))).json()) as {
        sub_districts: Record<string, number>;
      };
      const sub = page.locator('#filters-panel').getByLabel(subLabel, { exact: true });
      const option = (n: number) => sub.locator(`option[value="${n}"]`);
      // Kalasatama's count follows the ticked class (none industrial: 0), Roihupelto's too.
      await expect
        .poll(() => option(102).textContent())
        .toMatch(new RegExp(`\\(${want.sub_districts['102'] ?? 0}\\)$`));
      await expect
        .poll(() => option(456).textContent())
        .toMatch(new RegExp(`\\(${want.sub_districts['456']}\\)$`));
      await sub.selectOption('456');
      await page.waitForURL(/sub_district=456/);
      await expect.poll(() => readCount(page)).toBe(want.sub_districts['456']);
      await waitIdle(page);
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).not.toBe(startView);
      const [lon, lat] = new URL(page.url()).searchParams.get('view')!.split(',').map(Number) as number[];
      const plot = await somePlot('sub_district=456');
      expect(Math.abs(lon! - plot.center[0])).toBeLessThan(0.03);
      expect(Math.abs(lat! - plot.center[1])).toBeLessThan(0.02);
    }
    await screenshot(page, 'desktop-newcomer-subdistrict-facets');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

describe('newcomer: permit advice', () => {
  test('a T/kem plot with chemicals "None" does not list the chemicals notification and says why the zoning asks', async () => {
    const plot = await somePlot('use_code=T/kem');
    const T = {
      fi: {
        activity: 'Mitä aiot tehdä tontilla?',
        chem: 'Vaarallisia kemikaaleja',
        none: 'Ei',
        submit: 'Näytä lupapolku',
        notice: 'Ilmoitus vaarallisten kemikaalien käsittelystä ja varastoinnista',
        note: /T\/kem.*kemikaali-ilmoitusta ei tarvita/,
      },
      sv: {
        activity: 'Vad planerar du på tomten?',
        chem: 'Farliga kemikalier',
        none: 'Inga',
        submit: 'Visa tillståndsvägen',
        notice: 'Anmälan om hantering och upplagring av farliga kemikalier',
        note: /T\/kem.*ingen kemikalieanmälan behövs/,
      },
      en: {
        activity: 'What will you do on the plot?',
        chem: 'Hazardous chemicals',
        none: 'None',
        submit: 'Show the permit path',
        notice: 'Hazardous chemicals notification',
        note: /T\/kem.*no chemicals notification is needed/,
      },
    };
    for (const viewport of [DESKTOP, PHONE]) {
      const { page, context, errors } = await newPage(browser, { viewport, phone: phoneOf(viewport) });
      for (const lang of LANGS) {
        const t = T[lang];
        await page.goto(appUrl(`?lang=${lang}&plot=${plot.id}`));
        const form = page.locator('form.permits-form');
        await form.locator('select').first().waitFor();
        await page.getByLabel(t.activity).selectOption('light-manufacturing');
        await form.locator('fieldset', { hasText: t.chem }).getByLabel(t.none, { exact: true }).check();
        await page.getByRole('button', { name: t.submit }).click();
        const result = page.locator('.permits-result');
        await result.locator('ol.permit-path').waitFor();
        await expect.poll(() => result.locator('.permits-note').textContent()).toMatch(t.note);
        expect(await result.getByRole('heading', { name: t.notice }).count()).toBe(0);
        expect(await result.textContent()).not.toMatch(/(\d+)–\1 /);
      }
      await page.locator('.permits-note').scrollIntoViewIfNeeded();
      await screenshot(page, `${phoneOf(viewport) ? 'phone' : 'desktop'}-newcomer-permits-tkem`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 180_000);
});
