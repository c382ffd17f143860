/** All SQL of the import pipeline, as small builders returning { text, values }. */
import type { Sql } from '../auth/sql.ts';
import { PLOT_FIELDS, type PlotField } from '../staff/fields.ts';

export const insertJob = (id: string, userId: string, fileName: string, totalBytes: number): Sql => ({
  text: `INSERT INTO import_jobs (id, created_by, file_name, progress) VALUES ($1, $2, $3, $4)`,
  values: [
    id,
    userId,
    fileName.slice(0, 300),
    JSON.stringify({ bytes: 0, total_bytes: totalBytes, features: 0 }),
  ],
});

export const jobSql = (id: string): Sql => ({
  text: `SELECT j.id, j.file_name, j.format, j.status, j.progress, j.summary, j.settings, j.validation,
           j.created_at, j.committed_at, u.email AS created_by
         FROM import_jobs j JOIN users u ON u.id = j.created_by WHERE j.id = $1`,
  values: [id],
});

export const setProgress = (id: string, progress: object): Sql => ({
  text: `UPDATE import_jobs SET progress = $2 WHERE id = $1`,
  values: [id, JSON.stringify(progress)],
});

export const updateJob = (
  id: string,
  f: { status?: string; format?: string; summary?: object; settings?: object; validation?: object },
): Sql => ({
  text: `UPDATE import_jobs SET status = coalesce($2, status), format = coalesce($3, format),
           summary = coalesce($4::jsonb, summary), settings = coalesce($5::jsonb, settings),
           validation = coalesce($6::jsonb, validation),
           committed_at = CASE WHEN $2 = 'committed' THEN now() ELSE committed_at END
         WHERE id = $1`,
  values: [
    id,
    f.status ?? null,
    f.format ?? null,
    f.summary ? JSON.stringify(f.summary) : null,
    f.settings ? JSON.stringify(f.settings) : null,
    f.validation ? JSON.stringify(f.validation) : null,
  ],
});

export const deleteJob = (id: string): Sql => ({
  text: `DELETE FROM import_jobs WHERE id = $1`,
  values: [id],
});

/** One batch of parsed features: [{ n, source, geom (GeoJSON text or null) }]. */
export const insertRows = (
  jobId: string,
  rows: Array<{ n: number; source: object; geom: string | null; problems: object[]; line?: number }>,
): Sql => ({
  text: `INSERT INTO import_rows (job_id, n, source, src_geom, problems, line)
         SELECT $1, x.n, x.source, CASE WHEN x.geom IS NULL THEN NULL ELSE ST_GeomFromGeoJSON(x.geom) END, x.problems, x.line
         FROM jsonb_to_recordset($2::jsonb) AS x(n int, source jsonb, geom text, problems jsonb, line int)`,
  values: [jobId, JSON.stringify(rows)],
});

const problem = (field: string, code: string, severity: string, value = 'NULL') =>
  `jsonb_build_object('field', '${field}', 'code', '${code}', 'severity', '${severity}', 'value', ${value})`;

/**
 * Transforms every row's geometry with the chosen CRS and axis order into EPSG:3879, repairs
 * invalid polygons (with a warning naming the reason), and flags what cannot be a plot.
 * Problems found while reading (kept in `parse_problems`) come first.
 */
