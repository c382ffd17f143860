/**
 * Plot tile benchmark (`npm run bench -- tiles`). For each engine, on `count` seeded plots:
 *  1. uncached tile time per zoom through the HTTP server vs the same tile statement run alone,
 *     and vs that statement plus the HTTP round trip of a bare node:http server sending the bytes
 *     (PostgreSQL: ST_AsMVT; PGlite: the select-and-clip statement its Node encoder reads);
 *  2. the largest tile per zoom (densest tiles and those just under each representation limit);
 *  3. cached tile throughput vs a bare node:http server sending the same bytes, loaded by `wrk`
 *     from a second process on loopback for --duration seconds each.
 * Extra option: --zooms=10,12,14 (default 8-16).
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/index.ts';
import type { PlotFilter } from '../../shared/filter.ts';
import { createLogger } from '../../server/log.ts';
import { start, type Running } from '../../server/main.ts';
import type { TileAddress } from '../../server/tiles/address.ts';
import { renderPlotTile } from '../../server/tiles/render.ts';
import { plotTileSql, TILE_LIMITS } from '../../server/tiles/sql.ts';
import { openBenchDb, type BenchModule, type BenchOptions, type Engine } from './common.ts';
import { tilesByDensity } from './tiles-sample.ts';

const ROUNDS = 7; // timed passes over the sample tiles; medians and bests reported

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

function fetchTile(port: number, a: TileAddress, query = ''): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(
        { host: '127.0.0.1', port, path: `/tiles/plots/${a.z}/${a.x}/${a.y}.mvt${query}`, agent: keepAlive },
        (res) => {
          let bytes = 0;
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        },
      )
      .on('error', reject);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

async function startServer(db: Db, url: string | undefined, cacheMb: number): Promise<Running> {
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      serveClient: false,
      seedDemo: false,
      logLevel: 'silent',
      tileCacheMb: cacheMb,
      databaseUrl: url,
      // Counted but never reached: the figures include the per-address check, not its refusals.
      tileRateLimitPerMin: 1_000_000_000,
    },
  );
  return start(config, createLogger('silent'), { db });
}

interface ZoomRow {
  z: number;
  tiles: number;
  sqlMs: number;
  httpMs: number;
  bestRatio: number; // fastest HTTP over fastest SQL: least disturbed by other load
  nodeOnPgMs?: number;
  bareMs: number; // the same bytes from a bare node:http server: the HTTP round trip alone
  maxKb: number;
  maxGzKb: number;
  maxAt: string;
}

async function uncached(
  engine: Engine,
  db: Db,
  url: string | undefined,
  zooms: number[],
): Promise<ZoomRow[]> {
  // A cache too small to keep any tile: every request is made afresh.
  const server = await startServer(db, url, 1e-6);
  // The HTTP round trip alone: a bare server answering each tile's bytes from memory.
  const bytesByPath = new Map<string, Buffer>();
  const bare = http.createServer((req, out) => {
    const body = bytesByPath.get(req.url ?? '') ?? Buffer.alloc(0);
    out.writeHead(200, {
      'Content-Type': 'application/vnd.mapbox-vector-tile',
      'Content-Length': body.length,
    });
    out.end(body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const barePort = (bare.address() as AddressInfo).port;
  const rows: ZoomRow[] = [];
  try {
    for (const z of zooms) {
      const sample = await tilesByDensity(db, z);
      if (sample.length === 0) continue;
      const output = engine === 'postgres' ? 'mvt' : 'geojson';
      const sqlT: number[] = [];
      const httpT: number[] = [];
      const nodeT: number[] = [];
      const bareT: number[] = [];
      let maxBytes = 0;
      let maxGz = 0;
      let maxAt = '';
      for (const a of sample) {
        // Warm-up: first touch of the pages of this tile.
        const q = plotTileSql(a, {}, output);
        await db.query(q.text, q.values);
        const raw = await renderPlotTile(db, a, {});
        bytesByPath.set(`/tiles/plots/${a.z}/${a.x}/${a.y}.mvt`, raw);
        if (raw.length > maxBytes) {
          maxBytes = raw.length;
          maxAt = `${a.z}/${a.x}/${a.y}`;
          maxGz = (await import('node:zlib')).gzipSync(raw).length;
        }
      }
      for (let r = 0; r < ROUNDS; r++) {
        for (const a of sample) {
          const q = plotTileSql(a, {}, output);
          sqlT.push((await timeIt(() => db.query(q.text, q.values)))[0]);
          httpT.push((await timeIt(() => fetchTile(server.port, a)))[0]);
          bareT.push((await timeIt(() => fetchTile(barePort, a)))[0]);
          if (engine === 'postgres')
            nodeT.push((await timeIt(() => renderPlotTile(db, a, {}, { encoder: 'node' })))[0]);
        }
      }
      rows.push({
        z,
        tiles: sample.length,
        sqlMs: median(sqlT),
        httpMs: median(httpT),
        bestRatio: Math.min(...httpT) / Math.min(...sqlT),
        nodeOnPgMs: engine === 'postgres' ? median(nodeT) : undefined,
        bareMs: median(bareT),
        maxKb: maxBytes / 1024,
        maxGzKb: maxGz / 1024,
        maxAt,
      });
      console.error(`  z${z}: ${sample.length} tiles measured`);
    }
  } finally {
    await server.stop();
    await new Promise((r) => bare.close(r));
  }
  return rows;
}

/** wrk is a separate C load generator, so the load does not compete with the servers' own thread. */
async function hasWrk(): Promise<boolean> {
  try {
    await promisify(execFile)('wrk', ['--version']);
    return true;
  } catch (err) {
    // wrk --version prints its version and exits 1; only a missing binary is ENOENT.
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

// Asynchronous: the servers under load run in this process and must keep their event loop.
async function wrk(url: string, durationS: number): Promise<number> {
  const { stdout: out } = await promisify(execFile)(
    'wrk',
    ['-t', '1', '-c', '32', '-d', `${durationS}s`, '--timeout', '5s', '-H', 'Accept-Encoding: gzip', url],
    { encoding: 'utf8', timeout: (durationS + 30) * 1000 },
  );
  const m = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!m) throw new Error(`wrk printed no rate:\n${out}`);
  return Number(m[1]);
}

async function cached(db: Db, url: string | undefined, durationS: number): Promise<string[]> {
  const server = await startServer(db, url, 128);
  const lines: string[] = [];
  try {
    for (const z of [14, 11]) {
      const [a] = await tilesByDensity(db, z, 1);
      if (!a) continue;
      const path = `/tiles/plots/${a.z}/${a.x}/${a.y}.mvt`;
      // Fill the cache and take the exact bytes and headers the app sends.
      const first = await fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
      const body = Buffer.from(await first.arrayBuffer());
      const res = await new Promise<{ headers: http.IncomingHttpHeaders; gz: Buffer }>((resolve, reject) =>
        http
          .get(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'gzip' } }, (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => resolve({ headers: r.headers, gz: Buffer.concat(chunks) }));
          })
          .on('error', reject),
      );
      const bare = http.createServer((_req, out) => {
        out.writeHead(200, {
          'Content-Type': 'application/vnd.mapbox-vector-tile',
          'Content-Encoding': 'gzip',
          'Content-Length': res.gz.length,
          ETag: String(res.headers.etag),
          'Cache-Control': String(res.headers['cache-control']),
        });
        out.end(res.gz);
      });
      await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
      const barePort = (bare.address() as AddressInfo).port;
      // Alternated and best of two each: other load on the machine hits both alike.
      let appRate = 0;
      let bareRate = 0;
      for (let round = 0; round < 2; round++) {
        appRate = Math.max(appRate, await wrk(`http://127.0.0.1:${server.port}${path}`, durationS));
        bareRate = Math.max(bareRate, await wrk(`http://127.0.0.1:${barePort}${path}`, durationS));
      }
      await new Promise((r) => bare.close(r));
      lines.push(
        `| z${z} ${a.x}/${a.y} | ${fmt(res.gz.length / 1024)} KB gzip (${fmt(body.length / 1024)} KB raw) | ${Math.round(appRate)} | ${Math.round(bareRate)} | ${fmt(appRate / bareRate, 2)}x |`,
      );
    }
  } finally {
    await server.stop();
  }
  return lines;
}

