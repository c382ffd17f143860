/**
 * The search SQL: one statement (PGlite pays a fixed cost per statement) joining with UNION ALL
 * the branches the text can match in plot data (identifiers, plans, addresses), each ranked with
 * a score in 0..1 and limited on its own before any geometry is transformed. Place names are
 * matched in memory (places.ts). Stored names are folded with tl_fold() (migration 004),
 * query text arrives folded the same way (fold.ts), so case and Nordic letters never decide a
 * match.
 */
import type { SqlFragment } from '../plots/filter-sql.ts';
import type { SearchIntent } from './parse.ts';

export interface SearchRow {
  kind: 'plot' | 'address' | 'district' | 'sub_district' | 'plan' | 'coordinate';
  ref: string;
  plot_id: number | null;
  /** plot: property id; address: the address; plan: its number; areas: Finnish name. */
  name_fi: string;
  /** plot: block/plot; address: property id; areas: Swedish name. */
  name_sv: string | null;
  /** plot: address; address: block/plot. */
  detail: string | null;
  /** The area a result lies in (sub-district of a plot, district of a sub-district). */
  area_fi: string | null;
  area_sv: string | null;
  /** Plots in a plan. */
  count: number | null;
  score: number;
  /** Order among equal scores: the house number of an address, 0 otherwise. */
  ord: number;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  cx: number;
  cy: number;
}

// Minimum score of a name or address found by similarity only (0..1 after weighting).
const MIN_SCORE = 0.5;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** bbox and centre columns of a plot `p` in CRS84. */
const PLOT_GEO = `ST_XMin(g.g) AS xmin, ST_YMin(g.g) AS ymin, ST_XMax(g.g) AS xmax, ST_YMax(g.g) AS ymax,
  ST_X(c.c) AS cx, ST_Y(c.c) AS cy`;
const PLOT_GEO_FROM = `CROSS JOIN LATERAL (SELECT ST_Transform(p.geom, 4326) AS g) g
  CROSS JOIN LATERAL (SELECT ST_Transform(p.point_3857, 4326) AS c) c`;
/**
 * The statement for an intent. `trgm` says pg_trgm is installed: without it, the streets are
 * scored in memory and passed as `streets`, and identifier fragments are not searched.
 */
export function searchSql(
  intent: SearchIntent,
  opts: { limit: number; trgm: boolean; streets?: ScoredStreet[] },
): SqlFragment {
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const limit = param(opts.limit);
  const branches: string[] = [];

  const plotBranch = (where: string, score: string) =>
    `(SELECT 'plot' AS kind, p.id::text AS ref, p.id AS plot_id, p.property_id AS name_fi, p.block_plot AS name_sv,
        p.address AS detail, s.name_fi AS area_fi, s.name_sv AS area_sv, NULL::int AS count, ${score}::float8 AS score,
        0 AS ord, ${PLOT_GEO}
      FROM (SELECT p.id FROM plots p WHERE p.status = 'published' AND ${where} ORDER BY p.property_id LIMIT ${limit}) m
      JOIN plots p ON p.id = m.id LEFT JOIN sub_districts s ON s.number = p.sub_district_number ${PLOT_GEO_FROM})`;

  if (intent.propertyId) branches.push(plotBranch(`p.property_id = ${param(intent.propertyId)}`, '1.0'));
  if (intent.blockPlot?.exact)
    branches.push(plotBranch(`p.property_id = ${param(intent.blockPlot.exact)}`, '1.0'));
  // Another reading of the same digits ranks after the stored form.
  if (intent.blockPlot?.others.length)
    branches.push(plotBranch(`p.property_id = ANY(${param(intent.blockPlot.others)}::text[])`, '0.9'));
  if (intent.idFragment && opts.trgm)
    branches.push(plotBranch(`p.search_text LIKE ${param(`%${likeEscape(intent.idFragment)}%`)}`, '0.6'));
  if (intent.planNumber) {
    branches.push(
      `(SELECT 'plan' AS kind, x.plan_number AS ref, CASE WHEN x.n = 1 THEN x.one END AS plot_id, x.plan_number AS name_fi,
          NULL AS name_sv, NULL AS detail, NULL AS area_fi, NULL AS area_sv, x.n::int AS count, 0.95::float8 AS score, 0 AS ord,
          ST_XMin(x.e) AS xmin, ST_YMin(x.e) AS ymin, ST_XMax(x.e) AS xmax, ST_YMax(x.e) AS ymax,
          (ST_XMin(x.e) + ST_XMax(x.e)) / 2 AS cx, (ST_YMin(x.e) + ST_YMax(x.e)) / 2 AS cy
        FROM (SELECT p.plan_number, count(*) AS n, min(p.id) AS one,
                ST_Transform(ST_SetSRID(ST_Extent(p.geom)::geometry, 3879), 4326) AS e
              FROM plots p WHERE p.status = 'published' AND p.plan_number = ${param(intent.planNumber)}
              GROUP BY p.plan_number) x)`,
    );
  }
  if (intent.street)
    branches.push(addressBranch(intent.street, intent.house, param, limit, opts.trgm, opts.streets));

  if (branches.length === 0) return { text: '', values: [] };
  return {
    text: `SELECT * FROM (${branches.join(' UNION ALL ')}) r ORDER BY score DESC, ord, kind, name_fi LIMIT ${limit}`,
    values,
  };
}

