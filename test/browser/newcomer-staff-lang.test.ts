/**
 * The staff plot history as a newcomer reads it in Finnish, Swedish and English: the automatic
 * change notes (stored in English, as older rows are) in the chosen language, status values by
 * their names, columns by their labels (never a raw `field.` key) and the time in Helsinki time
 * in the language's own format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldLabel } from '../../client/staff/history-text.ts';
import { LANGS, translator } from '../../client/staff/i18n.ts';
import { screenshot } from './browser.ts';
import { seriousAxe, startStaffApp, type StaffApp } from './staff-app.ts';

const PUBLISHER = 'julkaisija.historia@example.org';
const PASSWORD = 'julkaisijan salasana 7';
// 15:05 UTC on 3 December is 17:05 in Helsinki (UTC+2).
const EDITED_AT = '2026-12-03T15:05:00Z';
const EXPECTED: Record<string, { edited: string; draft: string; when: string }> = {
  fi: { edited: 'Muokattu', draft: 'Palautettu luonnokseksi', when: '3.12.2026 klo 17.05' },
  sv: { edited: 'Redigerad', draft: 'Återställd till utkast', when: '3.12.2026 17.05' },
  en: { edited: 'Edited', draft: 'Back to draft', when: '03/12/2026, 17:05' },
};

let app: StaffApp;
beforeAll(async () => {
  app = await startStaffApp('staff-lang', { email: PUBLISHER, password: PASSWORD });
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('staff history in the chosen language', () => {
  it('shows notes, status values, field labels and Helsinki times in fi/sv/en', async () => {
    const { db, base, browser } = app;
    const [p] = await db.query<{ id: number; property_id: string }>(
      `SELECT id::int, property_id FROM plots
        WHERE status = 'published' AND tenure = 'lease' AND lease_basis_eur_kem2 IS NOT NULL
        ORDER BY id LIMIT 1`,
    );
    // Two versions written as the server writes them: its note in English, then the row.
    for (const [note, set] of [
      ['Edited', `lease_basis_eur_kem2 = lease_basis_eur_kem2 + 3`],
      ['Back to draft', `status = 'draft'`],
    ] as const)
      await db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('tonttiluukku.change_note', $1, true)`, [note]);
        await tx.query(`UPDATE plots SET ${set}, version = version + 1, updated_by = $2 WHERE id = $1`, [
          p!.id,
          PUBLISHER,
        ]);
      });
    // The trigger stamps the clock time of the write; pin both to a known instant.
    await db.query(
      `UPDATE plot_versions SET changed_at = $2
        WHERE plot_id = $1 AND version >= (SELECT version - 1 FROM plots WHERE id = $1)`,
      [p!.id, EDITED_AT],
    );

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/staff.html?lang=en`);
    await page.getByLabel('E-mail').fill(PUBLISHER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('searchbox').fill(p!.property_id);
    await page.locator('tbody tr').getByRole('button', { name: p!.property_id }).click();

    for (const lang of LANGS) {
      const t = translator(lang);
      const want = EXPECTED[lang]!;
      await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
      const panel = page.locator('.panel', { has: page.getByRole('heading', { name: t('history') }) });
      const rows = panel.locator('tbody tr');
      await expect.poll(() => rows.first().textContent(), { message: lang }).toContain(want.draft);
      // Newest first: back to draft, then the edit, then the earlier versions.
      const drafted = (await rows.nth(0).textContent())!;
      const edited = (await rows.nth(1).textContent())!;
      expect(drafted).toContain(want.when);
      expect(drafted).toContain(`${t('field.status')}: ${t('status.published')} → ${t('status.draft')}`);
      expect(edited).toContain(want.edited);
      expect(edited).toContain(want.when);
      expect(edited).toContain(`${fieldLabel('price_eur_kem2', t, lang)}:`);
      expect(edited).toContain(`${t('field.lease_basis_eur_kem2')}:`);
      const all = (await panel.textContent())!;
      expect(all).not.toMatch(/field\.|status\.|→ (draft|published)\b/);
      if (lang !== 'en') expect(all).not.toMatch(/\b(Edited|Back to draft|Published|Created)\b/);
      if (lang === 'fi') await screenshot(page, 'newcomer-staff-lang-history-fi');
    }
    expect(await seriousAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 240_000);
});