/**
 * Sub-district cluster tiles (z <= subDistrictMaxZoom) without a filter read the running sums of
 * migration 014; with a range filter that keeps every plot, the same tile aggregates the plots.
 * Median statement time of each over the sample tiles.
 */
async function clusterSums(engine: Engine, db: Db, zooms: number[]): Promise<string[]> {
  const output = engine === 'postgres' ? 'mvt' : 'geojson';
  const filters: Array<[string, PlotFilter]> = [
    ['none', {}],
    ['industrial, available', { useClass: ['industrial'], availability: ['available'] }],
  ];
  const lines: string[] = [];
  for (const [name, filter] of filters)
    for (const z of zooms.filter((z) => z <= TILE_LIMITS.subDistrictMaxZoom)) {
      const sample = await tilesByDensity(db, z);
      const sums: number[] = [];
      const plots: number[] = [];
      for (let r = 0; r < ROUNDS; r++)
        for (const a of sample) {
          const q = plotTileSql(a, filter, output);
          // A range that keeps every plot: the same tile, aggregated from the plots.
          const f = plotTileSql(a, { ...filter, areaMin: 0 }, output);
          sums.push((await timeIt(() => db.query(q.text, q.values)))[0]);
          plots.push((await timeIt(() => db.query(f.text, f.values)))[0]);
        }
      lines.push(
        `| ${name} | ${z} | ${fmt(median(plots))} | ${fmt(median(sums))} | ${fmt(median(plots) / median(sums), 1)}x |`,
      );
    }
  return lines;
}

