/** One plot as staff see it: its current values, lineage and pending draft. */
import type { Queryable } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { lineageSql } from './reshape-sql.ts';
import { pendingDraftSql, staffPlotSql, type DraftRow } from './sql.ts';

export const noPlot = (id: unknown) => new HttpError(404, 'plot_not_found', 'No such plot.', { value: id });

export function plotId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw noPlot(raw);
  return Number(raw);
}

/** The full staff view of one plot; 404 plot_not_found. */
export async function getPlot(db: Queryable, rawId: string): Promise<Record<string, unknown>> {
  const s = staffPlotSql(plotId(rawId));
  const row = (await db.query(s.text, s.values))[0];
  if (!row) throw noPlot(rawId);
  // Split and merge: the plots this one replaced and those that replaced it.
  const l = lineageSql(Number(rawId));
  const lineage = await db.query<{ dir: string; kind: string; id: number; property_id: string }>(
    l.text,
    l.values,
  );
  const pick = (dir: string) => lineage.filter((x) => x.dir === dir).map(({ dir: _d, ...x }) => x);
  const pending = await pendingDraft(db, Number(rawId), row);
  return { ...row, replaces: pick('replaces'), replaced_by: pick('replaced_by'), pending_draft: pending };
}

/**
 * The pending draft of a plot for staff: each change with the published value before it, and
 * the new geometry (EPSG:4326) when it moves; null when there is none.
 */
async function pendingDraft(db: Queryable, id: number, current: Record<string, unknown>) {
  const s = pendingDraftSql(id);
  const [d] = await db.query<DraftRow>(s.text, s.values);
  if (!d) return null;
  const changes = Object.entries(d.changes).map(([field, after]) => ({
    field,
    before: current[field] ?? null,
    after,
  }));
  if (d.geom) changes.push({ field: 'geom', before: 'geometry', after: 'geometry' });
  return {
    version: (current.version as number) + 1,
    status: 'draft' as const,
    base_version: d.base_version,
    changes,
    geometry: d.geometry,
    note: d.note,
    import_job: d.import_job,
    created_by: d.created_by,
    created_at: d.created_at,
  };
}
