import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROOT_DIR } from '../../server/config.ts';
import { openDb } from '../../server/db/index.ts';
import { seedDemoPlots } from '../../server/plots/demo/seed.ts';
import { loadReferenceData } from '../../server/reference/load.ts';

/** The demo set every test suite starts from: the same as a first `npm start`. */
export const TEST_PLOT_COUNT = 400;

/** Changes to migrations, reference loading or the demo generator rebuild the template. */
export function templateFingerprint(): string {
  const h = crypto.createHash('sha256');
  const dirs = [
    'server/db/migrations',
    'server/reference',
    'server/plots/demo',
    'data/districts',
    'data/context',
  ];
  for (const d of dirs) {
    for (const f of fs.readdirSync(path.join(ROOT_DIR, d)).sort()) {
      h.update(f);
      h.update(fs.readFileSync(path.join(ROOT_DIR, d, f)));
    }
  }
  h.update(String(TEST_PLOT_COUNT));
  return h.digest('hex').slice(0, 12);
}

async function fill(db: Awaited<ReturnType<typeof openDb>>): Promise<void> {
  await loadReferenceData(db);
  await seedDemoPlots(db, { count: TEST_PLOT_COUNT });
}

/** Builds (once, cached in .cache/) an embedded data folder with the schema and demo data. */
export async function preparePgliteTemplate(): Promise<string> {
  const dir = path.join(ROOT_DIR, '.cache', 'test-db', templateFingerprint());
  if (fs.existsSync(path.join(dir, 'READY'))) return dir;
  // Built aside and renamed, so two test runs starting together never see a half-built folder.
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const db = await openDb({ dataDir: building, poolSize: 1, statementTimeoutMs: 60_000 });
  await fill(db);
  await db.close();
  fs.writeFileSync(path.join(building, 'READY'), new Date().toISOString());
  try {
    fs.renameSync(building, dir);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // another run finished first
  }
  return dir;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Builds (once per fingerprint) a PostgreSQL template database with the schema and demo data. */
export async function preparePgTemplate(adminUrl: string): Promise<string> {
  const name = `tl_tpl_${templateFingerprint()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return name;
    const building = `${name}_b${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    await admin.query(`CREATE DATABASE ${building}`);
    const db = await openDb({
      databaseUrl: withDatabase(adminUrl, building),
      poolSize: 2,
      statementTimeoutMs: 120_000,
      dataDir: '',
    });
    await fill(db);
    await db.close();
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } catch {
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`); // another run finished first
      return name;
    }
    // Templates of older schemas.
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tl\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_b%'`,
      [name],
    );
    for (const r of stale.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
    return name;
  } finally {
    await admin.end();
  }
}