export const validateGeometrySql = (jobId: string, epsg: number, swapAxes: boolean): Sql => ({
  text: `WITH city AS (SELECT ST_Buffer(ST_Union(geom), 50) AS g FROM city_boundary),
    t AS (
      SELECT r.n, GeometryType(r.src_geom) AS gtype,
        ST_Transform(ST_SetSRID(CASE WHEN $3 THEN ST_FlipCoordinates(r.src_geom) ELSE r.src_geom END, $2::int), 3879) AS g
      FROM import_rows r WHERE r.job_id = $1 AND r.src_geom IS NOT NULL),
    v AS (
      SELECT n, gtype, g, ST_IsValid(g) AS valid, CASE WHEN NOT ST_IsValid(g) THEN ST_IsValidReason(g) END AS reason,
        CASE WHEN gtype IN ('POLYGON', 'MULTIPOLYGON') THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) END AS fixed
      FROM t),
    f AS (
      SELECT v.n, CASE WHEN v.fixed IS NOT NULL AND NOT ST_IsEmpty(v.fixed) THEN v.fixed END AS geom,
        jsonb_strip_nulls(jsonb_build_array(
          CASE WHEN NOT v.valid AND v.fixed IS NOT NULL AND NOT ST_IsEmpty(v.fixed) THEN ${problem('geometry', 'geometry_repaired', 'warning', 'v.reason')} END,
          CASE WHEN v.fixed IS NOT NULL AND ST_IsEmpty(v.fixed) THEN ${problem('geometry', 'geometry_empty', 'error', 'v.reason')} END,
          CASE WHEN NOT ST_Covers((SELECT g FROM city), CASE WHEN v.fixed IS NOT NULL AND NOT ST_IsEmpty(v.fixed) THEN v.fixed ELSE ST_PointOnSurface(ST_MakeValid(v.g)) END)
               THEN ${problem('geometry', 'outside_helsinki', 'error', 'to_jsonb(ST_AsText(ST_PointOnSurface(ST_MakeValid(ST_Transform(v.g, 4326))), 5))')} END,
          CASE WHEN v.fixed IS NOT NULL AND NOT ST_IsEmpty(v.fixed) AND ST_Area(v.fixed) < 20 THEN ${problem('geometry', 'tiny_area', 'warning', 'to_jsonb(round(ST_Area(v.fixed)::numeric, 1))')} END
        )) AS problems
      FROM v)
    UPDATE import_rows r SET geom = f.geom,
      problems = coalesce((SELECT jsonb_agg(e) FROM jsonb_array_elements(r.problems) e WHERE e->>'stage' = 'parse'), '[]'::jsonb)
        || (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM jsonb_array_elements(f.problems) e WHERE e <> 'null'::jsonb)
    FROM f WHERE r.job_id = $1 AND r.n = f.n`,
  values: [jobId, epsg, swapAxes],
});

/** Rows without coordinates keep only the problems found while reading. */
export const resetUngeometricRows = (jobId: string): Sql => ({
  text: `UPDATE import_rows SET geom = NULL, action = NULL, plot_id = NULL,
           problems = coalesce((SELECT jsonb_agg(e) FROM jsonb_array_elements(problems) e WHERE e->>'stage' = 'parse'), '[]'::jsonb)
         WHERE job_id = $1 AND src_geom IS NULL`,
  values: [jobId],
});

export const rowsForMappingSql = (jobId: string, afterN: number, limit: number): Sql => ({
  text: `SELECT n, source, overrides FROM import_rows WHERE job_id = $1 AND n > $2 ORDER BY n LIMIT $3`,
  values: [jobId, afterN, limit],
});

export const setMappedSql = (
  jobId: string,
  rows: Array<{ n: number; mapped: object; problems: object[] }>,
): Sql => ({
  text: `UPDATE import_rows r SET mapped = x.mapped, problems = r.problems || x.problems, action = NULL, plot_id = NULL
         FROM jsonb_to_recordset($2::jsonb) AS x(n int, mapped jsonb, problems jsonb)
         WHERE r.job_id = $1 AND r.n = x.n`,
  values: [jobId, JSON.stringify(rows)],
});

