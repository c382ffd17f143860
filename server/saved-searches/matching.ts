import { filterToParams, parsePlotFilter, type PlotFilter } from '../../shared/filter.ts';
import type { Db } from '../db/index.ts';
import { claimPublicationsSql, distinctFiltersSql, recordMatchesSql } from './sql.ts';

export interface MatchOptions {
  /** Queued publications claimed per transaction. */
  batchSize?: number;
  /** Filters per matching statement (each adds a UNION ALL branch and its parameters). */
  filtersPerStatement?: number;
}

/**
 * Matches newly published plots (the plot_publications queue the database fills) against the
 * confirmed saved searches and records the pairs in saved_search_matches. Each batch is claimed
 * and matched in one transaction: with several server instances every queued plot is matched by
 * exactly one of them, and a failure leaves the batch queued. Returns the publications handled.
 */
export async function collectMatches(db: Db, opts: MatchOptions = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 2000;
  const perStatement = opts.filtersPerStatement ?? 100;
  let handled = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const c = claimPublicationsSql(batchSize);
      const claimed = await tx.query<{ plot_id: string }>(c.text, c.values);
      if (!claimed.length) return 0;
      const plotIds = [...new Set(claimed.map((r) => r.plot_id))];
      const f = distinctFiltersSql();
      const rows = await tx.query<{ filter_key: string; filter: unknown }>(f.text, f.values);
      const filters = rows.map((r) => ({ key: r.filter_key, filter: storedFilter(r.filter) }));
      for (let i = 0; i < filters.length; i += perStatement) {
        const s = recordMatchesSql(plotIds, filters.slice(i, i + perStatement));
        await tx.query(s.text, s.values);
      }
      return claimed.length;
    });
    handled += n;
    if (n < batchSize) return handled;
  }
}

/**
 * A stored filter read back through the shared model, so SQL is only ever built from a
 * checked PlotFilter (jsonb edited by hand loses its bad parts rather than reaching SQL).
 */
export function storedFilter(raw: unknown): PlotFilter {
  const obj = typeof raw === 'string' ? (JSON.parse(raw) as PlotFilter) : ((raw ?? {}) as PlotFilter);
  const params = Object.fromEntries(filterToParams(obj));
  return parsePlotFilter(params).filter;
}
