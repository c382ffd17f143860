import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { migrate } from './migrate.ts';
import type { Db } from './types.ts';

export type { Db, Queryable, Capabilities, Row } from './types.ts';
export { DbStartupError } from './types.ts';

/**
 * Opens the configured database (PostgreSQL when DATABASE_URL is set, PGlite otherwise) and
 * applies pending migrations. Drivers are imported lazily so a PostgreSQL deployment never
 * loads the 1 GB embedded engine.
 */
export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize' | 'statementTimeoutMs'>,
  log?: Logger,
  opts: { serveLocalTools?: boolean } = {},
): Promise<Db> {
  const started = performance.now();
  let db: Db;
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    db = await openPostgres({
      url: config.databaseUrl,
      poolSize: config.poolSize,
      statementTimeoutMs: config.statementTimeoutMs,
    });
  } else {
    const { openEmbedded } = await import('./embedded.ts');
    const opened = await openEmbedded(config.dataDir, opts);
    if (opened.throughServer) {
      log?.info({ kind: 'pglite', dataDir: config.dataDir }, 'database reached through the running server');
      return opened.db;
    }
    db = opened.db;
  }
  const applied = await migrate(db);
  log?.info(
    {
      kind: db.kind,
      capabilities: db.capabilities,
      migrationsApplied: applied,
      ms: Math.round(performance.now() - started),
    },
    'database ready',
  );
  return db;
}
