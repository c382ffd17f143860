import type { Queryable } from './types.ts';

/**
 * Keyset paging: one short query per batch, so the single embedded connection serves other
 * requests between batches and no transaction stays open. A composite key pages on the row
 * value `(k1, k2, ...)`, so an order of several columns (an export in the list's sort) needs no
 * artificial unique column.
 */
export async function* streamKeyset<R>(
  q: Queryable,
  text: string,
  values: readonly unknown[],
  opts: { key: string | readonly string[]; batchSize?: number; signal?: AbortSignal },
): AsyncGenerator<R[]> {
  const keys = streamKeys(opts.key);
  const batchSize = opts.batchSize ?? 2_000;
  const n = values.length;
  const cols = keys.map((k) => `s.${k}`).join(', ');
  const after = keys.map((_, i) => `$${n + 2 + i}`).join(', ');
  const first = `SELECT * FROM (${text}) AS s ORDER BY ${cols} LIMIT $${n + 1}`;
  const next = `SELECT * FROM (${text}) AS s WHERE (${cols}) > (${after}) ORDER BY ${cols} LIMIT $${n + 1}`;
  let last: unknown[] | undefined;
  for (;;) {
    opts.signal?.throwIfAborted();
    const rows = (await q.query(
      last === undefined ? first : next,
      last === undefined ? [...values, batchSize] : [...values, batchSize, ...last],
    )) as R[];
    opts.signal?.throwIfAborted();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const end = rows[rows.length - 1] as Record<string, unknown>;
    last = keys.map((k) => end[k]);
  }
}

/** The key columns of a stream; they are spliced into SQL, so only plain identifiers pass. */
export function streamKeys(key: string | readonly string[]): readonly string[] {
  const keys = typeof key === 'string' ? [key] : key;
  if (keys.length === 0) throw new Error('a stream needs at least one key column');
  for (const k of keys)
    if (!/^[a-z_][a-z0-9_]*$/.test(k)) throw new Error(`stream key must be a plain identifier, got "${k}"`);
  return keys;
}
