/**
 * Measures the map app in headless Chromium on this machine and prints the figures:
 *   - time from navigation to the map's first idle with plots drawn (median of 5 cold loads,
 *     each in a fresh browser context), against the page's own DOMContentLoaded as reference;
 *   - gzipped size of the initial JavaScript (entry script + modulepreloads of index.html).
 * Run: `npx tsx test/browser/measure.ts` (builds the client if stale, starts the real server).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT_DIR } from '../../server/config.ts';
import { startAppServer } from './app-server.ts';

const RUNS = 5;
const FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--use-angle=swiftshader',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function initialJsGzip(): { files: string[]; bytes: number } {
  const dist = path.join(ROOT_DIR, 'dist', 'client');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce(
    (n, f) => n + gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length,
    0,
  );
  return { files, bytes };
}

const app = await startAppServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
try {
  const idle: number[] = [];
  const dcl: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/?lang=fi`);
    await page.waitForSelector('.map[data-first-plots-idle]', { timeout: 60_000 });
    idle.push(Number(await page.getAttribute('.map', 'data-first-plots-idle')));
    dcl.push(
      await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return Math.round(nav.domContentLoadedEventEnd);
      }),
    );
    await context.close();
  }
  const js = initialJsGzip();
  const m = median(idle);
  const r = median(dcl);
  console.log(
    `first idle with plots drawn: median ${m} ms over ${RUNS} cold loads (runs: ${idle.join(', ')} ms)`,
  );
  console.log(
    `reference, DOMContentLoaded: median ${r} ms; ratio idle/DOMContentLoaded ${(m / r).toFixed(1)}x`,
  );
  console.log(`initial JS: ${(js.bytes / 1024).toFixed(1)} kB gzip (${js.files.join(', ')})`);
} finally {
  await browser.close();
  await app.stop();
}
