/** SQL of saved searches, their tokens, matches and the publication queue: small builders. */
import type { PlotFilter } from '../../shared/filter.ts';
import { plotFilterSql, type SqlFragment } from '../plots/filter-sql.ts';

export interface SavedSearchRow {
  id: string;
  email: string;
  filter: PlotFilter;
  language: 'fi' | 'sv' | 'en';
  frequency: 'immediate' | 'daily';
  confirmed: boolean;
  created_at: string;
  confirmed_at: string | null;
  last_notified_at: string | null;
}

const COLUMNS = `s.id::text AS id, s.email, s.filter, s.language, s.frequency, s.confirmed,
  s.created_at, s.confirmed_at, s.last_notified_at`;

export const insertSearchSql = (s: {
  email: string;
  filter: PlotFilter;
  filterKey: string;
  language: string;
  frequency: string;
}): SqlFragment => ({
  text: `INSERT INTO saved_searches AS s (email, filter, filter_key, language, frequency)
    VALUES ($1, $2::jsonb, $3, $4, $5) RETURNING ${COLUMNS}`,
  values: [s.email, JSON.stringify(s.filter), s.filterKey, s.language, s.frequency],
});

/** Searches created for an address since `since`, and how many it holds in all. */
export const addressUsageSql = (email: string, since: Date): SqlFragment => ({
  text: `SELECT count(*) FILTER (WHERE created_at >= $2)::int AS recent, count(*)::int AS total
    FROM saved_searches WHERE lower(email) = lower($1)`,
  values: [email, since.toISOString()],
});

export const insertTokenSql = (hash: string, searchId: string, purpose: 'confirm' | 'unsubscribe') => ({
  text: `INSERT INTO saved_search_tokens (token_hash, search_id, purpose) VALUES ($1, $2, $3)`,
  values: [hash, searchId, purpose],
});

/** One row for a known token; `search` columns are null once the search is gone. */
export const tokenSql = (hash: string): SqlFragment => ({
  text: `SELECT t.purpose, t.created_at AS token_created_at, ${COLUMNS}
    FROM saved_search_tokens t LEFT JOIN saved_searches s ON s.id = t.search_id
    WHERE t.token_hash = $1`,
  values: [hash],
});

export const confirmSql = (id: string): SqlFragment => ({
  text: `UPDATE saved_searches SET confirmed = true, confirmed_at = coalesce(confirmed_at, now())
    WHERE id = $1`,
  values: [id],
});

/**
 * After `id` is confirmed: other searches of the same address with the same filter are replaced
 * by it (saving a search again changes its frequency or language). Their match records move
 * over, notified ones as notified, so no plot is mailed twice; then they are deleted.
 */
export const replaceEqualSearchesSql = (id: string): SqlFragment => ({
  text: `WITH me AS (SELECT id, lower(email) AS e, filter_key FROM saved_searches WHERE id = $1),
    old AS (SELECT s.id FROM saved_searches s JOIN me ON lower(s.email) = me.e
      AND s.filter_key = me.filter_key AND s.id <> me.id),
    moved AS (
      INSERT INTO saved_search_matches (search_id, plot_id, matched_at, notified_at)
      SELECT DISTINCT ON (m.plot_id) $1::bigint, m.plot_id, m.matched_at, m.notified_at
      FROM saved_search_matches m WHERE m.search_id IN (SELECT id FROM old)
      ORDER BY m.plot_id, m.notified_at NULLS LAST
      ON CONFLICT (search_id, plot_id) DO UPDATE
        SET notified_at = coalesce(saved_search_matches.notified_at, EXCLUDED.notified_at))
    -- A data-modifying CTE always runs to completion, and sees the rows before the DELETE.
    DELETE FROM saved_searches WHERE id IN (SELECT id FROM old)`,
  values: [id],
});

export const deleteSearchSql = (id: string): SqlFragment => ({
  text: `DELETE FROM saved_searches WHERE id = $1 RETURNING id::text AS id, email`,
  values: [id],
});

export const searchesByEmailSql = (email: string): SqlFragment => ({
  text: `SELECT ${COLUMNS} FROM saved_searches s WHERE lower(s.email) = lower($1)
    ORDER BY s.created_at DESC, s.id DESC LIMIT 500`,
  values: [email],
});

/**
 * Claims up to `limit` queued publications (other instances skip the locked rows) and removes
 * them from the queue; run inside the transaction that records their matches.
 */
export const claimPublicationsSql = (limit: number): SqlFragment => ({
  text: `DELETE FROM plot_publications WHERE id IN (
      SELECT id FROM plot_publications ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING plot_id::text AS plot_id`,
  values: [limit],
});

/** One row per distinct filter among confirmed searches. */
export const distinctFiltersSql = (): SqlFragment => ({
  text: `SELECT DISTINCT ON (filter_key) filter_key, filter FROM saved_searches
    WHERE confirmed ORDER BY filter_key, id`,
  values: [],
});

