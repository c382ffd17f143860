import type { Sql } from '../auth/sql.ts';

/** All SQL of the audit log. */

export interface AuditEntry {
  userId?: string | null;
  actor: string;
  action: string;
  targetType?: string;
  targetId?: string | number;
  ip?: string;
  details?: Record<string, unknown>;
}

export const insertAudit = (e: AuditEntry): Sql => ({
  text: `INSERT INTO audit_log (user_id, actor, action, target_type, target_id, ip, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  values: [
    e.userId ?? null,
    e.actor,
    e.action,
    e.targetType ?? null,
    e.targetId === undefined ? null : String(e.targetId),
    e.ip ?? null,
    JSON.stringify(e.details ?? {}),
  ],
});

export interface AuditQuery {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  /** Keyset cursor: entries with an id below this one. */
  beforeId?: number;
  limit: number;
}

export const listAudit = (q: AuditQuery): Sql => {
  const values: unknown[] = [];
  const conds: string[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  // An action filter 'plot' matches 'plot.update', 'plot.publish', ...
  if (q.action) conds.push(`(action = ${p(q.action)} OR action LIKE ${p(q.action + '.%')})`);
  if (q.actor) conds.push(`lower(actor) = lower(${p(q.actor)})`);
  if (q.targetType) conds.push(`target_type = ${p(q.targetType)}`);
  if (q.targetId) conds.push(`target_id = ${p(q.targetId)}`);
  if (q.from) conds.push(`at >= ${p(q.from)}::timestamptz`);
  if (q.to) conds.push(`at < ${p(q.to)}::timestamptz`);
  if (q.beforeId) conds.push(`id < ${p(q.beforeId)}`);
  return {
    text: `SELECT id::int, at, actor, action, target_type, target_id, ip, details FROM audit_log
           ${conds.length ? 'WHERE ' + conds.join(' AND ') : ''}
           ORDER BY id DESC LIMIT ${p(q.limit)}`,
    values,
  };
};
