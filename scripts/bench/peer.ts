/**
 * Peer benchmark (`npm run bench -- peer --count 100000`, PostgreSQL only): our server against
 * MapServer 8 (Debian `cgi-mapserver`, FastCGI under `lighttpd`) reading the same PostGIS table,
 * each with the same number of processes (--procs=2), measured in the same run:
 *  1. OGC API Features items, limit 100, random bboxes, --clients=8 connections from wrk;
 *  2. uncached MVT tiles, every tile of the data at --zooms=14,15,16, fetched once per round with
 *     4 connections in flight (MapServer: its tile mode with map.imagetype=mvt).
 * Before timing, both sides are checked to answer alike: the same features for the same bboxes,
 * the same attributes, tiles of the same feature counts and sizes in the same range.
 * Installs nothing: when mapserv, lighttpd or wrk is missing it says what to apt-get install.
 * Extra options: --mapserv=PATH --lighttpd=PATH --wrk=PATH --procs=N --clients=N --zooms=14,15,16.
 */
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/index.ts';
import { plotPageSql } from '../../server/ogc/queries.ts';
import { CRS84 } from '../../server/ogc/crs.ts';
import { openBenchDb, type BenchModule, type BenchOptions } from './common.ts';
import { checkItems, checkTiles } from './peer-check.ts';
import { pct, sweep, wrkItems } from './peer-load.ts';
import {
  findTools,
  mapServerItemsPath,
  mapServerTilePath,
  startMapServer,
  type MapServerPeer,
  type Tools,
} from './peer-mapserver.ts';

const BOX_W = 0.02; // degrees of longitude, about 1.1 km at Helsinki
const BOX_H = 0.01; // degrees of latitude, about 1.1 km
const TILE_CLIENTS = 4;
const ROUNDS = 2; // alternated rounds per measure; the best of each side is kept

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const WORLD_M = 2 * Math.PI * 6378137;