/**
 * Records, for every confirmed search whose filter is one of `filters`, the plots among
 * `plotIds` that match it: one statement for many filters (a UNION ALL of filter-sql
 * conditions over the candidate plots only), so cost follows the number of new plots times
 * the number of distinct filters, never the size of the plot table. The candidates are read
 * once into a materialised CTE: with 100 branches each planning its own index lookup, planning
 * alone cost 25-70 ms a statement on PostgreSQL, against 2-10 ms in all this way. Already
 * recorded pairs are left alone.
 */
export function recordMatchesSql(
  plotIds: readonly string[],
  filters: ReadonlyArray<{ key: string; filter: PlotFilter }>,
): SqlFragment {
  const values: unknown[] = [plotIds];
  const branches = filters.map(({ key, filter }) => {
    values.push(key);
    const keyParam = `$${values.length}`;
    const cond = plotFilterSql(filter, { alias: 'p', firstParam: values.length + 1 });
    values.push(...cond.values);
    return `SELECT ${keyParam}::text AS filter_key, p.id AS plot_id FROM candidates p WHERE ${cond.text}`;
  });
  return {
    text: `WITH candidates AS MATERIALIZED (SELECT * FROM plots WHERE id = ANY($1::bigint[]))
      INSERT INTO saved_search_matches (search_id, plot_id)
      SELECT s.id, m.plot_id FROM (${branches.join('\nUNION ALL\n')}) m
      JOIN saved_searches s ON s.filter_key = m.filter_key AND s.confirmed
      ON CONFLICT DO NOTHING`,
    values,
  };
}

export interface ClaimedMatch {
  search_id: string;
  plot_id: string;
}

/** Claims every unmailed match of confirmed immediate searches (each row once, any instance). */
export const claimImmediateSql = (now: Date): SqlFragment => ({
  text: `UPDATE saved_search_matches m SET notified_at = $1
    FROM saved_searches s
    WHERE s.id = m.search_id AND s.confirmed AND s.frequency = 'immediate' AND m.notified_at IS NULL
    RETURNING m.search_id::text AS search_id, m.plot_id::text AS plot_id`,
  values: [now.toISOString()],
});

/**
 * Claims the daily searches whose last digest (or confirmation) was before `cutoff` and that
 * have unmailed matches, stamping them as mailed at `now`; rows another instance holds are
 * skipped.
 */
export const claimDueDigestsSql = (cutoff: Date, now: Date): SqlFragment => ({
  text: `UPDATE saved_searches SET last_notified_at = $2 WHERE id IN (
      SELECT s.id FROM saved_searches s
      WHERE s.confirmed AND s.frequency = 'daily'
        AND coalesce(s.last_notified_at, s.confirmed_at) < $1
        AND EXISTS (SELECT 1 FROM saved_search_matches m WHERE m.search_id = s.id AND m.notified_at IS NULL)
      ORDER BY s.id LIMIT 500 FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id`,
  values: [cutoff.toISOString(), now.toISOString()],
});

export const claimMatchesOfSql = (searchIds: readonly string[], now: Date): SqlFragment => ({
  text: `UPDATE saved_search_matches SET notified_at = $2
    WHERE search_id = ANY($1::bigint[]) AND notified_at IS NULL
    RETURNING search_id::text AS search_id, plot_id::text AS plot_id`,
  values: [searchIds, now.toISOString()],
});

export const searchesByIdSql = (ids: readonly string[]): SqlFragment => ({
  text: `SELECT ${COLUMNS} FROM saved_searches s WHERE s.id = ANY($1::bigint[])`,
  values: [ids],
});

export const markNotifiedSql = (ids: readonly string[], now: Date): SqlFragment => ({
  text: `UPDATE saved_searches SET last_notified_at = $2 WHERE id = ANY($1::bigint[])`,
  values: [ids, now.toISOString()],
});

export interface MailPlotRow {
  id: string;
  property_id: string;
  block_plot: string;
  address: string | null;
  use_code: string;
  area_m2: number | null;
  building_right_kem2: number | null;
  availability: string;
  is_demo: boolean;
}

/** The facts a mail lists about plots, still published ones only. */
export const mailPlotsSql = (ids: readonly string[]): SqlFragment => ({
  text: `SELECT id::text AS id, property_id, block_plot, address, use_code, area_m2::float8 AS area_m2,
      building_right_kem2::float8 AS building_right_kem2, availability, is_demo
    FROM plots WHERE id = ANY($1::bigint[]) AND status = 'published' ORDER BY property_id`,
  values: [ids],
});

/**
 * House-keeping: unconfirmed searches older than `unconfirmedBefore` (their address was never
 * proven) and tokens of searches that are gone, older than `orphanTokensBefore`.
 */
export const purgeSql = (unconfirmedBefore: Date, orphanTokensBefore: Date): SqlFragment[] => [
  {
    text: `DELETE FROM saved_searches WHERE NOT confirmed AND created_at < $1`,
    values: [unconfirmedBefore.toISOString()],
  },
  {
    text: `DELETE FROM saved_search_tokens WHERE search_id IS NULL AND created_at < $1`,
    values: [orphanTokensBefore.toISOString()],
  },
];
