import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { DbStartupError, type Db, type Queryable } from './types.ts';
import { detectCapabilities } from './capabilities.ts';

// numeric arrives as text by default; the API works in JS numbers (areas, prices: well inside 2^53).
const parsers = { [types.NUMERIC]: (v: string) => Number(v) };

/**
 * Opens (or creates) the embedded database in dataDir. The extensions must be passed on every
 * open, not only the first, or geometry types are unknown. Throws DbStartupError when the folder
 * cannot be created or written.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (err) {
    throw new DbStartupError(
      `Data folder ${dataDir} cannot be written (${(err as NodeJS.ErrnoException).code ?? err}): set DATA_DIR to a writable folder.`,
    );
  }
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
  return {
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
      if (!pg.closed) await pg.close();
    },
  };
}

/**
 * Keyset paging: one short query per batch, so the single embedded connection serves other
 * requests between batches and no transaction stays open.
 */
async function* streamKeyset<R>(
  q: Queryable,
  text: string,
  values: readonly unknown[],
  opts: { key: string; batchSize?: number; signal?: AbortSignal },
): AsyncGenerator<R[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.key))
    throw new Error(`stream key must be a plain identifier, got "${opts.key}"`);
  const batchSize = opts.batchSize ?? 2_000;
  const n = values.length;
  const first = `SELECT * FROM (${text}) AS s ORDER BY s.${opts.key} LIMIT $${n + 1}`;
  const next = `SELECT * FROM (${text}) AS s WHERE s.${opts.key} > $${n + 2} ORDER BY s.${opts.key} LIMIT $${n + 1}`;
  let last: unknown;
  for (;;) {
    opts.signal?.throwIfAborted();
    const rows = (await q.query(
      last === undefined ? first : next,
      last === undefined ? [...values, batchSize] : [...values, batchSize, last],
    )) as R[];
    opts.signal?.throwIfAborted();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    last = (rows[rows.length - 1] as Record<string, unknown>)[opts.key];
  }
}
