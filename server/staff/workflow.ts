/** A plot's way through draft, published and withdrawn, by hand or at a scheduled time. */
import { audit } from '../audit/log.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { auditOf, expectedVersion, lockedAt, noteChange, noteOf, type Actor } from './change.ts';
import { assertOpenApplicationsConfirmed } from './open-applications.ts';
import { getPlot, plotId } from './plot.ts';
import { anyDueSql, publishDueSql, updatePlotSql, type Status } from './sql.ts';

export type Transition = 'publish' | 'withdraw' | 'draft' | 'schedule';

/** The statuses each step starts from. */
const ALLOWED: Record<Transition, Status[]> = {
  publish: ['draft', 'withdrawn'],
  withdraw: ['published'],
  draft: ['withdrawn', 'published'],
  schedule: ['draft', 'withdrawn'],
};

/** The status each step ends in (a scheduled plot stays a draft until its time). */
export const STATUS_AFTER: Record<Transition, Status> = {
  publish: 'published',
  withdraw: 'withdrawn',
  draft: 'draft',
  schedule: 'draft',
};

/** 409 invalid_transition when a plot's status does not allow the step. */
export function assertAllowed(t: Transition, status: Status, plotIdForError?: number) {
  if (!ALLOWED[t].includes(status))
    throw new HttpError(409, 'invalid_transition', `A ${status} plot cannot be moved by "${t}".`, {
      value: status,
      ...(plotIdForError === undefined ? { transition: t } : { plot_id: plotIdForError }),
    });
}

/** Reads publish_at for `schedule`: a future ISO 8601 time, or null to cancel. */
function publishAtOf(body: Record<string, unknown>): string | null {
  if (body.publish_at === null) return null;
  if (typeof body.publish_at !== 'string' || Number.isNaN(Date.parse(body.publish_at)))
    throw badRequest(
      'invalid_publish_at',
      'publish_at must be a date and time (ISO 8601).',
      body.publish_at ?? null,
    );
  if (Date.parse(body.publish_at) <= Date.now())
    throw badRequest('publish_at_in_past', 'The publication time must be in the future.', body.publish_at);
  return new Date(body.publish_at).toISOString();
}

/**
 * Moves a plot through the workflow. `schedule` with publish_at keeps it a draft that the
 * scheduler publishes at that time (publish_at null cancels). 409 invalid_transition when the
 * plot's status does not allow the step, 409 stale_version on an old version, 409
 * open_applications when a published plot named by open applications is taken off the map
 * without `confirm_open_applications: true`.
 */
export async function transition(
  db: Db,
  rawId: string,
  t: Transition,
  body: Record<string, unknown>,
  a: Actor,
) {
  const id = plotId(rawId);
  const expected = expectedVersion(body);
  const publishAt = t === 'schedule' ? publishAtOf(body) : undefined;
  return db.transaction(async (tx) => {
    const cur = await lockedAt(tx, id, expected);
    assertAllowed(t, cur.status);
    if (cur.status === 'published' && (t === 'withdraw' || t === 'draft'))
      await assertOpenApplicationsConfirmed(tx, [id], body);
    const status = STATUS_AFTER[t];
    const fallback = {
      publish: 'Published',
      withdraw: 'Withdrawn',
      draft: 'Back to draft',
      schedule: publishAt ? `Scheduled for ${publishAt}` : 'Schedule cancelled',
    }[t];
    await noteChange(tx, noteOf(body, fallback));
    const s = updatePlotSql(id, expected, {}, null, a.staff.email, {
      status,
      publishAt: t === 'schedule' ? publishAt : t === 'publish' ? null : undefined,
    });
    await tx.query(s.text, s.values);
    await audit(tx, auditOf(a, `plot.${t}`, id, { from: cur.status, to: status, publish_at: publishAt }));
    return getPlot(tx, String(id));
  });
}

/** Publishes the drafts whose scheduled time has passed; returns how many. */
export async function publishDue(db: Db): Promise<number> {
  // An UPDATE of no rows still fires the statement trigger that bumps the data version, which
  // would empty every tile and card cache at each check: write only when something is due.
  const [due] = await db.query<{ due: boolean }>(anyDueSql().text);
  if (!due?.due) return 0;
  return db.transaction(async (tx) => {
    await noteChange(tx, 'Scheduled publication');
    const s = publishDueSql();
    const rows = await tx.query<{ id: number; property_id: string }>(s.text, s.values);
    for (const r of rows)
      await audit(tx, {
        actor: 'scheduler',
        action: 'plot.publish.scheduled',
        targetType: 'plot',
        targetId: r.id,
        details: { property_id: r.property_id },
      });
    return rows.length;
  });
}
