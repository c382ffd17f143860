import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db } from '../../server/db/index.ts';
import { withDatabase } from './template.ts';

export interface TestDb extends Db {
  /** The PostgreSQL URL of this copy (undefined on the embedded database). */
  url?: string;
}

/**
 * A private copy of the prepared template for one suite: a copied data folder (embedded) or a
 * database created from the template (PostgreSQL). close() removes it.
 */
export async function openTestDb(): Promise<TestDb> {
  const adminUrl = inject('pgAdminUrl');
  if (adminUrl) return openPgCopy(adminUrl, inject('pgTemplate'));
  const dir = path.join(os.tmpdir(), `tl-test-${crypto.randomUUID()}`);
  fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  const db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 30_000 });
  return {
    ...db,
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPgCopy(adminUrl: string, template: string): Promise<TestDb> {
  const name = `tl_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Copies of one template cannot start at the same instant: retry while another is running.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        if (attempt > 50 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  // The production default: exports may hold four, the rest of the API needs the others.
  const db = await openDb({ databaseUrl: url, poolSize: 10, statementTimeoutMs: 30_000, dataDir: '' });
  return {
    ...db,
    url,
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}
