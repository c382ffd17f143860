import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WindowCounter } from '../../server/http/path-limits.ts';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

let db: TestDb;
let server: Running;
/** The z14 tile column and row holding a published plot, so its tile has content. */
let tx: number;
let ty: number;
beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, {
    apiRateLimitPerMin: 0,
    tileRateLimitPerMin: 5,
    ogcRateLimitPerMin: 3,
    basemapRateLimitPerMin: 4,
  });
  const { items } = (await (await fetch(`${server.url}/api/plots?limit=1`)).json()) as {
    items: Array<{ center: [number, number] }>;
  };
  const [lon, lat] = items[0]!.center;
  const r = (lat * Math.PI) / 180;
  tx = Math.floor(((lon + 180) / 360) * 2 ** 14);
  ty = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** 14);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A GET from a chosen loopback address (Linux answers every 127.x.y.z), so each test is its own
 * client with its own budgets.
 */
function get(
  base: string,
  path: string,
  from: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { localAddress: from, agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      })
      .on('error', reject);
  });
}

/** A z14 tile `dx` columns east of the one with a plot (0: that one, served 200 with content). */
const tile = (dx = 0) => `/tiles/plots/14/${tx + dx}/${ty}.mvt`;

function expectRateLimited(a: Answer, limit: number): void {
  expect(a.status).toBe(429);
  expect(a.headers['content-type']).toMatch(/^application\/json/);
  expect((JSON.parse(a.body) as { error: { code: string } }).error.code).toBe('rate_limited');
  const retry = Number(a.headers['retry-after']);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(60);
  expect(a.headers['ratelimit-policy']).toBe(`${limit};w=60`);
  expect(a.headers.ratelimit).toBe(`limit=${limit}, remaining=0, reset=${retry}`);
}

describe('per-address budgets on /tiles, /ogc and /basemap', () => {
  it('refuses cached tiles over the budget, on the fast path before Express, in any letter case', async () => {
    const from = '127.0.0.2';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(server.url, tile(), from)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expectRateLimited(await get(server.url, tile(), from), 5);
    // Express routes ignore case: the upper-case path reaches the same tiles and the same budget.
    expect((await get(server.url, tile().toUpperCase(), from)).status).toBe(429);
    expect((await get(server.url, '/tiles/plots.json', from)).status).toBe(429);
  });

  it('refuses uncached tiles over the budget', async () => {
    const from = '127.0.0.3';
    for (let dx = 10; dx < 15; dx++) expect((await get(server.url, tile(dx), from)).status).toBeLessThan(400);
    expectRateLimited(await get(server.url, tile(15), from), 5);
  });

  it('refuses OGC requests over the budget', async () => {
    const from = '127.0.0.4';
    for (let i = 0; i < 3; i++)
      expect((await get(server.url, '/ogc/collections?f=json', from)).status).toBe(200);
    expectRateLimited(await get(server.url, '/ogc?f=json', from), 3);
  });

  it('refuses basemap requests over the budget, in the language asked for', async () => {
    const from = '127.0.0.5';
    for (let i = 0; i < 4; i++)
      expect((await get(server.url, '/basemap/style.json?lang=sv', from)).status).toBe(200);
    const refused = await get(server.url, '/basemap/style.json?lang=sv', from);
    expectRateLimited(refused, 4);
    expect(JSON.parse(refused.body).error.message).toBe('För många förfrågningar; försök igen om en stund.');
    const en = await get(server.url, '/basemap/style.json', from, { 'Accept-Language': 'en-GB,fi;q=0.5' });
    expect(JSON.parse(en.body).error.message).toBe('Too many requests; try again in a minute.');
  });

  it('keeps budgets per client address and per path family', async () => {
    for (let i = 0; i < 6; i++) await get(server.url, tile(), '127.0.0.6');
    expect((await get(server.url, tile(), '127.0.0.6')).status).toBe(429);
    expect((await get(server.url, tile(), '127.0.0.7')).status).toBe(200);
    expect((await get(server.url, '/basemap/style.json', '127.0.0.6')).status).toBe(200);
    expect((await get(server.url, '/healthz', '127.0.0.6')).status).toBe(200);
  });

  it('behind a trusted proxy (loopback by default), counts each forwarded client on its own', async () => {
    const proxy = '127.0.0.8';
    const a = { 'X-Forwarded-For': '203.0.113.1' };
    for (let i = 0; i < 5; i++) expect((await get(server.url, tile(), proxy, a)).status).toBe(200);
    expect((await get(server.url, tile(), proxy, a)).status).toBe(429);
    const b = { 'X-Forwarded-For': '203.0.113.2' };
    expect((await get(server.url, tile(), proxy, b)).status).toBe(200);
  });
});

describe('default budgets', () => {
  let roomy: Running;
  beforeAll(async () => {
    roomy = await startTestServer(db, { apiRateLimitPerMin: 0 });
  });
  afterAll(async () => {
    await roomy?.stop();
  });

  it('never trip on a map burst of 300 tile requests from one address', async () => {
    const paths = Array.from({ length: 300 }, (_, i) => tile(i % 30));
    const statuses: number[] = [];
    for (let i = 0; i < paths.length; i += 20)
      statuses.push(
        ...(await Promise.all(paths.slice(i, i + 20).map((p) => get(roomy.url, p, '127.0.0.9')))).map(
          (a) => a.status,
        ),
      );
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(statuses.every((s) => s < 400)).toBe(true);
  });
});

describe('the window counter', () => {
  it('counts each key up to its limit, tells the seconds left, and starts over when the window ends', () => {
    let now = 1_000_000;
    const c = new WindowCounter(2, () => now);
    expect([c.hit('a'), c.hit('a'), c.hit('b')]).toEqual([0, 0, 0]);
    now += 15_000;
    expect(c.hit('a')).toBe(45);
    now += 45_000;
    expect(c.hit('a')).toBe(0);
  });
});
