/**
 * One change to many plots in one transaction: field values (e.g. availability) or a workflow
 * step. All or nothing: one plot that cannot take it refuses the whole request.
 */
import { audit } from '../audit/log.ts';
import { can } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { assertMayTouch, auditOf, fieldError, noteChange, noteOf, type Actor } from './change.ts';
import { validatePlotValues } from './fields.ts';
import { assertOpenApplicationsConfirmed } from './open-applications.ts';
import { noPlot } from './plot.ts';
import { plotStatesSql, updatePlotSql, type Status } from './sql.ts';
import { STATUS_AFTER, assertAllowed } from './workflow.ts';

const ACTIONS = ['update', 'publish', 'withdraw', 'draft'] as const;
type Action = (typeof ACTIONS)[number];

export async function bulk(db: Db, body: Record<string, unknown>, a: Actor) {
  const ids = Array.isArray(body.ids) ? body.ids.map(Number) : [];
  if (!ids.length || ids.length > 10_000 || ids.some((i) => !Number.isInteger(i) || i < 1))
    throw badRequest('invalid_ids', 'Select from 1 to 10 000 plots.', body.ids ?? null);
  const action = (body.action ?? 'update') as Action;
  if (!ACTIONS.includes(action))
    throw badRequest('invalid_action', 'action must be update, publish, withdraw or draft.', action);
  if (action !== 'update' && !can(a.staff.role, 'plots.publish'))
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.', { value: a.staff.role });
  const { values, problems } = validatePlotValues((body.changes ?? {}) as Record<string, unknown>);
  if (problems.some((p) => p.severity === 'error')) throw fieldError(problems);
  if (values.property_id !== undefined)
    throw badRequest(
      'invalid_bulk_field',
      'The property identifier cannot be changed in bulk.',
      'property_id',
    );
  if (action === 'update' && !Object.keys(values).length)
    throw badRequest('nothing_to_change', 'The request changes nothing.', null);
  return db.transaction(async (tx) => {
    const st = plotStatesSql(ids);
    const rows = await tx.query<{ id: number; status: Status }>(st.text + ' FOR UPDATE', st.values);
    const missing = ids.filter((i) => !rows.some((r) => r.id === i));
    if (missing.length) throw noPlot(missing[0]);
    const status = action === 'update' ? undefined : STATUS_AFTER[action];
    for (const r of rows) {
      if (action === 'update') assertMayTouch(a, r.status);
      else assertAllowed(action, r.status, r.id);
    }
    if (action === 'withdraw' || action === 'draft')
      await assertOpenApplicationsConfirmed(
        tx,
        rows.filter((r) => r.status === 'published').map((r) => r.id),
        body,
      );
    await noteChange(tx, noteOf(body, `Bulk ${action}`));
    for (const r of rows) {
      const s = updatePlotSql(r.id, null, values, null, a.staff.email, {
        status,
        publishAt: action === 'publish' ? null : undefined,
      });
      await tx.query(s.text, s.values);
    }
    await audit(tx, {
      ...auditOf(a, `plot.bulk.${action}`, ids.join(',').slice(0, 200)),
      details: { ids, changes: values },
    });
    return { updated: rows.length };
  });
}
