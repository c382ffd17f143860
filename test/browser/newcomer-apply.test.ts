/**
 * A newcomer applying and the staff around it, in Finnish, Swedish and English on a desktop and
 * a phone: the registration page names the plot and activity the card sent, shows every problem
 * at its field with a summary that takes focus; the project form names the card's plot; "Submit
 * all" asks first, listing each application; the timeline fits a phone; staff find plots by
 * block/plot and are warned before withdrawing a plot that open applications name; the card
 * shows a lease basis with its decimals. axe finds nothing serious or critical on the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS, translator as applyT } from '../../client/apply/i18n.ts';
import { MESSAGES } from '../../client/src/i18n/messages.ts';
import { translator as staffT } from '../../client/staff/i18n.ts';
import type { Db } from '../../server/db/index.ts';
import { APPLICANT_PASSWORD, registerApplicant, roihupeltoPlot } from '../applications/helpers.ts';
import { screenshot } from './browser.ts';
import { seriousAxe, startStaffApp, type StaffApp } from './staff-app.ts';

const PUBLISHER = 'julkaisija.hakemukset@example.org';
const PASSWORD = 'julkaisijan salasana 3';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
/** Six language and screen rounds a test, with axe in each: minutes on a loaded 2-core machine. */
const ROUNDS_TIMEOUT = 240_000;
const VIEWPORTS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

let app: StaffApp;
let db: Db;
let base: string;
let plotId: number;
let plot: { property_id: string; block_plot: string; address: string };

beforeAll(async () => {
  app = await startStaffApp('newcomer-apply', { email: PUBLISHER, password: PASSWORD });
  ({ db, base } = app);
  plotId = await roihupeltoPlot(db);
  [plot] = (await db.query<typeof plot>(`SELECT property_id, block_plot, address FROM plots WHERE id = $1`, [
    plotId,
  ])) as [typeof plot];
});
afterAll(async () => {
  await app?.close();
});

async function open(viewport: { width: number; height: number }) {
  const ctx = await app.browser.newContext({ viewport, locale: 'fi-FI', isMobile: viewport === PHONE });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { ctx, page, errors };
}

