/**
 * A published plot's pending draft: a change staged (by an import) that the public does not
 * see until a publisher publishes it, which writes it as the plot's next version.
 */
import { audit } from '../audit/log.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { auditOf, expectedVersion, lockedAt, noteChange, noteOf, type Actor } from './change.ts';
import type { PlotValues } from './fields.ts';
import { getPlot, plotId } from './plot.ts';
import { pendingDraftSql, updatePlotSql, type DraftRow } from './sql.ts';

/**
 * Publishes the pending draft as the plot's next version (`version`: the one the publisher
 * saw; 409 stale_version otherwise); 404 no_pending_draft when there is none.
 */
export async function publishPending(db: Db, rawId: string, body: Record<string, unknown>, a: Actor) {
  const id = plotId(rawId);
  const expected = expectedVersion(body);
  return db.transaction(async (tx) => {
    await lockedAt(tx, id, expected);
    const ds = pendingDraftSql(id, true);
    const [d] = await tx.query<DraftRow>(ds.text, ds.values);
    if (!d) throw new HttpError(404, 'no_pending_draft', 'This plot has no pending draft.', { value: id });
    await noteChange(tx, noteOf(body, d.note ? `Published: ${d.note}` : 'Published pending draft'));
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
