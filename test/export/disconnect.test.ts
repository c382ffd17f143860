import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

let db: TestDb;
let server: Running;
let total: number;

// Enough plots that no export fits in the socket buffers: ten more copies of every published
// plot (new blocks 5000-5009 of the same districts), placed where the originals are.
beforeAll(async () => {
  db = await openTestDb();
  await db.query(
    `INSERT INTO plots (property_id, use_code, building_right_kem2, status, is_demo, geom, sub_district_number,
        transit_zone, availability, tenure, lease_basis_eur_kem2, created_by, updated_by)
      SELECT '091-' || lpad(district_number::text, 3, '0') || '-' || (5000 + k)::text || '-' || lpad(id::text, 4, '0'),
        use_code, building_right_kem2, 'published', true, geom, sub_district_number, coalesce(transit_zone, '-'),
        availability, tenure, lease_basis_eur_kem2, 'test', 'test'
      FROM plots, generate_series(0, 9) AS k WHERE status = 'published'`,
  );
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plots WHERE status = 'published'`,
  );
  total = row!.n;
  server = await startTestServer(db);
}, 300_000);
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

/** Starts an export, reads its first bytes, then drops the connection; resolves the bytes read. */
function startAndDrop(path: string, dropAfterBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let got = 0;
    const req = http.get(`${server.url}${path}`, (res) => {
      res.on('data', (chunk: Buffer) => {
        got += chunk.length;
        if (got >= dropAfterBytes) {
          req.destroy();
          resolve(got);
        }
      });
      res.on('end', () => reject(new Error(`the whole export (${got} bytes) arrived before the drop`)));
    });
    req.on('error', () => {});
  });
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a client that disconnects mid-export', () => {
  it('has many plots to export', () => {
    expect(total).toBeGreaterThan(3000);
  });

  it.each(['geojson', 'csv', 'gml', 'kml', 'xlsx'])(
    'stops the %s export and the server keeps answering',
    async (format) => {
      await startAndDrop(`/api/export?format=${format}`, 64 * 1024);
      // The database connection is free again: a new export runs to its end.
      const res = await fetch(`${server.url}/api/export?format=csv&columns=id&ids=1,2,3`);
      expect(res.status).toBe(200);
      expect((await res.text()).trim().split('\r\n').length).toBeGreaterThan(1);
      if (db.url) {
        // PostgreSQL: no backend of this database is left running the export or holding a
        // transaction (the server notices the drop on its next write, so wait for that).
        const busy = async () =>
          (
            await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid()
                 AND (state IN ('active', 'idle in transaction', 'idle in transaction (aborted)'))`,
            )
          )[0]!.n;
        await expect.poll(busy, { timeout: 10_000 }).toBe(0);
      }
    },
  );

  it('leaves no temporary GeoPackage behind when the client leaves while it is built', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('tonttiluukku-export-')));
    const made = () =>
      fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('tonttiluukku-export-') && !before.has(f));
    const req = http.get(`${server.url}/api/export?format=gpkg`, () => {});
    req.on('error', () => {});
    // The file is being built (no byte sent yet): drop the connection then.
    await expect.poll(() => made().length, { timeout: 10_000 }).toBeGreaterThan(0);
    req.destroy();
    await expect.poll(made, { timeout: 10_000 }).toEqual([]);
    const res = await fetch(`${server.url}/api/export?format=gpkg&ids=1`);
    expect(res.status).toBe(200);
  });

  it('queues a fifth long export while four run and serves it when a slot frees; short ones never wait', async () => {
    // Four clients that read the headers and then nothing: their exports wait on the socket.
    const stalled = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<http.ClientRequest>((resolve) => {
            const req = http.get(`${server.url}/api/export?format=gml`, (res) => {
              res.pause();
              resolve(req);
            });
            req.on('error', () => {});
          }),
      ),
    );
    let answered = 0;
    const fifth = fetch(`${server.url}/api/export?format=csv&columns=id`).then((r) => {
      answered = performance.now();
      return r;
    });
    // One plot is one short query: it is served while the long ones hold every slot.
    const short = await fetch(`${server.url}/api/export?format=csv&ids=1`);
    expect(short.status).toBe(200);
    expect((await short.text()).trim().split('\r\n')).toHaveLength(2);
    await settle(500);
    expect(answered).toBe(0); // still waiting for a slot, not refused
    const freed = performance.now();
    for (const r of stalled) r.destroy();
    const res = await fifth;
    expect(res.status).toBe(200);
    expect(answered).toBeGreaterThanOrEqual(freed);
    expect((await res.text()).trim().split('\r\n')).toHaveLength(total + 1);
  });

  it('a whole export still holds every plot', async () => {
    const res = await fetch(`${server.url}/api/export?format=csv&columns=id`);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines.length - 1).toBe(total);
    expect(new Set(lines.slice(1)).size).toBe(total);
  });
});