/** The page's width, and the innermost elements reaching past the screen (named in a failure). */
const widthOf = (page: Page) =>
  page.evaluate(() => {
    const w = window.innerWidth;
    const over = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > w + 1))
      .slice(0, 5)
      .map(
        (el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`,
      );
    return { width: document.documentElement.scrollWidth, over };
  });

const focusedClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '');

describe('applying as a newcomer', () => {
  it(
    'the registration page names the card’s plot and activity and shows every problem at once',
    async () => {
      const { ctx, page, errors } = await open(DESKTOP);
      for (const [name, viewport] of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const lang of LANGS) {
          const t = applyT(lang);
          await page.goto(`${base}/apply.html?plot=${plotId}&activity=surface-treatment&lang=${lang}`);
          await page.getByRole('heading', { name: t('registerHeading') }).waitFor();
          const note = page.getByTestId('from-card');
          await expect.poll(() => note.textContent()).toContain(plot.property_id);
          // The plot and the activity catalogue arrive separately: the note names both once loaded.
          const activity = { fi: 'Pintakäsittely', sv: 'Ytbehandling', en: 'Surface treatment' }[lang];
          await expect
            .poll(async () => (await note.textContent())!.toLowerCase(), { message: lang })
            .toContain(activity.toLowerCase().slice(0, 8));
          const text = (await note.textContent())!;
          expect(text).toContain(plot.address);

          // Everything empty but a short password: four problems, all shown, the summary focused.
          await page.getByLabel(t('password'), { exact: true }).fill('lyhyt');
          await page.getByRole('button', { name: t('register'), exact: true }).click();
          const summary = page.locator('.error-summary');
          await summary.waitFor();
          await expect.poll(() => focusedClass(page)).toBe('error-summary');
          await expect(summary.getByRole('heading').textContent()).resolves.toBe(t('errorSummary'));
          await expect(summary.getByRole('link').count()).resolves.toBe(4);
          for (const [label, code] of [
            [t('organisation'), 'organisation_required'],
            [t('businessId'), 'invalid_business_id'],
            [t('email'), 'invalid_email'],
            [t('password'), 'password_too_short'],
          ] as const) {
            const input = page.getByLabel(label, { exact: true });
            await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
            // The message is at the field and read with it.
            const described = await input.evaluate((el) =>
              (el.getAttribute('aria-describedby') ?? '')
                .split(' ')
                .map((id) => document.getElementById(id)?.textContent)
                .join(' '),
            );
            expect(described).toContain(t(`err.${code}`));
          }
          // A summary link takes the keyboard to its field.
          await summary.getByRole('link').nth(1).click();
          await expect
            .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).name))
            .toBe('businessId');

          // Fixed but for a wrong check digit: only that one is left.
          await page.getByLabel(t('organisation'), { exact: true }).fill('Testi Oy');
          await page.getByLabel(t('businessId'), { exact: true }).fill('1234567-8');
          await page.getByLabel(t('email'), { exact: true }).fill('uusi@example.org');
          await page.getByLabel(t('password'), { exact: true }).fill('riittävän pitkä salasana');
          await page.getByRole('button', { name: t('register'), exact: true }).click();
          await expect.poll(() => summary.getByRole('link').count()).toBe(1);
          await expect(summary.textContent()).resolves.toContain(t('err.invalid_business_id'));
          const fit = await widthOf(page);
          expect(fit.width, fit.over.join('; ')).toBeLessThanOrEqual(viewport.width);
          expect(await seriousAxe(page), `${name} ${lang}`).toEqual([]);
        }
        await screenshot(page, `newcomer-apply-register-${name}`);
      }
      expect(errors).toEqual([]);
      await ctx.close();
    },
    ROUNDS_TIMEOUT,
  );

  it(
    'the project names the plot, submitting asks first listing each application, the timeline fits a phone',
    async () => {
      const c = await registerApplicant(db, base, 'Pinta Uusi Testi Oy', 'en');
      const { ctx, page, errors } = await open(DESKTOP);
      let t = applyT('en');
      await page.goto(
        `${base}/apply.html?plot=${plotId}&activity=surface-treatment&facts=${encodeURIComponent('{"new_building":true}')}&lang=en`,
      );
      // A link from a card opens registration; this company has an account already.
      await page.getByRole('heading', { name: t('registerHeading') }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: t('login'), exact: true }).click();
      await page.getByRole('heading', { name: t('loginHeading') }).waitFor();
      await page.getByLabel(t('email'), { exact: true }).fill(c.email);
      await page.getByLabel(t('password'), { exact: true }).fill(APPLICANT_PASSWORD);
      await page.getByRole('button', { name: t('login'), exact: true }).click();
      const plots = page.getByRole('group', { name: t('plots') });
      const box = plots.getByRole('checkbox');
      await box.waitFor();
      await expect.poll(() => plots.locator('label').textContent()).toContain(plot.property_id);
      const label = (await plots.locator('label').textContent())!;
      expect(label).toContain(plot.address);
      expect(label).toContain(plot.block_plot);
      expect(label).not.toContain(`#${plotId}`);
      await expect(box.isChecked()).resolves.toBe(true);
      await page.getByRole('button', { name: t('create') }).click();
      await page.locator('table.overview tbody tr').first().waitFor();

      // A file for the whole project: its link must be a target large enough to hit.
      await page.getByLabel(t('chooseFiles')).setInputFiles({
        name: 'asemapiirros.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
      await page.getByRole('button', { name: t('upload') }).click();
      await page.getByRole('link', { name: 'asemapiirros.pdf' }).waitFor();

      const cases = await page.locator('ol.cases > li.case').count();
      expect(cases).toBeGreaterThan(1);
      for (const [name, viewport] of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const lang of LANGS) {
          t = applyT(lang);
          await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
          const submit = page.getByRole('button', { name: t('submitAll') });
          await submit.click();
          const dialog = page.getByRole('dialog', { name: t('confirmSubmitTitle', { n: cases }) });
          await dialog.waitFor();
          // Each application by its permit and authority, as the case cards name them.
          const items = dialog.getByRole('listitem');
          await expect(items.count()).resolves.toBe(cases);
          for (let i = 0; i < cases; i++) {
            const card = page.locator('ol.cases > li.case').nth(i);
            const permit = (await card.getByRole('heading', { level: 2 }).textContent())!;
            const authority = (await card.locator('dd').nth(1).textContent())!;
            await expect(items.nth(i).textContent()).resolves.toBe(`${permit} – ${authority}`);
          }
          // Focus starts on the safe choice and Tab cannot leave the dialog.
          await expect
            .poll(() => page.evaluate(() => document.activeElement?.textContent))
            .toBe(t('confirmSubmitCancel'));
          for (let i = 0; i < 5; i++) {
            await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
            await page.keyboard.press('Tab');
            expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
          }
          expect(await seriousAxe(page), `dialog ${name} ${lang}`).toEqual([]);
          // Escape cancels: nothing was sent, focus is back on the button.
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'hidden' });
          await expect
            .poll(() => page.evaluate(() => document.activeElement?.textContent))
            .toBe(t('submitAll'));
          await expect(page.locator('ol.cases [data-testid=stage]').first().textContent()).resolves.toBe(
            { fi: 'luonnos', sv: 'utkast', en: 'draft' }[lang],
          );

          // The timeline: no wider than the screen, every stage within it.
          const fit = await widthOf(page);
          expect(fit.width, fit.over.join('; ')).toBeLessThanOrEqual(viewport.width);
          const stageCells = page.locator(`table.overview td[data-label="${t('stage')}"]`);
          for (let i = 0; i < cases; i++) {
            const b = (await stageCells.nth(i).boundingBox())!;
            expect(b.x + b.width, `${name} ${lang} stage ${i}`).toBeLessThanOrEqual(viewport.width);
          }
          expect(await seriousAxe(page), `timeline ${name} ${lang}`).toEqual([]);
        }
        await screenshot(page, `newcomer-apply-timeline-${name}`);
      }

      // Confirmed (in English, the last language): every application is sent.
      await page.getByRole('button', { name: t('submitAll') }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: t('confirmSubmit', { n: cases }) })
        .click();
      await expect
        .poll(() => page.locator('ol.cases [data-testid=stage]').allTextContents())
        .toEqual(Array(cases).fill('submitted'));
      expect(errors).toEqual([]);
      await ctx.close();
    },
    ROUNDS_TIMEOUT,
  );
});

