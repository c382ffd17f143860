/**
 * A stream abandoned by its caller (an export whose client left) is cancelled on the server. The
 * cancel travels on another connection and can land late: it must never cancel the next query
 * that borrows the abandoned stream's connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/index.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';

let base: TestDb;
let db: Db;
beforeAll(async () => {
  base = await openTestDb();
  // Two connections: the stream's and one for its cancel, so the next query reuses one of them.
  db = base.url
    ? await openDb({ databaseUrl: base.url, poolSize: 2, statementTimeoutMs: 30_000, dataDir: '' })
    : base;
});
afterAll(async () => {
  if (db !== base) await db.close();
  await base?.close();
});

describe('an abandoned stream', () => {
  it('leaves the pool healthy: queries right after it are never cancelled', async () => {
    const failures: string[] = [];
    for (let i = 0; i < 25; i++) {
      const ctl = new AbortController();
      const rows = db.stream<{ row_id: number }>('SELECT g AS row_id FROM generate_series(1, 200000) g', [], {
        key: 'row_id',
        batchSize: 500,
        signal: ctl.signal,
      });
      for await (const batch of rows) {
        expect(batch).toHaveLength(500);
        ctl.abort(new Error('client left'));
        break;
      }
      const after = await Promise.allSettled([
        db.query('SELECT pg_sleep(0.02), 1 AS one'),
        db.query('SELECT pg_sleep(0.02), 2 AS two'),
      ]);
      for (const r of after) if (r.status === 'rejected') failures.push((r.reason as Error).message);
    }
    expect(failures).toEqual([]);
  });
});
