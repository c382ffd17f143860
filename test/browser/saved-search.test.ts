/**
 * Saving a search from the map: the dialog by the filters takes an address and a frequency,
 * the confirmation mail (read from the development outbox) holds the filter and a link, and
 * following the link shows the confirmation page. Axe-clean in the open dialog.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OUTBOX_ADMIN } from './app-server.ts';
import { appUrl, launch, newPage, PHONE, screenshot, waitForMap } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  kind: string;
}

/** The development outbox, which only a signed-in admin may read. */
async function outbox(to: string): Promise<OutboxMail[]> {
  const login = await fetch(appUrl('api/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OUTBOX_ADMIN),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(appUrl(`api/outbox?to=${encodeURIComponent(to)}`), { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: OutboxMail[] }).messages;
}

describe('saving a search from the map', () => {
  test('saves the current filter, shows the confirmation message, and the mailed link confirms it', async () => {
    const email = `kartta-${Date.now()}@example.org`;
    const { page, context, errors } = await newPage(browser);
    await page.goto(appUrl('?lang=fi&use_class=industrial&area_min=3000'));
    await waitForMap(page);

    await page.getByRole('button', { name: 'Tilaa hakuvahti' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tilaa hakuvahti' });
    await dialog.waitFor();
    await dialog.getByLabel('Sähköpostiosoite').fill(email);
    await dialog.getByRole('radio', { name: 'Päivittäinen kooste aamulla' }).check();
    const axe = await new AxeBuilder({ page }).include('.save-search-dialog').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await screenshot(page, 'saved-search-fi');

    await dialog.getByRole('button', { name: 'Tilaa', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toContain(`Vahvistusviesti lähetettiin osoitteeseen ${email}`);
    await screenshot(page, 'saved-search-fi-sent');

    const [mail] = await outbox(email);
    expect(mail).toMatchObject({ subject: 'Vahvista hakuvahti', kind: 'saved_search.confirm' });
    expect(mail!.text).toContain('käyttötarkoitus: teollisuus; pinta-ala vähintään (m²): 3000');
    expect(mail!.text).toContain('Päivittäinen kooste');
    const path = /\/api\/saved-searches\/confirm\?\S+/.exec(mail!.text)![0];
    await page.goto(appUrl(path.slice(1)));
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Hakuvahti on päällä');
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([]);

    // The same mail lets the address be removed at once: a page asks, its button does it.
    const cancel = /\/api\/saved-searches\/unsubscribe\?\S+/.exec(mail!.text)![0];
    await page.goto(appUrl(cancel.slice(1)));
    await page.getByRole('button', { name: 'Peru hakuvahti' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Hakuvahti on peruttu');
    await screenshot(page, 'saved-search-unsubscribed');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('speaks Swedish and English, and says what is wrong with a bad address', async () => {
    const { page, context } = await newPage(browser, { viewport: PHONE, phone: true });
    await page.goto(appUrl('?lang=sv'));
    await waitForMap(page);
    await page.getByRole('tab', { name: 'Avgränsningar' }).click();
    await page.getByRole('button', { name: 'Bevaka sökningen' }).click();
    const sv = page.getByRole('dialog', { name: 'Bevaka sökningen' });
    // The browser's own check lets "a@b.c" through; the server refuses the one-letter domain.
    await sv.getByLabel('E-postadress').fill('a@b.c');
    await sv.getByRole('button', { name: 'Beställ' }).click();
    await expect
      .poll(() => sv.getByRole('status').textContent())
      .toContain('Beställningen misslyckades: E-postadressen "a@b.c" är ogiltig.');
    await screenshot(page, 'saved-search-sv-phone');
    await context.close();

    const en = await newPage(browser);
    await en.page.goto(appUrl('?lang=en&tenure=sale'));
    await waitForMap(en.page);
    await en.page.getByRole('button', { name: 'Save this search' }).click();
    await en.page.getByRole('dialog', { name: 'Save this search' }).waitFor();
    await screenshot(en.page, 'saved-search-en');
    await en.context.close();
  });
});
