/**
 * Re-imports of plots that exist: a row equal to the stored plot writes nothing ('unchanged');
 * a change to a published plot is staged as its pending draft (server/staff/pending.ts) unless
 * the import publishes updates, so the public map never changes by surprise.
 */
import type { Sql } from '../auth/sql.ts';
import { PLOT_FIELD_NAMES, type PlotField } from '../staff/fields.ts';
import { valueOf } from './sql.ts';

/** Geometries closer than this (metres, Hausdorff) are the same plot: a CRS round trip moves vertices by millimetres. */
export const SAME_GEOMETRY_M = 0.05;

const differs = (f: PlotField) => `(r.mapped ? '${f}' AND ${valueOf(f)} IS DISTINCT FROM p.${f})`;
const geomDiffers = `(r.geom IS NOT NULL AND ST_HausdorffDistance(r.geom, p.geom) > ${SAME_GEOMETRY_M})`;

/**
 * Marks matched rows whose every mapped value and geometry equal the plot's as 'unchanged'
 * (and drops their "changes a published plot" warning); rows marked before are looked at again.
 */
export const markUnchangedSql = (jobId: string): Sql[] => [
  {
    text: `UPDATE import_rows SET action = 'update' WHERE job_id = $1 AND action = 'unchanged'`,
    values: [jobId],
  },
  {
    text: `UPDATE import_rows r SET action = 'unchanged',
             problems = coalesce((SELECT jsonb_agg(e) FROM jsonb_array_elements(r.problems) e
                                  WHERE e->>'code' <> 'changes_published_plot'), '[]'::jsonb)
           FROM plots p
           WHERE r.job_id = $1 AND r.action = 'update' AND p.id = r.plot_id
             AND NOT ${geomDiffers} AND NOT (${PLOT_FIELD_NAMES.map(differs).join(' OR ')})`,
    values: [jobId],
  },
];

/**
 * Updates the matched plots in place: drafts and withdrawn plots always, published ones only
 * when the import publishes updates. Only fields the file maps; the geometry when it has one.
 */
export const updateInPlaceSql = (jobId: string, by: string, publishUpdates: boolean): Sql => ({
  text: `UPDATE plots p SET updated_by = $2, geom = coalesce(r.geom, p.geom)
           ${PLOT_FIELD_NAMES.map((f) => `, ${f} = CASE WHEN r.mapped ? '${f}' THEN ${valueOf(f)} ELSE p.${f} END`).join('')}
         FROM import_rows r WHERE r.job_id = $1 AND r.action = 'update' AND NOT r.excluded AND p.id = r.plot_id
           AND ($3 OR p.status <> 'published')
         RETURNING p.id::int`,
  values: [jobId, by, publishUpdates],
});

/**
 * Stages the changes to published plots as their pending drafts: the fields that differ and
 * the geometry when it moved. A newer staged change replaces an older one.
 */
export const stageDraftsSql = (jobId: string, by: string, note: string): Sql => ({
  text: `INSERT INTO plot_drafts (plot_id, base_version, changes, geom, note, import_job, created_by)
         SELECT p.id, p.version,
           -- Each differing value wrapped in an array, so a value cleared to null survives the strip.
           (SELECT coalesce(jsonb_object_agg(x.key, x.value->0), '{}'::jsonb) FROM jsonb_each(jsonb_strip_nulls(jsonb_build_object(
             ${PLOT_FIELD_NAMES.map((f) => `'${f}', CASE WHEN ${differs(f)} THEN jsonb_build_array(r.mapped->'${f}') END`).join(', ')}))) x),
           CASE WHEN ${geomDiffers} THEN r.geom END, $3, $1, $2
         FROM import_rows r JOIN plots p ON p.id = r.plot_id
         WHERE r.job_id = $1 AND r.action = 'update' AND NOT r.excluded AND p.status = 'published'
         ON CONFLICT (plot_id) DO UPDATE SET base_version = EXCLUDED.base_version, changes = EXCLUDED.changes,
           geom = EXCLUDED.geom, note = EXCLUDED.note, import_job = EXCLUDED.import_job,
           created_by = EXCLUDED.created_by, created_at = now()
         RETURNING plot_id::int AS id`,
  values: [jobId, by, note],
});
