/**
 * Backup and restore through the npm scripts, on the engine under test: back up, change the
 * data, restore into a new database or folder, and find the plots and their versions exactly
 * as they were at the backup (checksums equal); restoring over existing data is refused.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';
import { openDb, type Db } from '../../server/db/index.ts';
import { withDatabase } from '../helpers/template.ts';
import { dataFingerprint } from './http.ts';
import { serverDatabase, type ServerDatabase } from './processes.ts';

const exec = promisify(execFile);
let sdb: ServerDatabase;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-backup-'));
const restoredDb = `tl_restore_${crypto.randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  sdb = await serverDatabase();
});
afterAll(async () => {
  await sdb?.close();
  fs.rmSync(work, { recursive: true, force: true });
  const admin = inject('pgAdminUrl');
  if (admin) {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${restoredDb} WITH (FORCE)`);
    await c.end();
  }
});

/** Runs `npm run <script> -- <file>` with the given database environment. */
async function npmRun(script: 'backup' | 'restore', file: string, env: Record<string, string>) {
  return exec(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT_DIR, 'scripts', 'backup', `${script}.ts`), file],
    {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    },
  ).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

/** Changes plots and versions the way staff work would: edits, a new version, a deletion. */
async function change(db: Db): Promise<void> {
  const [first] = await db.query<{ id: number }>(`SELECT min(id)::int AS id FROM plots`);
  await db.query(
    `UPDATE plots SET address = 'Muutettu katu 1' WHERE id IN (SELECT id FROM plots ORDER BY id LIMIT 20)`,
  );
  await db.query(`DELETE FROM plots WHERE id = $1`, [first!.id]);
}

describe('backup and restore', { timeout: 120_000 }, () => {
  it('restores plots and versions exactly as they were at the backup', async () => {
    const file = path.join(work, sdb.kind === 'postgres' ? 'backup.dump' : 'backup.tar.gz');
    const before = await sdb.withDb(async (db) => {
      // While a server (here: this process) has the embedded folder open, a copy would be torn.
      if (sdb.kind === 'pglite') {
        const busy = await npmRun('backup', file, sdb.env);
        expect([busy.code, /in use/.test(busy.out)]).toEqual([1, true]);
      }
      return dataFingerprint(db);
    });
    const b = await npmRun('backup', file, sdb.env);
    expect(b.code, b.out).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    await sdb.withDb(change);
    const changed = await sdb.withDb(dataFingerprint);
    expect(changed.sum).not.toBe(before.sum);

    // Restoring over existing data is refused, never a silent overwrite.
    const over = await npmRun('restore', file, sdb.env);
    expect(over.code).not.toBe(0);
    expect(over.out).toMatch(/already holds|not empty/);

    let target: Record<string, string>;
    if (sdb.kind === 'postgres') {
      const admin = inject('pgAdminUrl');
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE ${restoredDb}`);
      await c.end();
      target = { DATABASE_URL: withDatabase(admin, restoredDb) };
    } else target = { DATA_DIR: path.join(work, 'restored') };
    const r = await npmRun('restore', file, target);
    expect(r.code, r.out).toBe(0);

    const db = await openDb({
      databaseUrl: target.DATABASE_URL,
      dataDir: target.DATA_DIR ?? '',
      poolSize: 1,
      statementTimeoutMs: 60_000,
    });
    try {
      expect(await dataFingerprint(db)).toEqual(before);
      // The restored database is a working one: geometry functions and the search index answer.
      const [g] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM plots WHERE ST_IsValid(geom) AND ST_Area(geom) > 0`,
      );
      expect(g!.n).toBe(before.plots);
    } finally {
      await db.close();
    }
  }, 180_000);
});
