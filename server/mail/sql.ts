/** All SQL of the mail outbox, as small builders returning { text, values }. */

export interface Sql {
  text: string;
  values: unknown[];
}

export interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  kind: string;
  list_unsubscribe: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
  error: string | null;
  attempts: number;
}

const COLS = `id::text, to_address, subject, text_body, html_body, kind, list_unsubscribe, created_at, sent_at, error, attempts`;

export const insertMail = (m: {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  listUnsubscribe?: string;
  /** Delivered by this process now; due for another one after this long unless it succeeds. Null: only stored. */
  leaseMs: number | null;
}): Sql => ({
  text: `INSERT INTO mail_outbox (to_address, subject, text_body, html_body, kind, list_unsubscribe, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + $7::int * interval '1 millisecond') RETURNING ${COLS}`,
  values: [m.to, m.subject, m.text, m.html ?? null, m.kind, m.listUnsubscribe ?? null, m.leaseMs],
});

/**
 * Claims up to `limit` messages that are due (a retry's time has come, or an instance died with
 * the message in hand): their due time moves ahead by the lease, so no other instance takes
 * them meanwhile. Older than two days: left alone, so turning SMTP on never sends stale mail.
 */
export const claimDue = (limit: number, leaseMs: number): Sql => ({
  text: `UPDATE mail_outbox SET next_attempt_at = now() + $2::int * interval '1 millisecond'
         WHERE id IN (SELECT id FROM mail_outbox
                      WHERE sent_at IS NULL AND next_attempt_at <= now()
                        AND created_at > now() - interval '2 days'
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLS}`,
  values: [limit, leaseMs],
});

export const markSent = (id: string): Sql => ({
  text: `UPDATE mail_outbox SET sent_at = now(), error = NULL, attempts = attempts + 1, next_attempt_at = NULL
         WHERE id = $1`,
  values: [id],
});

/** A failed delivery: retried after `retryInMs`, or never again when it is null. */
export const markFailed = (id: string, error: string, retryInMs: number | null): Sql => ({
  text: `UPDATE mail_outbox SET error = $2, attempts = attempts + 1,
           next_attempt_at = now() + $3::int * interval '1 millisecond'
         WHERE id = $1`,
  values: [id, error.slice(0, 1000), retryInMs],
});

/** Newest first; `to` narrows to one recipient (case-insensitive), `kind` to one cause. */
export const listMail = (opts: { limit: number; to?: string; kind?: string }): Sql => ({
  text: `SELECT ${COLS} FROM mail_outbox
         WHERE ($2::text IS NULL OR lower(to_address) = lower($2))
           AND ($3::text IS NULL OR kind = $3)
         ORDER BY created_at DESC, id DESC LIMIT $1`,
  values: [opts.limit, opts.to ?? null, opts.kind ?? null],
});
