/**
 * Two server instances over one database: a publication made through one reaches the other's
 * tiles and API at once (PostgreSQL LISTEN/NOTIFY drops the other's cached tiles). With
 * PostgreSQL the instances are two real server processes; the embedded database cannot be
 * shared between processes, so there the two instances run in this process over one database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { freshPropertyId, square } from './geo.ts';

let db: TestDb;
const children: ChildProcess[] = [];
const inProcess: Running[] = [];
let urlA = '';
let urlB = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function spawnServer(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server', 'index.ts')], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      SERVE_CLIENT: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(url + '/readyz').then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('server did not start');
}

beforeAll(async () => {
  db = await openTestDb();
  if (db.url) {
    [urlA, urlB] = await Promise.all([spawnServer(db.url), spawnServer(db.url)]);
  } else {
    inProcess.push(await startTestServer(db), await startTestServer(db));
    urlA = inProcess[0]!.url;
    urlB = inProcess[1]!.url;
  }
}, 120_000);
afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  for (const r of inProcess) await r.stop();
  await db?.close();
});

/** Slippy-map tile of a lon,lat at zoom z. */
function tileOf(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, x, y];
}

async function plotIdsInTile(base: string, [z, x, y]: [number, number, number]): Promise<number[]> {
  const res = await fetch(`${base}/tiles/plots/${z}/${x}/${y}.mvt`);
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  const layer = tile.layers.plots;
  if (!layer) return [];
  const ids: number[] = [];
  for (let i = 0; i < layer.length; i++) ids.push(Number(layer.feature(i).properties.id));
  return ids;
}

describe('two instances, one database', () => {
  let publisher: StaffClient;
  it('a publish on instance A shows on instance B’s cached tile and API', async () => {
    publisher = await signedIn(db, urlA, 'publisher');
    const lon = 24.8711;
    const lat = 60.2201;
    const tile = tileOf(lon, lat, 15);
    const created = await publisher.json<{ plot: { id: number; version: number } }>(
      'POST',
      '/api/staff/plots',
      {
        property_id: freshPropertyId(),
        use_code: 'KT',
        geometry: square(lon, lat),
      },
    );
    expect(created.status).toBe(201);
    const id = created.body.plot.id;
    // B renders and caches the tile while the plot is a draft.
    expect(await plotIdsInTile(urlB, tile)).not.toContain(id);
    expect(await plotIdsInTile(urlB, tile)).not.toContain(id);
    expect((await fetch(`${urlB}/api/plots/${id}`)).status).toBe(404);

    const pub = await publisher.json('POST', `/api/staff/plots/${id}/publish`, {
      version: created.body.plot.version,
    });
    expect(pub.status).toBe(200);
    let seen = false;
    const started = Date.now();
    while (!seen && Date.now() - started < 5000) {
      seen = (await plotIdsInTile(urlB, tile)).includes(id);
      if (!seen) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBe(true);
    expect((await fetch(`${urlB}/api/plots/${id}`)).status).toBe(200);

    // And back: a withdrawal on B leaves A's tile.
    const signedB = await signedIn(db, urlB, 'publisher');
    const cur = await signedB.json<{ plot: { version: number } }>('GET', `/api/staff/plots/${id}`);
    expect((await plotIdsInTile(urlA, tile)).includes(id)).toBe(true);
    await signedB.json('POST', `/api/staff/plots/${id}/withdraw`, { version: cur.body.plot.version });
    let gone = false;
    const t2 = Date.now();
    while (!gone && Date.now() - t2 < 5000) {
      gone = !(await plotIdsInTile(urlA, tile)).includes(id);
      if (!gone) await new Promise((r) => setTimeout(r, 50));
    }
    expect(gone).toBe(true);
  });
});
