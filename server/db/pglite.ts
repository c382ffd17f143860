import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { DbStartupError, type Db, type Queryable } from './types.ts';
import { detectCapabilities } from './capabilities.ts';
import { streamKeyset } from './keyset-stream.ts';
import { serveLocalTools, toolSocketPath } from './local-host.ts';

// numeric arrives as text by default; the API works in JS numbers (areas, prices: well inside 2^53).
const parsers = { [types.NUMERIC]: (v: string) => Number(v) };

/**
 * Opens (or creates) the embedded database in dataDir. The extensions must be passed on every
 * open, not only the first, or geometry types are unknown. Callers have made the folder and hold
 * its lock (embedded.ts); with
 * serveLocalTools the engine also answers local command-line tools on a Unix socket.
 */
export async function openPglite(
  dataDir: string,
  opts: { serveLocalTools?: boolean; onSocket?: (socketPath: string) => void } = {},
): Promise<Db> {
  let pg: PGlite;
  try {
    pg = await PGlite.create({ dataDir, extensions: { postgis, pg_trgm, unaccent }, parsers });
  } catch (err) {
    throw new DbStartupError(
      `Embedded database in ${path.resolve(dataDir)} could not be opened (${(err as Error).message}): remove the folder to start afresh or set DATA_DIR.`,
    );
  }
  await pg.exec(
    'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;',
  );
  const q: Queryable = {
    async query(text, values) {
      const res = await pg.query(text, values as unknown[] | undefined);
      return res.rows as never[];
    },
    async exec(sql) {
      await pg.exec(sql);
    },
  };
  const capabilities = await detectCapabilities(q);
  const db: Db = {
    kind: 'pglite',
    capabilities,
    ...q,
    async transaction(fn) {
      // PGlite runs one statement at a time; its own transaction() serialises callers safely.
      return pg.transaction(async (tx) =>
        fn({
          async query(text, values) {
            return (await tx.query(text, values as unknown[] | undefined)).rows as never[];
          },
          async exec(sql) {
            await tx.exec(sql);
          },
        }),
      );
    },
    stream(text, values, opts) {
      return streamKeyset(q, text, values, opts);
    },
    async listen(channel, onPayload) {
      const unsub = await pg.listen(channel, onPayload);
      return async () => unsub();
    },
    async close() {
      await tools?.close();
      if (!pg.closed) await pg.close();
    },
  };
  let tools: Awaited<ReturnType<typeof serveLocalTools>> | undefined;
  if (opts.serveLocalTools) {
    const socketPath = toolSocketPath(dataDir);
    try {
      tools = await serveLocalTools(db, socketPath);
    } catch (err) {
      await pg.close();
      throw new DbStartupError(
        `The socket for command-line tools (${socketPath}) could not be opened (${(err as Error).message}).`,
      );
    }
    opts.onSocket?.(socketPath);
  }
  return db;
}