/** Matches rows to existing plots, flags duplicates and what a new plot lacks; several statements. */
export const matchRowsSql = (jobId: string): Sql[] => [
  {
    text: `UPDATE import_rows r SET action = 'update', plot_id = p.id,
             problems = r.problems || CASE WHEN p.status = 'published'
               THEN jsonb_build_array(${problem('property_id', 'changes_published_plot', 'warning', 'to_jsonb(p.property_id)')}) ELSE '[]'::jsonb END
           FROM plots p WHERE r.job_id = $1 AND p.property_id = r.mapped->>'property_id'`,
    values: [jobId],
  },
  {
    text: `UPDATE import_rows SET action = 'new' WHERE job_id = $1 AND action IS NULL AND mapped ? 'property_id'`,
    values: [jobId],
  },
  {
    text: `UPDATE import_rows SET problems = problems || jsonb_build_array(${problem('geometry', 'new_plot_needs_polygon', 'error')})
           WHERE job_id = $1 AND action = 'new' AND geom IS NULL
             AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(problems) e WHERE e->>'field' = 'geometry' AND e->>'severity' = 'error')`,
    values: [jobId],
  },
  {
    text: `UPDATE import_rows SET problems = problems || jsonb_build_array(${problem('use_code', 'required', 'error')})
           WHERE job_id = $1 AND action = 'new' AND coalesce(mapped->>'use_code', '') = ''
             AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(problems) e WHERE e->>'field' = 'use_code')`,
    values: [jobId],
  },
  {
    text: `UPDATE import_rows r SET problems = r.problems || jsonb_build_array(${problem('property_id', 'duplicate_in_file', 'error', "to_jsonb(r.mapped->>'property_id')")})
           FROM (SELECT mapped->>'property_id' AS pid FROM import_rows WHERE job_id = $1 AND NOT excluded AND mapped ? 'property_id'
                 GROUP BY 1 HAVING count(*) > 1) d
           WHERE r.job_id = $1 AND NOT r.excluded AND r.mapped->>'property_id' = d.pid`,
    values: [jobId],
  },
];

export const summarySql = (jobId: string): Sql => ({
  text: `WITH r AS (SELECT * FROM import_rows WHERE job_id = $1),
    p AS (SELECT e->>'code' AS code, e->>'severity' AS severity, count(*)::int AS rows
          FROM r, jsonb_array_elements(r.problems) e WHERE NOT r.excluded GROUP BY 1, 2)
    SELECT (SELECT count(*)::int FROM r) AS total,
      (SELECT count(*)::int FROM r WHERE excluded) AS excluded,
      (SELECT count(*)::int FROM r WHERE NOT excluded AND action = 'new') AS new,
      (SELECT count(*)::int FROM r WHERE NOT excluded AND action = 'update') AS update,
      (SELECT count(*)::int FROM r WHERE NOT excluded AND action = 'unchanged') AS unchanged,
      (SELECT count(*)::int FROM r WHERE NOT excluded AND problems @> '[{"severity":"error"}]') AS rows_with_errors,
      (SELECT count(*)::int FROM r WHERE NOT excluded AND problems @> '[{"severity":"warning"}]') AS rows_with_warnings,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('code', code, 'severity', severity, 'rows', rows) ORDER BY severity, rows DESC), '[]') FROM p) AS problems,
      (SELECT ST_Extent(ST_Transform(geom, 4326))::text FROM r WHERE geom IS NOT NULL) AS extent`,
  values: [jobId],
});

export const rowsSql = (
  jobId: string,
  o: { only: 'all' | 'problems' | 'errors'; limit: number; offset: number; epsg: number; swapAxes: boolean },
): Sql => ({
  text: `SELECT n, line, action, plot_id::int, excluded, mapped, problems, source, overrides,
           ST_AsGeoJSON(ST_Transform(coalesce(geom,
             CASE WHEN src_geom IS NOT NULL AND GeometryType(src_geom) IN ('POINT', 'MULTIPOINT') THEN
               ST_Transform(ST_SetSRID(CASE WHEN $5 THEN ST_FlipCoordinates(src_geom) ELSE src_geom END, $4::int), 3879) END), 4326), 7)::json AS geometry,
           -- A repaired row's shape as the file drew it, for the map beside the repaired one.
           CASE WHEN geom IS NOT NULL AND jsonb_path_exists(problems, '$[*] ? (@.code like_regex "^geometry_repair")') THEN
             ST_AsGeoJSON(ST_Transform(ST_SetSRID(CASE WHEN $5 THEN ST_FlipCoordinates(src_geom) ELSE src_geom END, $4::int), 4326), 7)::json END AS original_geometry
         FROM import_rows WHERE job_id = $1
           ${{ all: '', problems: `AND problems <> '[]'::jsonb`, errors: `AND problems @> '[{"severity":"error"}]'` }[o.only]}
         ORDER BY n LIMIT $2 OFFSET $3`,
  values: [jobId, o.limit, o.offset, o.epsg, o.swapAxes],
});

export const rowSql = (jobId: string, n: number): Sql => ({
  text: `SELECT n, source, overrides, excluded FROM import_rows WHERE job_id = $1 AND n = $2`,
  values: [jobId, n],
});

