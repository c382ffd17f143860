/**
 * PostgreSQL restarted under traffic: the server process stays up, answers 503
 * database_unavailable (with Retry-After) while the database is away, and serves again by itself
 * once it is back, including notifications (a change made elsewhere reaches its tiles).
 * Runs on a private cluster started for this file, so the shared server is never restarted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/index.ts';
import { seedDemoPlots } from '../../server/plots/demo/seed.ts';
import { loadReferenceData } from '../../server/reference/load.ts';
import { postgresBinDir, startPrivatePg, type PrivatePg } from './private-pg.ts';
import { spawnServer, type ServerProcess } from './processes.ts';
import { timedGet } from './http.ts';

const bin = postgresBinDir();
let cluster: PrivatePg | undefined;
let server: ServerProcess | undefined;
let ids: number[] = [];

beforeAll(async () => {
  if (!bin) return;
  cluster = await startPrivatePg(bin);
  const db = await openDb({ databaseUrl: cluster.url, poolSize: 2, statementTimeoutMs: 60_000, dataDir: '' });
  await loadReferenceData(db);
  await seedDemoPlots(db, { count: 60 });
  ids = (await db.query<{ id: number }>(`SELECT id FROM plots WHERE status = 'published' ORDER BY id`)).map(
    (r) => r.id,
  );
  await db.close();
  server = await spawnServer({ DATABASE_URL: cluster.url, DB_POOL_SIZE: '4' });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  cluster?.destroy();
});

async function tileJsonVersion(base: string): Promise<string | null> {
  const r = await timedGet(`${base}/tiles/plots.json`);
  if (r.status !== 200) return null;
  return new URL((JSON.parse(r.body) as { tiles: string[] }).tiles[0]!).searchParams.get('v');
}

// Without the server binaries (a machine with no PostgreSQL installed) there is nothing to restart.
if (!bin)
  console.warn(
    'pg-restart: skipped because no PostgreSQL server binaries with PostGIS were found under /usr/lib/postgresql (Debian: apt-get install postgresql-15-postgis-3).',
  );
describe.skipIf(!bin)('PostgreSQL restarted during traffic', { timeout: 120_000 }, () => {
  it('answers 503 database_unavailable while it is away and recovers without a restart', async () => {
    const s = server!;
    const card = (i: number) => `${s.url}/api/plots/${ids[i % ids.length]}`;
    expect((await timedGet(card(0))).status).toBe(200);

    // Steady traffic from 8 clients through the whole outage.
    let running = true;
    const seen: Array<{ status: number; code?: string; ms: number; phase: string }> = [];
    let phase = 'before';
    const traffic = Array.from({ length: 8 }, async (_, c) => {
      for (let i = c; running; i += 8) {
        const r = await timedGet(i % 3 ? card(i) : `${s.url}/api/search?q=katu${i % 10}`);
        seen.push({ status: r.status, code: r.json?.error?.code, ms: r.ms, phase });
        await new Promise((res) => setTimeout(res, 20));
      }
    });
    await new Promise((r) => setTimeout(r, 500));
    phase = 'down';
    cluster!.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    phase = 'restarting';
    cluster!.start();
    const back = Date.now();
    let recoveredMs = -1;
    while (Date.now() - back < 30_000) {
      const r = await timedGet(card(1));
      if (r.status === 200) {
        recoveredMs = Date.now() - back;
        break;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    phase = 'after';
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(traffic);

    const down = seen.filter((x) => x.phase === 'down');
    const failures = seen.filter((x) => x.status !== 200);
    const slowest503 = Math.max(0, ...failures.map((x) => x.ms));
    console.log(
      `pg restart: ${seen.length} requests, ${failures.length} answered 503 while the database was away ` +
        `(slowest ${slowest503.toFixed(0)} ms), served again ${recoveredMs} ms after the database started`,
    );
    expect(s.child.exitCode).toBeNull();
    expect(down.length).toBeGreaterThan(0);
    // While away: only 503 database_unavailable, never a 500 and never a hang (timedGet aborts).
    for (const f of failures)
      expect({ status: f.status, code: f.code }).toEqual({ status: 503, code: 'database_unavailable' });
    expect(down.some((x) => x.status === 503)).toBe(true);
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(seen.filter((x) => x.phase === 'after').every((x) => x.status === 200)).toBe(true);
  });

  it('hears data changes again after the restart (the LISTEN connection is made anew)', async () => {
    const s = server!;
    const before = await tileJsonVersion(s.url);
    expect(before).not.toBeNull();
    // A change made by another instance (here: straight in the database) after the restart.
    const db = await openDb({
      databaseUrl: cluster!.url,
      poolSize: 1,
      statementTimeoutMs: 10_000,
      dataDir: '',
    });
    try {
      await db.query(`UPDATE plots SET updated_at = now() WHERE id = $1`, [ids[0]]);
    } finally {
      await db.close();
    }
    let after = before;
    const t = Date.now();
    while (after === before && Date.now() - t < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      after = await tileJsonVersion(s.url);
    }
    expect(after).not.toBe(before);
  });
});
