/**
 * A published plot's pending draft: a change staged (by an import) that the public does not
 * see until a publisher publishes it, which writes it as the plot's next version.
 */
import { audit } from '../audit/log.ts';
import type { Db, Queryable } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import type { PlotValues } from './fields.ts';
import {
  auditOf,
  expectedVersion,
  getPlot,
  lockedState,
  noteOf,
  plotId,
  staleError,
  type Actor,
} from './plots.ts';
import { setChangeNote, updatePlotSql } from './sql.ts';

interface DraftRow {
  base_version: number;
  changes: Record<string, unknown>;
  geom: string | null;
  geometry: unknown;
  note: string | null;
  import_job: string | null;
  created_by: string;
  created_at: string;
}

const draftSql = `SELECT d.base_version, d.changes, ST_AsGeoJSON(d.geom, 3) AS geom,
    ST_AsGeoJSON(ST_Transform(d.geom, 4326), 7)::json AS geometry, d.note, d.import_job, d.created_by, d.created_at
  FROM plot_drafts d WHERE d.plot_id = $1`;

/**
 * The pending draft of a plot for staff: each change with the published value before it, and
 * the new geometry (EPSG:4326) when it moves; null when there is none.
 */
export async function pendingDraft(db: Queryable, id: number, current: Record<string, unknown>) {
  const [d] = await db.query<DraftRow>(draftSql, [id]);
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

/**
 * Publishes the pending draft as the plot's next version (`version`: the one the publisher
 * saw; 409 stale_version otherwise); 404 no_pending_draft when there is none.
 */
export async function publishPending(db: Db, rawId: string, body: Record<string, unknown>, a: Actor) {
  const id = plotId(rawId);
  const expected = expectedVersion(body);
  return db.transaction(async (tx) => {
    const cur = await lockedState(tx, id);
    if (cur.version !== expected) throw await staleError(tx, id, expected);
    const [d] = await tx.query<DraftRow>(draftSql + ' FOR UPDATE OF d', [id]);
    if (!d) throw new HttpError(404, 'no_pending_draft', 'This plot has no pending draft.', { value: id });
    const n = setChangeNote(noteOf(body, d.note ? `Published: ${d.note}` : 'Published pending draft'));
    await tx.query(n.text, n.values);
    const s = updatePlotSql(
      id,
      expected,
      d.changes as PlotValues,
      d.geom ? { geojson: d.geom, srid: 3879 } : null,
      a.staff.email,
    );
    await tx.query(s.text, s.values);
    await tx.query(`DELETE FROM plot_drafts WHERE plot_id = $1`, [id]);
    await audit(
      tx,
      auditOf(a, 'plot.publish_pending', id, {
        fields: Object.keys(d.changes),
        geometry: !!d.geom,
        import_job: d.import_job,
        from_version: expected,
      }),
    );
    return getPlot(tx, String(id));
  });
}

/** Drops the pending draft; the published plot stays as it is. 404 no_pending_draft. */
export async function discardPending(db: Db, rawId: string, a: Actor) {
  const id = plotId(rawId);
  return db.transaction(async (tx) => {
    const gone = await tx.query<{ import_job: string | null }>(
      `DELETE FROM plot_drafts WHERE plot_id = $1 RETURNING import_job`,
      [id],
    );
    if (!gone.length)
      throw new HttpError(404, 'no_pending_draft', 'This plot has no pending draft.', { value: id });
    await audit(tx, auditOf(a, 'plot.discard_pending', id, { import_job: gone[0]!.import_job }));
    return getPlot(tx, String(id));
  });
}
