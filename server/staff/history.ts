/** A plot's versions, each with what changed against the one before. */
import type { Queryable } from '../db/index.ts';
import { diffVersions } from './diff.ts';
import { noPlot, plotId } from './plot.ts';
import { historySql, type VersionRow } from './sql.ts';

/** Every version, oldest first; 404 plot_not_found. */
export async function history(db: Queryable, rawId: string) {
  const id = plotId(rawId);
  const h = historySql(id);
  const rows = await db.query<VersionRow>(h.text, h.values);
  if (!rows.length) throw noPlot(rawId);
  return rows.map((v, i) => ({
    version: v.version,
    status: v.status,
    changed_at: v.changed_at,
    changed_by: v.changed_by,
    change_note: v.change_note,
    changes: i === 0 ? [] : diffVersions(rows[i - 1]!.data, v.data),
  }));
}
