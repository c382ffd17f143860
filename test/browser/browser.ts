/**
 * Headless Chromium for the browser tests (playwright-core over the system Chromium, WebGL
 * through SwiftShader), and the few page helpers every test file uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';

export const ARTIFACTS = path.join(ROOT_DIR, 'test-artifacts');

const FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--use-angle=swiftshader',
];

export const appUrl = (query = ''): string => `${inject('appUrl')}/${query}`;

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 740 };

export async function newPage(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; locale?: string; phone?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? DESKTOP,
    locale: opts.locale ?? 'fi-FI',
    isMobile: opts.phone ?? false,
    hasTouch: opts.phone ?? false,
    deviceScaleFactor: 1,
    // MapLibre honours reduced motion: camera moves jump instead of flying, so a test waits for
    // one set of tiles instead of every zoom a flight passes through (the end state is the same).
    reducedMotion: 'reduce',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('appUrl') });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** Waits until the map has drawn its plot source once and is idle (not moving, tiles loaded). */
export async function waitForMap(page: Page, timeout = 30_000): Promise<number> {
  await page.waitForSelector('.map[data-first-plots-idle]', { timeout });
  await waitIdle(page, timeout);
  return Number(await page.getAttribute('.map', 'data-first-plots-idle'));
}

/** Waits for the map's next idle after a camera move or a filter change. */
export async function waitIdle(page: Page, timeout = 30_000): Promise<void> {
  // Moves and tile reloads start asynchronously: give them a frame to flip the flag.
  await page.waitForTimeout(150);
  await page.waitForSelector('.map[data-idle="true"]', { timeout });
}

export async function screenshot(page: Page, name: string): Promise<Buffer> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

export type Rgb = [number, number, number];
export const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;

/**
 * Counts, in a PNG screenshot of `clip` (CSS pixels of the page), the pixels within `tolerance`
 * (Euclidean RGB distance) of each given colour. Decoded by the browser's 2D canvas, which reads
 * back reliably (the WebGL canvas does not).
 */
export async function countColours<K extends string>(
  page: Page,
  colours: Record<K, Rgb>,
  opts: { clip?: { x: number; y: number; width: number; height: number }; tolerance?: number } = {},
): Promise<Record<K, number>> {
  const png = await page.screenshot({ clip: opts.clip });
  return page.evaluate<Record<K, number>, { b64: string; colours: Record<string, Rgb>; tol: number }>(
    async ({ b64, colours, tol }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const out: Record<string, number> = {};
      const entries = Object.entries(colours);
      for (const [k] of entries) out[k] = 0;
      for (let i = 0; i < d.length; i += 4) {
        for (const [k, [r, g, b]] of entries) {
          const dr = d[i]! - r;
          const dg = d[i + 1]! - g;
          const db = d[i + 2]! - b;
          if (dr * dr + dg * dg + db * db <= tol * tol) out[k]!++;
        }
      }
      return out as Record<K, number>;
    },
    { b64: png.toString('base64'), colours, tol: opts.tolerance ?? 40 },
  );
}

/** The map's box on the page, less the overlays at its edges (tools, legend, controls). */
export async function mapClip(page: Page) {
  const box = (await page.locator('.map').boundingBox())!;
  return { x: box.x + 60, y: box.y + 10, width: box.width - 120, height: box.height - 40 };
}

/** A published plot from the API matching `query` (a filter query string). */
export async function somePlot(query: string): Promise<{
  id: number;
  property_id: string;
  address: string | null;
  center: [number, number];
  use_class: string;
}> {
  const params = new URLSearchParams(query);
  params.set('limit', '1');
  if (!params.has('sort')) params.set('sort', '-area_m2');
  const res = await fetch(`${inject('appUrl')}/api/plots?${params}`);
  const body = (await res.json()) as { items: Array<Awaited<ReturnType<typeof somePlot>>> };
  if (!body.items[0]) throw new Error(`no plot for ${query}`);
  return body.items[0];
}

/** The live plot count shown in the side panel, once it is a number (not "Counting…"). */
export async function readCount(page: Page, selector = '[data-testid=count]'): Promise<number> {
  await page.waitForFunction((sel) => /\d/.test(document.querySelector(sel)?.textContent ?? ''), selector, {
    timeout: 15_000,
  });
  return Number(((await page.locator(selector).textContent()) ?? '').replace(/\D/g, ''));
}