type Param = (v: unknown) => string;

/** A street (folded) scored in memory, when the database has no pg_trgm (streets.ts). */
export interface ScoredStreet {
  folded: string;
  score: number;
}

// Similar spelling counts from this trigram similarity on; 'kupritie' is 0.58 to 'kuparitie'.
export const STREET_SIMILARITY_MIN = 0.45;
/** Score of a street spelt similarly: 0.55 + 0.35 x similarity, below the prefix match's 0.88. */
export const similarScore = (sim: number) => 0.55 + 0.35 * sim;

/**
 * Addresses: the streets whose name starts like the text or is spelt similarly, then their
 * published plots in house-number order (from the given house number up when there is one, the
 * exact house ranked first).
 */
function addressBranch(
  street: string,
  house: number | undefined,
  param: Param,
  limit: string,
  trgm: boolean,
  scored?: ScoredStreet[],
): string {
  // Without pg_trgm the streets come scored from memory (streets.ts).
  const trgmStreets = () => {
    const t = param(street);
    const prefix = param(likeEscape(street) + '%');
    const sim = `greatest(word_similarity(${t}, st.folded), similarity(${t}, st.folded))`;
    const match = `(st.folded LIKE ${prefix} OR ${t} <% st.folded OR ${t} % st.folded)`;
    const score = `CASE WHEN st.folded = ${t} THEN 0.9 WHEN st.folded LIKE ${prefix} THEN 0.88
      WHEN ${sim} >= ${STREET_SIMILARITY_MIN} THEN 0.55 + 0.35 * ${sim} ELSE 0 END`;
    return `SELECT st.folded, ${score} AS score FROM search_streets st WHERE ${match}`;
  };
  const streets =
    trgm || !scored
      ? trgmStreets()
      : `SELECT * FROM unnest(${param(scored.map((x) => x.folded))}::text[], ${param(scored.map((x) => x.score))}::float8[]) AS st(folded, score)`;
  // With a house number: that house, then the next ones up the street (one index range scan).
  const h = house === undefined ? undefined : param(house);
  const houseCond = h === undefined ? '' : `AND tl_house(p.address) >= ${h}`;
  return `(SELECT 'address' AS kind, p.id::text AS ref, p.id AS plot_id, p.address AS name_fi, p.property_id AS name_sv,
      p.block_plot AS detail, s.name_fi AS area_fi, s.name_sv AS area_sv, NULL::int AS count,
      (st.score + ${h === undefined ? '0' : `CASE WHEN m.house = ${h} THEN 0.02 ELSE 0 END`})::float8 AS score, coalesce(m.house, 0) AS ord, ${PLOT_GEO}
    FROM (${streets} ORDER BY 2 DESC, 1 LIMIT 5) st
    CROSS JOIN LATERAL (SELECT p.id, tl_house(p.address) AS house FROM plots p
          WHERE p.status = 'published' AND tl_street(p.address) = (st.folded COLLATE "default") ${houseCond}
          ORDER BY tl_house(p.address), p.id LIMIT ${limit}) m
    JOIN plots p ON p.id = m.id LEFT JOIN sub_districts s ON s.number = p.sub_district_number ${PLOT_GEO_FROM}
    WHERE st.score >= ${MIN_SCORE}
    ORDER BY score DESC, ord, p.id LIMIT ${limit})`;
}
