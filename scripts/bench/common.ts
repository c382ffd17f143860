// What every benchmark module shares (the options and the seeded database), apart from the
// runner in index.ts, which loads the modules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../server/db/index.ts';
import { seedDemoPlots } from '../../server/plots/demo/seed.ts';
import { loadReferenceData } from '../../server/reference/load.ts';

export type Engine = 'postgres' | 'pglite';

export interface BenchOptions {
  count: number; // plots seeded
  engines: Engine[];
  fresh: boolean;
  durationS: number; // seconds per load test
  /** Options the runner does not know, for the module to read. */
  extra: Record<string, string | boolean | undefined>;
}

export interface BenchModule {
  description: string;
  run(opts: BenchOptions): Promise<void>;
}

const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function fill(db: Db, count: number): Promise<void> {
  const t = performance.now();
  await loadReferenceData(db);
  let last = 0;
  await seedDemoPlots(db, {
    count,
    batchSize: 10_000,
    onProgress: (n) => {
      if (n - last >= count / 10 || n === count) {
        last = n;
        console.error(`  seeded ${n} / ${count} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
      }
    },
  });
  await db.exec('ANALYZE');
  await db.exec(`CREATE TABLE IF NOT EXISTS bench_ready (count int)`);
  await db.query(`INSERT INTO bench_ready VALUES ($1)`, [count]);
}

async function isReady(db: Db, count: number): Promise<boolean> {
  try {
    const rows = await db.query<{ count: number }>('SELECT count FROM bench_ready');
    return rows[0]?.count === count;
  } catch {
    return false;
  }
}

/**
 * A database holding the reference geography and `count` demo plots, seeded on first use and
 * kept for later runs (`fresh` re-seeds). Returns the open database and, on PostgreSQL, its URL.
 */
export async function openBenchDb(
  engine: Engine,
  count: number,
  fresh = false,
): Promise<{ db: Db; url?: string; dataDir?: string }> {
  // One database per size, reused by later runs (new migrations apply on open); --fresh re-seeds.
  const name = `tl_bench_${count}`;
  if (engine === 'pglite') {
    const dataDir = path.join(os.tmpdir(), name);
    const release = await lockFile(`${dataDir}.lock`);
    try {
      if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
      let db = await openDb({ dataDir, poolSize: 1, statementTimeoutMs: 600_000 });
      if (!(await isReady(db, count))) {
        await db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
        db = await openDb({ dataDir, poolSize: 1, statementTimeoutMs: 600_000 });
        console.error(`Seeding ${count} plots into embedded ${dataDir}`);
        await fill(db, count);
      }
      return { db, dataDir };
    } finally {
      release();
    }
  }
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  // Benchmarks of other modules may open the same database at the same time: one seeds, the
  // others wait on this lock and then find it ready (without it, a second run would empty the
  // table the first is measuring).
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (fresh && exists) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    if (fresh || !exists) await admin.query(`CREATE DATABASE ${name}`);
    const db = await openDb({ databaseUrl: url, poolSize: 10, statementTimeoutMs: 600_000, dataDir: '' });
    if (!(await isReady(db, count))) {
      console.error(`Seeding ${count} plots into PostgreSQL database ${name}`);
      await db.exec('TRUNCATE plots CASCADE');
      await fill(db, count);
    }
    return { db, url };
  } finally {
    await admin.end(); // ends the session, which releases the lock
  }
}

/** Waits until this process holds `file` (created exclusively); returns its release. */
async function lockFile(file: string): Promise<() => void> {
  const STALE_MS = 60 * 60 * 1000; // a lock this old belongs to a run that died
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = fs.statSync(file, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