describe('staff', () => {
  it(
    'find a plot by block/plot in any form and are warned before withdrawing one open applications name',
    async () => {
      const named = await roihupeltoPlot(db, 1);
      const [p] = await db.query<{ property_id: string; block_plot: string }>(
        `SELECT property_id, block_plot FROM plots WHERE id = $1`,
        [named],
      );
      const c = await registerApplicant(db, base, 'Varoitus Testi Oy');
      const made = await c.json<{ project: { id: string; name: string } }>(
        'POST',
        '/api/applications/projects',
        {
          plotIds: [named],
          activity: 'warehouse-logistics',
          facts: { new_building: true },
        },
      );
      expect((await c.json('POST', `/api/applications/projects/${made.body.project.id}/submit`)).status).toBe(
        200,
      );

      const { ctx, page, errors } = await open(DESKTOP);
      await page.goto(`${base}/staff.html?lang=en`);
      await page.getByLabel('E-mail').fill(PUBLISHER);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const [district, block, no] = p!.property_id.split('-').slice(1).map(Number);
      const [bp, bpNo] = p!.block_plot.split('/');
      const search = page.getByRole('searchbox');
      for (const q of [p!.block_plot, `${bp} ${bpNo}`, `${district}-${block}-${no}`, p!.property_id]) {
        await search.fill(q);
        await expect
          .poll(() => page.locator('tbody tr').allTextContents(), { message: q })
          .toEqual([expect.stringContaining(p!.property_id)]);
      }
      await page.locator('tbody tr').getByRole('button', { name: p!.property_id }).click();

      for (const [name, viewport] of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const lang of LANGS) {
          const t = staffT(lang);
          await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
          await page.getByRole('button', { name: t('withdraw'), exact: true }).click();
          const dialog = page.getByRole('dialog', { name: t('openApps.title', { plot: p!.property_id }) });
          await dialog.waitFor();
          const text = (await dialog.textContent())!;
          expect(text).toContain(made.body.project.name);
          expect(text).toContain('Varoitus Testi Oy');
          expect(text).toContain({ fi: 'jätetty', sv: 'inlämnad', en: 'submitted' }[lang]);
          expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
          expect(await seriousAxe(page), `${name} ${lang}`).toEqual([]);
          if (name === 'phone' && lang === 'en') await screenshot(page, 'newcomer-apply-staff-warning-phone');
          await dialog.getByRole('button', { name: t('openApps.cancel') }).click();
          await dialog.waitFor({ state: 'hidden' });
          await expect(page.locator('h2 .badge').first().textContent()).resolves.toBe(t('status.published'));
        }
      }
      const t = staffT('en');
      await page.getByRole('button', { name: t('withdraw'), exact: true }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: t('openApps.withdraw') })
        .click();
      await expect.poll(() => page.locator('h2 .badge').first().textContent()).toBe(t('status.withdrawn'));
      expect(errors).toEqual([]);
      await ctx.close();
    },
    ROUNDS_TIMEOUT,
  );
});

describe('the plot card', () => {
  it(
    'shows a lease basis of 29.5 with its decimal, written per language',
    async () => {
      const [row] = await db.query<{ id: number }>(
        `UPDATE plots SET lease_basis_eur_kem2 = 29.5
        WHERE id = (SELECT id FROM plots WHERE status = 'published' AND lease_basis_eur_kem2 IS NOT NULL
                    ORDER BY id LIMIT 1)
        RETURNING id::int`,
      );
      const { ctx, page, errors } = await open(DESKTOP);
      for (const [name, viewport] of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const lang of LANGS) {
          await page.goto(`${base}/?plot=${row!.id}&lang=${lang}`);
          const value = page.locator('dl').locator(`dt:text-is("${MESSAGES[lang].leaseBasis}") + dd`);
          await value.waitFor({ timeout: 30_000 });
          await expect(value.textContent(), `${name} ${lang}`).resolves.toMatch(
            lang === 'en' ? /^29\.5 / : /^29,5 /,
          );
        }
      }
      expect(errors).toEqual([]);
      await ctx.close();
    },
    ROUNDS_TIMEOUT,
  );
});
