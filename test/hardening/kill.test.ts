/**
 * A server process killed (SIGKILL, no chance to clean up) in the middle of an import commit or
 * of a bulk publication leaves no partial data: after a restart either all of the change is
 * there or none of it, versions agree with the plots, and the server starts and serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import type { Db } from '../../server/db/index.ts';
import { PASSWORD, StaffClient } from '../auth/client.ts';
import { dataFingerprint } from './http.ts';
import { serverDatabase, spawnServer, type ServerDatabase, type ServerProcess } from './processes.ts';

let sdb: ServerDatabase;
let server: ServerProcess;
let staff: StaffClient;
const email = 'killer@example.org';
// Plots per import: enough that a commit takes a while (the embedded engine is slower).
let N = 1_500;

beforeAll(async () => {
  sdb = await serverDatabase();
  if (sdb.kind === 'pglite') N = 400;
  await sdb.withDb((db) =>
    createUser(db, { email, password: PASSWORD, role: 'publisher' }, { userId: null, actor: 'test' }),
  );
  await restart();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await sdb?.close();
});

async function restart(): Promise<void> {
  server = await spawnServer(sdb.env);
  staff = new StaffClient(server.url);
  expect((await staff.login(email)).status).toBe(200);
}

/** A GeoJSON of n small squares with property ids in one block range (CRS84). */
function plotsFile(n: number, block: number): Buffer {
  const features = Array.from({ length: n }, (_, i) => {
    const lon = 24.9 + (i % 50) * 0.0012;
    const lat = 60.2 + Math.floor(i / 50) * 0.0006 + (block % 1000) * 0.0002;
    const d = 0.0004;
    return {
      type: 'Feature',
      properties: {
        property_id: `091-041-${String(block + Math.floor(i / 900)).padStart(4, '0')}-${String((i % 900) + 1).padStart(4, '0')}`,
        use_code: 'T',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [lon, lat],
            [lon + d, lat],
            [lon + d, lat + d / 2],
            [lon, lat + d / 2],
            [lon, lat],
          ],
        ],
      },
    };
  });
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

/** Plots of every status, as the staff list counts them. */
async function staffTotal(): Promise<number> {
  return (await staff.json<{ total: number }>('GET', '/api/staff/plots?limit=1')).body.total;
}

async function preparedImport(block: number): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(plotsFile(N, block))]), `block-${block}.geojson`);
  const up = await fetch(`${server.url}/api/staff/import/jobs`, {
    method: 'POST',
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
    body: form,
  });
  if (up.status !== 201) throw new Error(await up.text());
  const job = ((await up.json()) as { job: { id: string } }).job.id;
  const conf = await staff.json('POST', `/api/staff/import/jobs/${job}/configure`, { confirm_crs: true });
  expect(conf.status).toBe(200);
  return job;
}

const blockIds = (block: number) => [block, block + 1].map((b) => `091-041-${String(b).padStart(4, '0')}-%`);

async function countIn(db: Db, block: number, status?: string): Promise<number> {
  const [a, b] = blockIds(block);
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plots WHERE (property_id LIKE $1 OR property_id LIKE $2) AND ($3::text IS NULL OR status = $3)`,
    [a, b, status ?? null],
  );
  return rows[0]!.n;
}

/**
 * Kills the server while `work` runs, once its transaction is seen open: on PostgreSQL in
 * pg_stat_activity; on the embedded database (one process, one connection) when /readyz, which
 * needs the database, stops answering promptly. Falls back to `fallbackMs`.
 */
async function killDuring(work: () => Promise<unknown>, fallbackMs: number): Promise<string> {
  const pending = work().catch(() => null);
  let seenOpen = false;
  const t = Date.now();
  while (!seenOpen && Date.now() - t < Math.max(fallbackMs, 2_000)) {
    if (sdb.kind === 'postgres')
      seenOpen = await sdb.withDb(async (db) => {
        const rows = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
              AND state IN ('active', 'idle in transaction') AND query ~* '(insert|update)'`,
        );
        return rows[0]!.n > 0;
      });
    else {
      await new Promise((r) => setTimeout(r, 30));
      const r = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(300) }).catch(() => null);
      seenOpen = r === null;
    }
  }
  server.child.kill('SIGKILL');
  await server.exited;
  await pending;
  return seenOpen ? 'while its transaction was open' : `after ${(Date.now() - t).toFixed(0)} ms`;
}

describe('SIGKILL during writes', { timeout: 120_000 }, () => {
  let firstIds: number[] = [];

  it('an import commit killed half-way leaves all of it or none of it', async () => {
    // A first import, committed normally, times a commit (and gives drafts for the next test).
    const first = await preparedImport(5000);
    const t = performance.now();
    const done = await staff.json<{ plot_ids: number[] }>(
      'POST',
      `/api/staff/import/jobs/${first}/commit`,
      {},
    );
    const commitMs = performance.now() - t;
    expect(done.status).toBe(200);
    firstIds = done.body.plot_ids;
    expect(firstIds.length).toBe(N);

    const job = await preparedImport(5100);
    const before = await staffTotal();
    const when = await killDuring(
      () => staff.json('POST', `/api/staff/import/jobs/${job}/commit`, {}),
      Math.max(50, commitMs / 2),
    );
    const { n, status, after } = await sdb.withDb(async (db) => ({
      n: await countIn(db, 5100),
      status: (await db.query<{ status: string }>(`SELECT status FROM import_jobs WHERE id = $1`, [job]))[0]
        ?.status,
      after: (await dataFingerprint(db)).plots,
    }));
    console.log(
      `import commit (${commitMs.toFixed(0)} ms normally) killed ${when}: ${n} of ${N} plots written, job ${status}`,
    );
    expect([0, N]).toContain(n);
    if (n === 0) {
      expect(status).toBe('preview');
      expect(after).toBe(before);
    } else expect(status).toBe('committed');
    await restart();
    expect((await fetch(`${server.url}/api/plots?limit=1`)).status).toBe(200);
  }, 180_000);

  it('a bulk publication killed half-way publishes all of the plots or none', async () => {
    expect(firstIds.length).toBe(N);
    const t = performance.now();
    // Timing run on half of them would change the set; time a no-op-sized update instead.
    const probe = await staff.json('POST', '/api/staff/plots/bulk', {
      ids: firstIds.slice(0, 300),
      action: 'update',
      changes: { availability: 'coming' },
    });
    expect(probe.status).toBe(200);
    const bulkMs = ((performance.now() - t) * N) / 300;
    const when = await killDuring(
      () => staff.json('POST', '/api/staff/plots/bulk', { ids: firstIds, action: 'publish' }),
      Math.max(50, bulkMs / 2),
    );
    const { published, versions } = await sdb.withDb(async (db) => ({
      published: await countIn(db, 5000, 'published'),
      versions: (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM plot_versions WHERE plot_id = ANY($1::bigint[]) AND status = 'published'`,
          [firstIds],
        )
      )[0]!.n,
    }));
    console.log(`bulk publication of ${N} plots killed ${when}: ${published} published`);
    expect([0, N]).toContain(published);
    // Every published plot has its published version, and no version claims more.
    expect(versions).toBe(published);
    await restart();
    const list = await fetch(`${server.url}/api/plots?limit=1`);
    expect(list.status).toBe(200);
  }, 180_000);
});