async function runEngine(engine: Engine, opts: BenchOptions): Promise<ZoomRow[]> {
  const zooms = opts.extra.zooms
    ? String(opts.extra.zooms).split(',').map(Number)
    : [8, 9, 10, 11, 12, 13, 14, 15, 16];
  const { db, url } = await openBenchDb(engine, opts.count, opts.fresh);
  try {
    const n = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plots WHERE status = 'published'`)
    )[0]!.n;
    console.log(`\n### ${engine}, ${opts.count} plots (${n} published)\n`);
    const rows = await uncached(engine, db, url, zooms);
    const ref = engine === 'postgres' ? 'ST_AsMVT SQL' : 'select+clip SQL';
    console.log(
      `| zoom | tiles | ${ref} ms | HTTP uncached ms | ratio | best-of ratio | bare HTTP round trip ms | ratio to SQL + round trip |${engine === 'postgres' ? ' Node encoder on PG ms |' : ''} largest tile KB (gzip) | at |`,
    );
    console.log(`|---|---|---|---|---|---|---|---|${engine === 'postgres' ? '---|' : ''}---|---|`);
    for (const r of rows)
      console.log(
        `| ${r.z} | ${r.tiles} | ${fmt(r.sqlMs)} | ${fmt(r.httpMs)} | ${fmt(r.httpMs / r.sqlMs, 2)}x | ${fmt(r.bestRatio, 2)}x | ${fmt(r.bareMs, 2)} | ${fmt(r.httpMs / (r.sqlMs + r.bareMs), 2)}x |${r.nodeOnPgMs !== undefined ? ` ${fmt(r.nodeOnPgMs)} |` : ''} ${fmt(r.maxKb)} (${fmt(r.maxGzKb)}) | ${r.maxAt} |`,
      );
    const worst = Math.max(...rows.map((r) => r.maxKb));
    console.log(`\nLargest tile: ${fmt(worst)} KB (limit 500 KB: ${worst <= 500 ? 'met' : 'NOT met'}).`);
    const sums = await clusterSums(engine, db, zooms);
    if (sums.length) {
      console.log('\nSub-district clusters, tile statement ms: aggregating the plots vs the running sums\n');
      console.log('| filter | zoom | aggregating plots ms | running sums ms | speed-up |');
      console.log('|---|---|---|---|---|');
      for (const line of sums) console.log(line);
    }
    if (!(await hasWrk())) {
      console.log('\nCached tile throughput skipped: it is measured with wrk (Debian: apt-get install wrk).');
      return rows;
    }
    console.log(`\nCached tile, wrk -t1 -c32 -d${opts.durationS}s on loopback:\n`);
    console.log('| tile | size | app req/s | bare node:http req/s | ratio |');
    console.log('|---|---|---|---|---|');
    for (const line of await cached(db, url, opts.durationS)) console.log(line);
    return rows;
  } finally {
    await db.close();
  }
}

export const bench: BenchModule = {
  description: `plot vector tiles (limits: outlines from z${TILE_LIMITS.polygonMinZoom} up to ${TILE_LIMITS.maxPolygons}, points up to ${TILE_LIMITS.maxPoints}, then clusters)`,
  async run(opts) {
    const byEngine = new Map<Engine, ZoomRow[]>();
    for (const engine of opts.engines) byEngine.set(engine, await runEngine(engine, opts));
    const pg = byEngine.get('postgres');
    const lite = byEngine.get('pglite');
    if (!pg || !lite) return;
    // Same seed, same tiles: the embedded engine's uncached tile against PostgreSQL's.
    console.log('\nUncached tile through HTTP, embedded vs PostgreSQL (median ms):\n');
    console.log('| zoom | PostgreSQL | embedded | ratio |');
    console.log('|---|---|---|---|');
    for (const l of lite) {
      const p = pg.find((r) => r.z === l.z);
      if (p)
        console.log(`| ${l.z} | ${fmt(p.httpMs)} | ${fmt(l.httpMs)} | ${fmt(l.httpMs / p.httpMs, 2)}x |`);
    }
  },
};
