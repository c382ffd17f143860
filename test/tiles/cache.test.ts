import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/index.ts';
import { createLogger } from '../../server/log.ts';
import type { DataVersion } from '../../server/plots/data-version.ts';
import { TileCache } from '../../server/tiles/cache.ts';
import { tileFastPath } from '../../server/tiles/routes.ts';
import { createPlotTiles } from '../../server/tiles/service.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { tileAt } from './decode.ts';

/** A data version moved by hand, as the NOTIFY would move it. */
function manualVersion(start: number): DataVersion & { bump(): void } {
  let v = start;
  const subs = new Set<(v: number) => void>();
  return {
    current: () => v,
    onChange(cb) {
      subs.add(cb);
      return () => subs.delete(cb);
    },
    refresh: async () => v,
    close: async () => {},
    bump() {
      v++;
      for (const s of subs) s(v);
    },
  };
}

const bytes = (n: number) => Buffer.alloc(n, 7);

describe('TileCache', () => {
  it('runs one query for many concurrent misses of the same tile', async () => {
    const cache = new TileCache(1e6, 1);
    let calls = 0;
    const make = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return bytes(100);
    };
    const tiles = await Promise.all(Array.from({ length: 10 }, () => cache.get('a', 1, make)));
    expect(calls).toBe(1);
    expect(new Set(tiles).size).toBe(1);
    expect(cache.stats().merged).toBe(9);
    await cache.get('a', 1, make);
    expect(calls).toBe(1);
  });

  it('keeps nothing after a failed query, so the next request tries again', async () => {
    const cache = new TileCache(1e6, 1);
    await expect(cache.get('a', 1, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    const t = await cache.get('a', 1, async () => bytes(10));
    expect(t.raw.length).toBe(10);
  });

  it('stays within its byte bound, dropping the least recently used tile first', async () => {
    const cache = new TileCache(3 * (2000 + 256) + 100, 1); // room for three incompressible-ish tiles
    const noise = () => Buffer.from(Array.from({ length: 1000 }, () => Math.floor(Math.random() * 256)));
    for (const k of ['a', 'b', 'c']) await cache.get(k, 1, async () => noise());
    expect(cache.peek('a')).toBeDefined(); // a is now the most recently used
    await cache.get('d', 1, async () => noise());
    expect(cache.stats().bytes).toBeLessThanOrEqual(3 * (2000 + 256) + 100);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBeDefined();
    expect(cache.peek('d')).toBeDefined();
  });

  it('drops every tile of the old data version and never stores a tile made from it', async () => {
    const cache = new TileCache(1e6, 1);
    await cache.get('1/a', 1, async () => bytes(10));
    let release: () => void = () => {};
    const slow = cache.get('1/b', 1, () => new Promise<Buffer>((r) => (release = () => r(bytes(10)))));
    cache.setVersion(2);
    expect(cache.peek('1/a')).toBeUndefined();
    release();
    await slow;
    expect(cache.peek('1/b')).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });
});

describe('plot tile service and its fast path', () => {
  let db: TestDb;
  let queries = 0;
  let counting: Db;
  beforeAll(async () => {
    db = await openTestDb();
    counting = {
      ...db,
      query: (text, values) => {
        queries++;
        return db.query(text, values);
      },
    };
    // The embedded engine runs the tile statement in its worker, together with the encoding.
    if (db.encodeGeojsonTile)
      counting.encodeGeojsonTile = (text, values, a) => {
        queries++;
        return db.encodeGeojsonTile!(text, values, a);
      };
  });
  afterAll(async () => {
    await db?.close();
  });

  it('merges concurrent requests for a tile into one database query', async () => {
    const tiles = createPlotTiles(counting, manualVersion(1), { cacheBytes: 1e7 });
    queries = 0;
    const a = tileAt(24.86, 60.222, 12);
    const results = await Promise.all(Array.from({ length: 8 }, () => tiles.get(a, {})));
    expect(queries).toBe(1);
    expect(results.every((r) => r === results[0])).toBe(true);
    expect(results[0]!.raw.length).toBeGreaterThan(0);
    tiles.close();
  });

  it('queries again after the data version moves on', async () => {
    const version = manualVersion(1);
    const tiles = createPlotTiles(counting, version, { cacheBytes: 1e7 });
    const a = tileAt(24.86, 60.222, 12);
    queries = 0;
    const first = await tiles.get(a, {});
    await tiles.get(a, {});
    expect(queries).toBe(1);
    version.bump();
    const second = await tiles.get(a, {});
    expect(queries).toBe(2);
    expect(second.etag).not.toBe(first.etag); // the version is part of the validator
    tiles.close();
  });

  it('answers tile requests from node:http, querying only on a miss, and hands bad ones to the router', async () => {
    const tiles = createPlotTiles(counting, manualVersion(3), { cacheBytes: 1e7 });
    const fast = tileFastPath(tiles, createLogger('silent'));
    const a = tileAt(24.86, 60.222, 12);
    const url = `/tiles/plots/${a.z}/${a.x}/${a.y}.mvt`;
    const server = http.createServer((req, res) => {
      if (!fast(req, res)) {
        res.writeHead(418);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      queries = 0;
      const miss = await fetch(`${base}${url}?v=3`);
      expect(miss.status).toBe(200);
      expect(queries).toBe(1);
      const hit = await fetch(`${base}${url}?v=3`);
      expect(hit.status).toBe(200);
      expect(hit.headers.get('cache-control')).toContain('immutable');
      expect(Buffer.from(await hit.arrayBuffer())).toEqual(Buffer.from(await miss.arrayBuffer()));
      expect(queries).toBe(1);
      expect((await fetch(`${base}${url}?use_class=office`)).status).toBe(200); // another filter
      expect(queries).toBe(2);
      expect((await fetch(`${base}${url}?use_class=nonsense`)).status).toBe(418); // the router's 400
      expect((await fetch(`${base}/tiles/plots/${a.z}/${a.x}/x.mvt`)).status).toBe(418);
      expect((await fetch(`${base}/tiles/plots/17/0/0.mvt`)).status).toBe(418); // the router's 404
    } finally {
      await new Promise((r) => server.close(r));
      tiles.close();
    }
  });

  it('answers a database failure with the error body the rest of the API uses', async () => {
    const failing: Db = {
      ...db,
      query: () => Promise.reject(Object.assign(new Error('canceling statement'), { code: '57014' })),
    };
    if (db.encodeGeojsonTile) failing.encodeGeojsonTile = failing.query as never;
    const tiles = createPlotTiles(failing, manualVersion(1), { cacheBytes: 1e7 });
    const fast = tileFastPath(tiles, createLogger('silent'));
    const server = http.createServer((req, res) => void fast(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/tiles/plots/12/2331/1184.mvt`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('query_timeout');
    } finally {
      await new Promise((r) => server.close(r));
      tiles.close();
    }
  });
});
