import type { Queryable } from '../db/index.ts';
import { insertAudit, type AuditEntry } from './sql.ts';

export type { AuditEntry } from './sql.ts';

/**
 * Appends one entry to the audit log. Pass the transaction of the change it records, so the
 * entry exists exactly when the change does.
 */
export async function audit(q: Queryable, e: AuditEntry): Promise<void> {
  const s = insertAudit(e);
  await q.query(s.text, s.values);
}