/** A seeded generator, so every run asks the same questions. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Ours {
  url: string;
  procs: number;
  stop(): Promise<void>;
}

/** Our server as `procs` processes on one port (peer-server.ts), started as a child process. */
async function startOurs(databaseUrl: string, procs: number): Promise<Ours> {
  const port = await freePort();
  const child: ChildProcess = fork(fileURLToPath(new URL('./peer-server.ts', import.meta.url)), [], {
    env: {
      ...process.env,
      PEER_PORT: String(port),
      PEER_PROCS: String(procs),
      PEER_DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`our server exited with ${code} before listening`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    procs,
    async stop() {
      if (child.exitCode !== null) return;
      child.send('stop');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function pgConnString(url: string): string {
  const u = new URL(url);
  const parts = [
    `host=${u.hostname}`,
    `port=${u.port || 5432}`,
    `dbname=${decodeURIComponent(u.pathname.slice(1))}`,
    `user=${decodeURIComponent(u.username || 'postgres')}`,
  ];
  if (u.password) parts.push(`password=${decodeURIComponent(u.password)}`);
  return parts.join(' ');
}

/** Index names in a plan, to show that each side's bbox query is served by a GiST index. */
async function planIndexes(db: Db, text: string, values: unknown[] = []): Promise<string> {
  const rows = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
  const names = new Set<string>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const node = n as Record<string, unknown>;
    if (typeof node['Index Name'] === 'string') names.add(node['Index Name']);
    Object.values(node).forEach((v) => (Array.isArray(v) ? v.forEach(walk) : walk(v)));
  };
  walk(rows[0]?.['QUERY PLAN']);
  return names.size ? [...names].join(', ') : 'none (sequential scan)';
}

/** Every tile at z holding a published plot's point: "every tile of the data". */
async function dataTiles(db: Db, z: number): Promise<Array<[number, number]>> {
  const size = WORLD_M / 2 ** z;
  const rows = await db.query<{ x: number; y: number }>(
    `SELECT DISTINCT floor((ST_X(point_3857) + $1::float8 / 2) / $2::float8)::int AS x,
            floor(($1::float8 / 2 - ST_Y(point_3857)) / $2::float8)::int AS y
       FROM plots WHERE status = 'published' ORDER BY 1, 2`,
    [WORLD_M, size],
  );
  return rows.map((r) => [r.x, r.y]);
}

async function run(opts: BenchOptions, tools: Tools): Promise<void> {
  const procs = Number(opts.extra.procs ?? 2);
  const clients = Number(opts.extra.clients ?? 8);
  const zooms = String(opts.extra.zooms ?? '14,15,16')
    .split(',')
    .map(Number);
  const { db, url } = await openBenchDb('postgres', opts.count, opts.fresh);
  let ours: Ours | undefined;
  let ms: MapServerPeer | undefined;
  // Interrupted, both sides are still stopped: lighttpd's FastCGI processes would outlive it.
  const interrupted = () => void Promise.allSettled([ours?.stop(), ms?.stop()]).then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const [ext] = await db.query<{ x0: number; y0: number; x1: number; y1: number }>(
      `SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1
         FROM (SELECT ST_Extent(geom_3857)::geometry AS e FROM plots WHERE status = 'published') t`,
    );
    const pts = await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ST_Transform(point_3857, 4326) AS g FROM plots
        WHERE status = 'published' ORDER BY md5(id::text) LIMIT 500) t`,
    );
    const centres = pts.map((p) => [Number(p.lon.toFixed(6)), Number(p.lat.toFixed(6))] as [number, number]);
    const published = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plots WHERE status = 'published'`)
    )[0]!.n;
    ms = await startMapServer(tools, {
      port: await freePort(),
      procs,
      pgConn: pgConnString(url!),
      extent3857: [ext!.x0, ext!.y0, ext!.x1, ext!.y1].map((v) => Math.round(v)) as [
        number,
        number,
        number,
        number,
      ],
    });
    ours = await startOurs(url!, procs);
    const pool = loadConfig({}).poolSize;
    console.log(
      `\n### PostgreSQL, ${opts.count} plots (${published} published), ${os.availableParallelism()} cores\n`,
    );
    console.log(
      `Ours: ${procs} Node processes on one port (node:cluster), each one JavaScript thread with a pool of up to ${pool} PostgreSQL connections; tile cache off.`,
    );
    console.log(
      `MapServer 8 (${tools.mapserv}): lighttpd (1 process) with mod_fastcgi and ${procs} single-threaded mapserv processes (max-procs ${procs}), ` +
        'each keeping one PostgreSQL connection open (PROCESSING "CLOSE_CONNECTION=DEFER"); geometry from the EPSG:3857 column, reprojected to CRS84 in process.',
    );
    const r = rng(7);
    const boxes = Array.from({ length: 20 }, () => {
      const [x, y] = centres[Math.floor(r() * centres.length)]!;
      return [x - BOX_W / 2, y - BOX_H / 2, x + BOX_W / 2, y + BOX_H / 2].map((v) => v.toFixed(6)).join(',');
    });
    const [bx0, by0, bx1, by1] = boxes[0]!.split(',').map(Number) as [number, number, number, number];
    const theirSql = `SELECT * FROM (SELECT p.id, p.geom_3857 FROM plots p WHERE p.status = 'published') t
      WHERE ST_Intersects(geom_3857, ST_Transform(ST_MakeEnvelope(${bx0}, ${by0}, ${bx1}, ${by1}, 4326), 3857)) LIMIT 100`;
    const ourSql = plotPageSql(
      {},
      { crs: CRS84, limit: 100, bbox: { minX: bx0, minY: by0, maxX: bx1, maxY: by1, srid: 4326 } },
    );
    console.log(
      `Indexes the bbox queries use: ours ${await planIndexes(db, ourSql.text, ourSql.values)}; MapServer's ${await planIndexes(db, theirSql)}.\n`,
    );
    console.log('#### Comparable answers\n');
    await checkItems(ours, ms, boxes, { w: BOX_W, h: BOX_H });
    await checkTiles(db, ours, ms, zooms);

    console.log(
      `#### OGC API Features items, limit 100, random ${BOX_W} x ${BOX_H} degree bboxes, wrk -t1 -c${clients} -d${opts.durationS}s\n`,
    );
    const best = {
      ours: { rps: 0, p50Ms: NaN, p99Ms: NaN, errors: 0 },
      ms: { rps: 0, p50Ms: NaN, p99Ms: NaN, errors: 0 },
    };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? (['ms', 'ours'] as const) : (['ours', 'ms'] as const);
      for (const side of order) {
        const res = await wrkItems({
          wrk: tools.wrk,
          base: side === 'ours' ? ours.url : ms.url,
          pathPrefix:
            side === 'ours'
              ? '/ogc/collections/plots/items?f=json&limit=100&bbox='
              : mapServerItemsPath('limit=100&bbox='),
          centres,
          w: BOX_W,
          h: BOX_H,
          clients,
          durationS: opts.durationS,
        });
        const errors = best[side].errors + res.errors;
        if (res.rps > best[side].rps) best[side] = res;
        best[side].errors = errors;
      }
    }
    console.log('| side | req/s | p50 ms | p99 ms | errors | throughput vs MapServer |');
    console.log('|---|---|---|---|---|---|');
    for (const side of ['ours', 'ms'] as const) {
      const b = best[side];
      console.log(
        `| ${side === 'ours' ? 'ours' : 'MapServer'} | ${Math.round(b.rps)} | ${f(b.p50Ms)} | ${f(b.p99Ms)} | ${b.errors} | ${f(b.rps / best.ms.rps, 2)}x |`,
      );
    }

    console.log(
      `\n#### Uncached MVT tiles, every tile of the data, ${TILE_CLIENTS} connections in flight, best of ${ROUNDS} rounds\n`,
    );
    console.log(
      '| zoom | tiles | ours s | MapServer s | time vs MapServer | ours p50 / p95 ms | MapServer p50 / p95 ms | ours KB median / max | MapServer KB median / max | errors |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const z of zooms) {
      const tiles = await dataTiles(db, z);
      const urls = {
        ours: tiles.map(([x, y]) => `${ours!.url}/tiles/plots/${z}/${x}/${y}.mvt`),
        ms: tiles.map(([x, y]) => `${ms!.url}${mapServerTilePath(z, x, y)}`),
      };
      const res: Record<'ours' | 'ms', Awaited<ReturnType<typeof sweep>> | undefined> = {
        ours: undefined,
        ms: undefined,
      };
      let errors = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? (['ms', 'ours'] as const) : (['ours', 'ms'] as const);
        for (const side of order) {
          const s = await sweep(urls[side], TILE_CLIENTS);
          errors += s.errors;
          if (!res[side] || s.wallMs < res[side].wallMs) res[side] = s;
        }
      }
      const a = res.ours!;
      const b = res.ms!;
      const kb = (xs: number[]) => `${f(pct(xs, 50) / 1024)} / ${f(Math.max(...xs) / 1024)}`;
      console.log(
        `| ${z} | ${tiles.length} | ${f(a.wallMs / 1000, 2)} | ${f(b.wallMs / 1000, 2)} | ${f(a.wallMs / b.wallMs, 2)}x | ${f(pct(a.latencies, 50))} / ${f(pct(a.latencies, 95))} | ${f(pct(b.latencies, 50))} / ${f(pct(b.latencies, 95))} | ${kb(a.sizes)} | ${kb(b.sizes)} | ${errors} |`,
      );
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await ours?.stop();
    await ms?.stop();
    await db.close();
  }
}

export const bench: BenchModule = {
  description: 'our server against MapServer 8 (FastCGI under lighttpd) on the same PostGIS table',
  async run(opts) {
    if (!opts.engines.includes('postgres')) {
      console.log(
        'The peer benchmark reads PostgreSQL only (MapServer cannot read the embedded database): use --engine postgres.',
      );
      return;
    }
    const tools = findTools({
      mapserv: opts.extra.mapserv as string | undefined,
      lighttpd: opts.extra.lighttpd as string | undefined,
      wrk: opts.extra.wrk as string | undefined,
    });
    if (typeof tools === 'string') {
      console.error(tools);
      process.exitCode = 1;
      return;
    }
    await run(opts, tools);
  },
};
