import type { Queryable } from './types.ts';

/**
 * Keyset paging: one short query per batch, so the single embedded connection serves other
 * requests between batches and no transaction stays open.
 */
export async function* streamKeyset<R>(
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
