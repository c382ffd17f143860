import express, { type Router } from 'express';
import { stringify } from 'csv-stringify';
import { requirePermission, requireSession } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { csvSafeText } from '../http/csv.ts';
import { badRequest } from '../http/errors.ts';
import { listAudit, type AuditQuery } from './sql.ts';

interface AuditRow {
  id: number;
  at: Date | string;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: unknown;
}

/** Reads the audit filter; 400 invalid_audit_query naming the bad parameter. */
export function auditQueryFrom(q: Record<string, unknown>, maxLimit: number): AuditQuery {
  const str = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined);
  const out: AuditQuery = { limit: 100 };
  for (const k of ['from', 'to'] as const) {
    const v = str(k);
    if (v !== undefined && Number.isNaN(Date.parse(v)))
      throw badRequest('invalid_audit_query', `${k} must be a date or timestamp (ISO 8601).`, v, {
        param: k,
      });
    out[k] = v;
  }
  out.action = str('action');
  out.actor = str('actor');
  out.targetType = str('target_type');
  out.targetId = str('target_id');
  const limit = str('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > maxLimit)
      throw badRequest('invalid_audit_query', `limit must be an integer from 1 to ${maxLimit}.`, limit, {
        param: 'limit',
      });
    out.limit = n;
  }
  const cursor = str('cursor');
  if (cursor !== undefined) {
    if (!/^\d{1,15}$/.test(cursor))
      throw badRequest('invalid_audit_query', 'Invalid cursor.', cursor, { param: 'cursor' });
    out.beforeId = Number(cursor);
  }
  return out;
}

/** Admins read the audit log (paged, newest first) and export it as CSV. */
export function auditRoutes(db: Db): Router {
  const r = express.Router();
  const guard = [requireSession(db), requirePermission('audit.read')];
  r.get('/api/staff/audit', ...guard, async (req, res) => {
    const q = auditQueryFrom(req.query as Record<string, unknown>, 1000);
    const s = listAudit({ ...q, limit: q.limit + 1 });
    const rows = await db.query<AuditRow>(s.text, s.values);
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    res.json({ items, next_cursor: more ? String(items[items.length - 1]!.id) : null });
  });
  r.get('/api/staff/audit.csv', ...guard, async (req, res) => {
    const q = auditQueryFrom(req.query as Record<string, unknown>, 100_000);
    if (!req.query.limit) q.limit = 100_000;
    const s = listAudit(q);
    const rows = await db.query<AuditRow>(s.text, s.values);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    const csv = stringify({
      header: true,
      // An actor or a detail can be anyone's text (a registrant's e-mail): no formulas.
      cast: { string: csvSafeText },
      columns: ['id', 'at', 'actor', 'action', 'target_type', 'target_id', 'ip', 'details'],
    });
    csv.pipe(res);
    for (const row of rows)
      csv.write({ ...row, at: new Date(row.at).toISOString(), details: JSON.stringify(row.details) });
    csv.end();
  });
  return r;
}
