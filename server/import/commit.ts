/** Committing a job: its rows become plots (drafts, updates or staged drafts) in one transaction. */
import { audit } from '../audit/log.ts';
import { can, type Staff } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { PLOT_FIELD_NAMES } from '../staff/fields.ts';
import { setChangeNote } from '../staff/sql.ts';
import { previewJob } from './job.ts';
import { markUnchangedSql, stageDraftsSql, updateInPlaceSql } from './reimport.ts';
import { assertRepairsDecided } from './repairs.ts';
import * as sql from './sql.ts';

/**
 * Writes the job into plots in one transaction: new rows as drafts, matched rows as updates;
 * a change to a published plot is staged as its pending draft unless `publish_updates` is true,
 * and a row equal to its plot writes nothing. Refused (409) while rows have errors or
 * undecided repairs, while an inferred CRS is unconfirmed, or when a new row's identifier was
 * taken meanwhile; nothing is written then.
 */
export async function commit(
  db: Db,
  jobId: string,
  body: Record<string, unknown>,
  staff: Staff,
  ip?: string,
) {
  const job = await previewJob(db, jobId);
  if (!job.settings.crs_confirmed)
    throw new HttpError(
      409,
      'crs_not_confirmed',
      'Confirm the coordinate system on the map before importing.',
      { value: job.settings.epsg },
    );
  const fields = PLOT_FIELD_NAMES;
  const publishUpdates = body.publish_updates === true;
  if (body.publish_updates !== undefined && typeof body.publish_updates !== 'boolean')
    throw badRequest('invalid_value', 'publish_updates must be true or false.', body.publish_updates);
  if (publishUpdates && !can(staff.role, 'plots.publish'))
    throw new HttpError(403, 'forbidden', 'Only a publisher may publish updates at commit.', {
      value: staff.role,
    });
  const note =
    typeof body.note === 'string' && body.note.trim()
      ? body.note.trim()
      : `Import ${job.file_name as string}`;
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ status: string }>(
      `SELECT status FROM import_jobs WHERE id = $1 FOR UPDATE`,
      [jobId],
    );
    if (lock[0]?.status !== 'preview')
      throw new HttpError(409, 'import_not_in_preview', 'The import was committed or discarded meanwhile.', {
        value: lock[0]?.status ?? null,
      });
    await assertRepairsDecided(tx, jobId);
    const b = sql.commitBlockersSql(jobId);
    const [blk] = await tx.query<{ errors: number; unmatched: number; taken: number }>(b.text, b.values);
    if (blk!.errors || blk!.unmatched)
      throw new HttpError(409, 'import_has_errors', 'Fix or exclude the rows with errors first.', {
        value: blk!.errors + blk!.unmatched,
      });
    if (blk!.taken)
      throw new HttpError(
        409,
        'import_stale',
        'Some plots were created meanwhile; validate the import again.',
        { value: blk!.taken },
      );
    const n = setChangeNote(note);
    await tx.query(n.text, n.values);
    const ins = sql.commitNewSql(jobId, staff.email, fields);
    const created = await tx.query<{ id: number }>(ins.text, ins.values);
    // Compared again under the job's lock: the plots may have changed since the preview.
    for (const m of markUnchangedSql(jobId)) await tx.query(m.text, m.values);
    const [same] = await tx.query<{ unchanged: number }>(
      `SELECT count(*)::int AS unchanged FROM import_rows WHERE job_id = $1 AND action = 'unchanged' AND NOT excluded`,
      [jobId],
    );
    const unchanged = same?.unchanged ?? 0;
    const st = stageDraftsSql(jobId, staff.email, note);
    const staged = publishUpdates ? [] : await tx.query<{ id: number }>(st.text, st.values);
    const up = updateInPlaceSql(jobId, staff.email, publishUpdates);
    const updated = await tx.query<{ id: number }>(up.text, up.values);
    const counts = { created: created.length, updated: updated.length, staged: staged.length, unchanged };
    const done = sql.updateJob(jobId, {
      status: 'committed',
      validation: { ...(job.validation as object), ...counts, publish_updates: publishUpdates },
    });
    await tx.query(done.text, done.values);
    const del = sql.deleteRowsSql(jobId);
    await tx.query(del.text, del.values);
    await audit(tx, {
      userId: staff.id,
      actor: staff.email,
      action: 'import.commit',
      targetType: 'import',
      targetId: jobId,
      ip,
      details: {
        file: job.file_name,
        ...counts,
        publish_updates: publishUpdates,
        plot_ids: [...created, ...updated, ...staged].map((r) => r.id).slice(0, 1000),
      },
    });
    return {
      ...counts,
      plot_ids: [...created, ...updated].map((r) => r.id),
      staged_plot_ids: staged.map((r) => r.id),
    };
  });
}
