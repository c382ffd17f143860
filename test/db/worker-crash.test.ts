/**
 * The embedded engine runs in a worker thread. When that worker dies (out of memory, a bug in
 * the engine), the API answers 503 database_unavailable instead of hanging or crashing the
 * server, a new worker opens the same folder, and requests succeed again without a restart;
 * notifications (which keep caches fresh) are heard again too. PostgreSQL has no such worker:
 * its lost connections are covered by the pool's own tests.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CRASH_WORKER } from '../../server/db/pglite-thread.ts';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

const embedded = !inject('pgAdminUrl');

let db: TestDb;
let server: Running;
beforeAll(async () => {
  if (!embedded) return;
  db = await openTestDb();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const total = async () => {
  const res = await fetch(`${server.url}/api/plots?limit=1`);
  return { status: res.status, body: (await res.json()) as { total?: number; error?: { code: string } } };
};

describe.runIf(embedded)('a crashed embedded database worker', () => {
  it('makes requests answer 503 database_unavailable, then recovers on its own', async () => {
    const before = await total();
    expect(before.status).toBe(200);
    const heard: string[] = [];
    await db.listen('worker_crash_test', (p) => heard.push(p));

    const crash = (db as unknown as Record<symbol, () => Promise<void>>)[CRASH_WORKER]!;
    const inFlight = fetch(`${server.url}/api/plots?limit=2`);
    await crash();
    const during = await total();
    expect(during.status).toBe(503);
    expect(during.body.error?.code).toBe('database_unavailable');
    expect([200, 503]).toContain((await inFlight).status); // answered either way, never left hanging

    let after = during;
    const deadline = Date.now() + 60_000;
    while (after.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      after = await total();
    }
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(before.body.total);

    await db.query(`SELECT pg_notify('worker_crash_test', 'again')`);
    await db.query('SELECT 1');
    expect(heard).toEqual(['again']);
  }, 90_000);
});
