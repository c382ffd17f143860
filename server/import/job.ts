/** The import job's life: created for an upload, read back, required in preview, removed or discarded. */
import type { Staff } from '../auth/guard.ts';
import { audit } from '../audit/log.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import * as sql from './sql.ts';
import type { Settings, UploadedFile } from './types.ts';

// SQLSTATE unique_violation: the job id (the primary key) is taken.
const UNIQUE_VIOLATION = '23505';

/**
 * Creates the job row for an upload. Only a taken id is `job_exists`; any other failure (the
 * database away, a full disk) propagates so the API answers what really happened.
 */
export async function createJob(db: Db, jobId: string, staff: Staff, upload: UploadedFile): Promise<void> {
  const j = sql.insertJob(jobId, staff.id, upload.fileName, upload.bytes);
  try {
    await db.query(j.text, j.values);
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === UNIQUE_VIOLATION)
      throw new HttpError(409, 'job_exists', 'An import with this id exists already.', { value: jobId });
    throw err;
  }
}

/** Removes a refused upload's job and rows, so nothing of it stays behind. */
export async function dropJob(db: Db, jobId: string): Promise<void> {
  const d = sql.deleteJob(jobId);
  // The refusal is what the user must hear; a failed clean-up must not replace it.
  await db.query(d.text, d.values).catch(() => {});
}

export async function getJob(db: Db, jobId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(jobId))
    throw new HttpError(404, 'import_not_found', 'No such import.', { value: jobId });
  const s = sql.jobSql(jobId);
  const [job] = await db.query<
    Record<string, unknown> & { status: string; settings: Settings; summary: { attributes?: string[] } }
  >(s.text, s.values);
  if (!job) throw new HttpError(404, 'import_not_found', 'No such import.', { value: jobId });
  return job;
}

export async function previewJob(db: Db, jobId: string) {
  const job = await getJob(db, jobId);
  if (job.status !== 'preview')
    throw new HttpError(409, 'import_not_in_preview', `The import is ${job.status}; upload the file again.`, {
      value: job.status,
    });
  return job;
}

export async function discard(db: Db, jobId: string, staff: Staff, ip?: string) {
  const job = await getJob(db, jobId);
  if (job.status === 'committed')
    throw new HttpError(409, 'import_not_in_preview', 'A committed import cannot be discarded.', {
      value: job.status,
    });
  await db.query(`UPDATE import_jobs SET status = 'discarded' WHERE id = $1`, [jobId]);
  await db.query(sql.deleteRowsSql(jobId).text, [jobId]);
  await audit(db, {
    userId: staff.id,
    actor: staff.email,
    action: 'import.discard',
    targetType: 'import',
    targetId: jobId,
    ip,
  });
}
