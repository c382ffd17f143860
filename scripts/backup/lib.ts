/**
 * Backup and restore of both engines.
 *
 * PostgreSQL: `pg_dump -Fc` (custom format: compressed, restorable selectively, includes the
 * PostGIS extension statement) and `pg_restore` into an empty database, in one transaction.
 * The embedded data folder: a tar.gz of the whole folder taken while no server has it open
 * (PGlite is one process's private PostgreSQL: copying its files while it writes would copy a
 * torn state), restored by unpacking into a new folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { redactUrl } from '../../server/config.ts';
import { folderHolder } from '../../server/db/folder-lock.ts';

/** The URL without its password, and the password for PGPASSWORD (never on a command line). */
function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  try {
    execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stderr?: Buffer };
    if (e.code === 'ENOENT')
      throw new Error(
        `${cmd} was not found: install the PostgreSQL client (Debian: apt-get install postgresql-client-15).`,
      );
    throw new Error(`${cmd} failed: ${e.stderr?.toString().trim() ?? String(err)}`);
  }
}

/** Writes a custom-format dump of the database to `file`. */
export function backupPostgres(databaseUrl: string, file: string): void {
  const { url, env } = splitPassword(databaseUrl);
  run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`],
    env,
  );
}

/**
 * Restores a dump into `databaseUrl`, which must be an empty database (create it first with
 * `createdb`); all or nothing. PostGIS is created by the dump, which needs a superuser or the
 * extension made beforehand. Refuses a database that already holds plots.
 */
export function restorePostgres(databaseUrl: string, file: string): void {
  const { url, env } = splitPassword(databaseUrl);
  let hasPlots = '';
  try {
    hasPlots = execFileSync('psql', ['-XAtc', "SELECT to_regclass('public.plots') IS NOT NULL", url], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .toString()
      .trim();
  } catch (err) {
    throw new Error(
      `Cannot reach ${redactUrl(databaseUrl)}: ${(err as { stderr?: Buffer }).stderr?.toString().trim()}`,
    );
  }
  if (hasPlots === 't')
    throw new Error(
      `${redactUrl(databaseUrl)} already holds Tonttiluukku data: restore into a new, empty database.`,
    );
  run(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file],
    env,
  );
}

/**
 * True when a process has the embedded folder open (its lock names a live process), or when the
 * last one did not close it (PGlite's postmaster.pid stays behind after a crash).
 */
export function dataDirInUse(dir: string): boolean {
  return !!folderHolder(dir) || fs.existsSync(path.join(dir, 'postmaster.pid'));
}

/** Packs the embedded data folder into `file` (tar.gz). The server must be stopped. */
export function backupDataDir(dir: string, file: string): void {
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) throw new Error(`${dir} is not an embedded data folder.`);
  if (dataDirInUse(dir))
    throw new Error(
      `${dir} is in use: stop the server first (after a crash, start and stop it once to recover the folder).`,
    );
  run('tar', ['-czf', path.resolve(file), '-C', dir, '.'], process.env);
}

/**
 * Unpacks a backup into `dir`, which must not exist or be empty (an existing folder is never
 * overwritten: move it aside first). Checks the archive holds a data folder.
 */
export function restoreDataDir(file: string, dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length)
    throw new Error(`${dir} is not empty: move it aside, then restore into the empty path.`);
  const listing = execFileSync('tar', ['-tzf', path.resolve(file)]).toString();
  if (!/^(\.\/)?PG_VERSION$/m.test(listing))
    throw new Error(`${file} is not a backup of an embedded data folder.`);
  fs.mkdirSync(dir, { recursive: true });
  run('tar', ['-xzf', path.resolve(file), '-C', dir], process.env);
}