export const setRowOverride = (jobId: string, n: number, overrides: object, excluded: boolean): Sql => ({
  text: `UPDATE import_rows SET overrides = $3, excluded = $4 WHERE job_id = $1 AND n = $2`,
  values: [jobId, n, JSON.stringify(overrides), excluded],
});

const CAST: Record<string, string> = { number: 'numeric', int: 'smallint', bool: 'boolean', date: 'date' };
const castOf = (f: PlotField) => CAST[(PLOT_FIELDS[f] as { kind: string }).kind];
/** A mapped value as the plot column's type. */
export const valueOf = (f: PlotField, src = 'r.mapped') => {
  const c = castOf(f);
  return c ? `(${src}->>'${f}')::${c}` : `${src}->>'${f}'`;
};

/** Columns that are never null in plots, and the value a new plot gets when the file has none. */
export const NOT_NULL_DEFAULTS: Partial<Record<PlotField, string>> = {
  plan_state: `'valid'`,
  registered: 'true',
  availability: `'available'`,
  tenure: `'lease'`,
  building_prohibition: 'false',
};

/** Inserts the job's new rows as drafts, all in one statement (one data-version bump). */
export const commitNewSql = (jobId: string, by: string, fields: PlotField[]): Sql => ({
  text: `INSERT INTO plots (${fields.join(', ')}, geom, status, created_by, updated_by)
         SELECT ${fields.map((f) => (NOT_NULL_DEFAULTS[f] ? `coalesce(${valueOf(f)}, ${NOT_NULL_DEFAULTS[f]})` : valueOf(f))).join(', ')},
           r.geom, 'draft', $2, $2
         FROM import_rows r WHERE r.job_id = $1 AND r.action = 'new' AND NOT r.excluded ORDER BY r.n
         RETURNING id::int`,
  values: [jobId, by],
});

/** Updates the existing plots the job matched: only fields the file maps, geometry when it has one. */
export const commitUpdatesSql = (jobId: string, by: string, fields: PlotField[]): Sql => ({
  text: `UPDATE plots p SET updated_by = $2, geom = coalesce(r.geom, p.geom)
           ${fields.map((f) => `, ${f} = CASE WHEN r.mapped ? '${f}' THEN ${valueOf(f)} ELSE p.${f} END`).join('')}
         FROM import_rows r WHERE r.job_id = $1 AND r.action = 'update' AND NOT r.excluded AND p.id = r.plot_id
         RETURNING p.id::int`,
  values: [jobId, by],
});

/** Rows the commit must refuse: errors, or new rows whose identifier exists by now. */
export const commitBlockersSql = (jobId: string): Sql => ({
  text: `SELECT
      (SELECT count(*)::int FROM import_rows WHERE job_id = $1 AND NOT excluded AND problems @> '[{"severity":"error"}]') AS errors,
      (SELECT count(*)::int FROM import_rows WHERE job_id = $1 AND NOT excluded AND action IS NULL) AS unmatched,
      (SELECT count(*)::int FROM import_rows r JOIN plots p ON p.property_id = r.mapped->>'property_id'
         WHERE r.job_id = $1 AND NOT r.excluded AND r.action = 'new') AS taken`,
  values: [jobId],
});

export const deleteRowsSql = (jobId: string): Sql => ({
  text: `DELETE FROM import_rows WHERE job_id = $1`,
  values: [jobId],
});

export const savedMappingsSql = (): Sql => ({
  text: `SELECT id::int, name, mapping, created_by, created_at FROM import_mappings ORDER BY lower(name)`,
  values: [],
});

export const saveMappingSql = (name: string, mapping: object, by: string): Sql => ({
  text: `INSERT INTO import_mappings (name, mapping, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET mapping = EXCLUDED.mapping, created_by = EXCLUDED.created_by, created_at = now()
         RETURNING id::int, name, mapping, created_by, created_at`,
  values: [name, JSON.stringify(mapping), by],
});

/** Previews nobody committed within two days, and parses cut off by a restart. */
export const purgeStaleJobsSql = (): Sql => ({
  text: `DELETE FROM import_jobs WHERE status IN ('preview', 'parsing', 'discarded', 'failed')
           AND created_at < now() - interval '2 days'`,
  values: [],
});
