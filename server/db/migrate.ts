import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every instance migrating one database.
const MIGRATION_LOCK = 74_390_311;

export interface Migration {
  version: string;
  sql: string;
}

/** Migration files `NNN_name.sql`, sorted by version. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Applies every migration not yet recorded in schema_migrations, each in its own transaction
 * together with its record, so a failing migration leaves nothing behind. Instances starting
 * together serialise on an advisory lock. Returns the versions applied now.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length > 0) return false;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(`Migration ${m.version} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** True when every migration file is recorded as applied (readiness check). */
export async function migrationsComplete(db: Db, migrations = readMigrations()): Promise<boolean> {
  const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  const have = new Set(rows.map((r) => r.version));
  return migrations.every((m) => have.has(m.version));
}
