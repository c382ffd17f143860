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
}): Sql => ({
  text: `INSERT INTO mail_outbox (to_address, subject, text_body, html_body, kind, list_unsubscribe)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLS}`,
  values: [m.to, m.subject, m.text, m.html ?? null, m.kind, m.listUnsubscribe ?? null],
});

export const markSent = (id: string): Sql => ({
  text: `UPDATE mail_outbox SET sent_at = now(), error = NULL, attempts = attempts + 1 WHERE id = $1`,
  values: [id],
});

export const markFailed = (id: string, error: string): Sql => ({
  text: `UPDATE mail_outbox SET error = $2, attempts = attempts + 1 WHERE id = $1`,
  values: [id, error.slice(0, 1000)],
});

/** Newest first; `to` narrows to one recipient (case-insensitive), `kind` to one cause. */
export const listMail = (opts: { limit: number; to?: string; kind?: string }): Sql => ({
  text: `SELECT ${COLS} FROM mail_outbox
         WHERE ($2::text IS NULL OR lower(to_address) = lower($2))
           AND ($3::text IS NULL OR kind = $3)
         ORDER BY created_at DESC, id DESC LIMIT $1`,
  values: [opts.limit, opts.to ?? null, opts.kind ?? null],
});
