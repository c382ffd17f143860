/** A job's rows in preview: one row's fixes or exclusion, the repair decisions, the row list. */
import { audit } from '../audit/log.ts';
import type { Staff } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { PLOT_FIELD_NAMES } from '../staff/fields.ts';
import { getJob, previewJob } from './job.ts';
import { decideRepairs } from './repairs.ts';
import * as sql from './sql.ts';
import { validate } from './validate.ts';

/** Fixes values of one row or excludes it, then validates again. */
export async function fixRow(
  db: Db,
  jobId: string,
  rawN: string,
  body: Record<string, unknown>,
  staff: Staff,
  ip?: string,
) {
  const job = await previewJob(db, jobId);
  const n = Number(rawN);
  const s = sql.rowSql(jobId, Number.isInteger(n) ? n : -1);
  const [row] = await db.query<{ overrides: Record<string, unknown>; excluded: boolean }>(s.text, s.values);
  if (!row) throw new HttpError(404, 'import_row_not_found', 'No such row in this import.', { value: rawN });
  const overrides = { ...row.overrides };
  if (body.values !== undefined) {
    const v = (body.values ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(v).filter((k) => !(PLOT_FIELD_NAMES as string[]).includes(k));
    if (unknown.length) throw badRequest('invalid_mapping', `Unknown field ${unknown[0]}.`, unknown[0]);
    Object.assign(overrides, v);
  }
  const excluded = body.excluded === undefined ? row.excluded : body.excluded === true;
  const u = sql.setRowOverride(jobId, n, overrides, excluded);
  await db.query(u.text, u.values);
  await validate(db, jobId, job.settings);
  await audit(db, {
    userId: staff.id,
    actor: staff.email,
    action: 'import.fix_row',
    targetType: 'import',
    targetId: jobId,
    ip,
    details: { row: n, values: body.values, excluded },
  });
  return getJob(db, jobId);
}

/** The publisher's decision on area-changing repairs (accept or exclude), then validation again. */
export async function decideRowRepairs(
  db: Db,
  jobId: string,
  body: Record<string, unknown>,
  staff: Staff,
  ip?: string,
) {
  const job = await previewJob(db, jobId);
  await decideRepairs(db, jobId, body, staff, () => validate(db, jobId, job.settings), ip);
  return getJob(db, jobId);
}

export async function listRows(db: Db, jobId: string, q: Record<string, unknown>) {
  const job = await getJob(db, jobId);
  const only = (q.only ?? 'all') as string;
  if (!['all', 'problems', 'errors'].includes(only))
    throw badRequest('invalid_query', 'only must be all, problems or errors.', only, { param: 'only' });
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  const offset = q.offset === undefined ? 0 : Number(q.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
    throw badRequest('invalid_query', 'limit must be 1-5000.', q.limit, { param: 'limit' });
  if (!Number.isInteger(offset) || offset < 0)
    throw badRequest('invalid_query', 'offset must be 0 or more.', q.offset, { param: 'offset' });
  const s = sql.rowsSql(jobId, {
    only: only as 'all',
    limit,
    offset,
    epsg: job.settings.epsg ?? 3879,
    swapAxes: !!job.settings.swap_axes,
  });
  return { rows: await db.query(s.text, s.values) };
}
