/**
 * An area the file states (an attribute mapped to the plot's area field, `area_m2`) is not
 * stored: the plot's area is always its geometry's. It is a check: a row whose stated area is
 * more than a few per cent off the geometry's says so, with both figures.
 */
import type { Sql } from '../auth/sql.ts';
import type { Mapping } from './mapping.ts';

export const AREA_FIELD = 'area_m2';
export const AREA_TOLERANCE = 0.03;

const SYNONYMS = [
  'area_m2',
  'pinta_ala',
  'pinta-ala',
  'pintaala',
  'pinta_ala_m2',
  'ala_m2',
  'area',
  'areal',
  'yta',
];

/** The mapping's stated-area attribute, when it has one. */
export const areaAttribute = (m: Mapping): string | undefined =>
  (m as Record<string, string | undefined>)[AREA_FIELD];

/** Adds the stated-area attribute found by name to an automatic mapping. */
export function withAreaAttribute(m: Mapping, attributes: string[]): Mapping {
  if (areaAttribute(m)) return m;
  const byLower = new Map(attributes.map((a) => [a.toLowerCase(), a]));
  const hit = SYNONYMS.map((s) => byLower.get(s)).find((a) => a && !Object.values(m).includes(a));
  return hit ? ({ ...m, [AREA_FIELD]: hit } as Mapping) : m;
}

/**
 * Splits a mapping sent by the client into the plot fields (checked by the caller) and the
 * stated-area attribute; 'problem' names an attribute the file does not have.
 */
export function takeAreaAttribute(
  m: unknown,
  attributes: string[],
): { rest: unknown; area?: string; problem?: string } {
  if (!m || typeof m !== 'object' || !Object.hasOwn(m, AREA_FIELD)) return { rest: m };
  const { [AREA_FIELD]: area, ...rest } = m as Record<string, unknown>;
  if (area === null || area === '') return { rest };
  if (typeof area !== 'string' || !attributes.includes(area))
    return { rest, problem: `unknown attribute ${String(area)}` };
  return { rest, area };
}

/** Appends `stated_area_differs` (stated and geometry's area, m²) to the rows that differ. */
export const statedAreaSql = (jobId: string, attribute: string): Sql => ({
  text: `WITH s AS (
      SELECT n, replace(replace(btrim(source->>$2), ' ', ''), ',', '.') AS txt, ST_Area(geom) AS area
      FROM import_rows WHERE job_id = $1 AND geom IS NOT NULL),
    d AS (
      SELECT n, txt::numeric AS stated, area FROM s WHERE txt ~ '^[0-9]{1,12}(\\.[0-9]{1,6})?$')
    UPDATE import_rows r SET problems = r.problems || jsonb_build_array(jsonb_build_object(
        'field', '${AREA_FIELD}', 'code', 'stated_area_differs', 'severity', 'warning',
        'value', round(d.stated, 0), 'stated', round(d.stated, 0), 'geometry', round(d.area::numeric, 0),
        'change_pct', round((100 * abs(d.stated - d.area::numeric) / greatest(d.area::numeric, 1)), 1)))
    FROM d WHERE r.job_id = $1 AND r.n = d.n AND abs(d.stated - d.area::numeric) > $3 * greatest(d.area::numeric, 1)`,
  values: [jobId, attribute, AREA_TOLERANCE],
});
