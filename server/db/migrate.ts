import crypto from 'node:crypto';
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

/** The file's content as applied; line endings do not count (a checkout may convert them). */
export const checksumOf = (sql: string) =>
  crypto.createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');

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
 *
 * An applied migration is frozen: its checksum is recorded, and a file that no longer matches
 * stops the start with an error naming it (a database migrated by the old text would silently
 * differ from one migrated by the new). Changes go into a new migration.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
     ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`,
  );
  const applied: string[] = [];
  for (const m of migrations) {
    const sum = checksumOf(m.sql);
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [row] = await tx.query<{ checksum: string | null }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [m.version],
      );
      if (row) {
        // Recorded before checksums were kept: the file as it is now is taken as what was applied.
        if (row.checksum === null)
          await tx.query('UPDATE schema_migrations SET checksum = $2 WHERE version = $1', [m.version, sum]);
        else if (row.checksum !== sum)
          throw new Error(
            `Migration ${m.version} was changed after it was applied to this database ` +
              `(checksum ${row.checksum.slice(0, 12)} applied, ${sum.slice(0, 12)} now); ` +
              'restore the file and put the change in a new migration.',
          );
        return false;
      }
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(`Migration ${m.version} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [m.version, sum]);
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
