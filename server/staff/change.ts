/**
 * What every staff change to a plot does the same way: the optimistic version check, the row
 * lock, who may touch a published plot, the change note the history trigger records, the audit
 * entry and the field errors.
 */
import { can, type Staff } from '../auth/guard.ts';
import type { Queryable } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { diffVersions, type Change } from './diff.ts';
import type { validatePlotValues } from './fields.ts';
import { noPlot } from './plot.ts';
import { historySql, plotStateSql, setChangeNote, type Status, type VersionRow } from './sql.ts';

export interface Actor {
  staff: Staff;
  ip?: string;
}

export function fieldError(problems: ReturnType<typeof validatePlotValues>['problems']): HttpError {
  const first = problems.find((p) => p.severity === 'error')!;
  return badRequest('invalid_plot', `Invalid value for ${first.field}.`, first.value, {
    field: first.field,
    problems: problems.filter((p) => p.severity === 'error'),
  });
}

export const noteOf = (body: Record<string, unknown>, fallback: string) =>
  typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 500) : fallback;

/** Sets the note the history trigger stores with the versions this transaction writes. */
export async function noteChange(tx: Queryable, note: string) {
  const n = setChangeNote(note);
  await tx.query(n.text, n.values);
}

export const auditOf = (
  a: Actor,
  action: string,
  id: number | string,
  details: Record<string, unknown> = {},
) => ({
  userId: a.staff.id,
  actor: a.staff.email,
  action,
  targetType: 'plot',
  targetId: id,
  ip: a.ip,
  details,
});

/**
 * The 409 for an edit made on an old version: the current version and what changed since the
 * version the editor started from.
 */
async function staleError(tx: Queryable, id: number, expected: number): Promise<HttpError> {
  const st = plotStateSql(id);
  const cur = (await tx.query<{ version: number }>(st.text, st.values))[0];
  if (!cur) return noPlot(id);
  const h = historySql(id);
  const versions = await tx.query<VersionRow>(h.text, h.values);
  const from = versions.find((v) => v.version === expected);
  const to = versions[versions.length - 1];
  const changes: Change[] = from && to ? diffVersions(from.data, to.data) : [];
  const by = versions
    .filter((v) => v.version > expected)
    .map((v) => ({ version: v.version, changed_by: v.changed_by, changed_at: v.changed_at }));
  return new HttpError(
    409,
    'stale_version',
    'Someone changed this plot meanwhile: review their changes and try again.',
    {
      value: expected,
      current_version: cur.version,
      changes,
      changed_by: by,
    },
  );
}

export function expectedVersion(body: Record<string, unknown>): number {
  const v = Number(body.version);
  if (!Number.isInteger(v) || v < 1)
    throw badRequest(
      'version_required',
      'Send the version you edited (for conflict detection).',
      body.version ?? null,
    );
  return v;
}

async function lockedState(tx: Queryable, id: number) {
  const [row] = await tx.query<{ id: number; version: number; status: Status }>(
    `SELECT id::int, version, status FROM plots WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw noPlot(id);
  return row;
}

/**
 * Locks the plot and checks it is still at the version the editor saw; 404 plot_not_found,
 * 409 stale_version.
 */
export async function lockedAt(tx: Queryable, id: number, expected: number) {
  const cur = await lockedState(tx, id);
  if (cur.version !== expected) throw await staleError(tx, id, expected);
  return cur;
}

/** Only publishers and admins change what the public sees. */
export function assertMayTouch(a: Actor, status: Status) {
  if (status === 'published' && !can(a.staff.role, 'plots.publish'))
    throw new HttpError(403, 'published_edit_forbidden', 'Only a publisher can change a published plot.', {
      value: status,
    });
}

/** 409 duplicate_property_id when another plot (not `except`) has this identifier. */
export async function assertUniquePropertyId(tx: Queryable, propertyId: string, except?: number) {
  const dup = await tx.query<{ id: number }>(
    `SELECT id::int FROM plots WHERE property_id = $1 AND id IS DISTINCT FROM $2::bigint`,
    [propertyId, except ?? null],
  );
  if (dup.length)
    throw new HttpError(409, 'duplicate_property_id', 'A plot with this property identifier exists.', {
      value: propertyId,
      plot_id: dup[0]!.id,
    });
}
