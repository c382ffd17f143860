import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { insertMail, markFailed, markSent, type OutboxRow } from './sql.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** What caused the message ('application.stage', 'alert.match', ...): shown in the outbox. */
  kind: string;
  /**
   * For mails about a subscription: the address that ends it on a POST (no sign-in). Sent as
   * List-Unsubscribe with one-click List-Unsubscribe-Post, so mail clients show their own button.
   */
  listUnsubscribe?: string;
}

export interface Mailer {
  /**
   * Stores the message in mail_outbox and returns; delivery over SMTP (when SMTP_URL is set)
   * happens afterwards, so a slow or absent mail server never holds up a request. Rejects only
   * when the database cannot store the message. Delivery failures are recorded on the row and
   * retried; they never reach the caller.
   */
  send(msg: MailMessage): Promise<void>;
  /** Waits (a bounded time) for deliveries in progress, cancels pending retries, closes SMTP. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** Waits before each retry after a failed delivery, in milliseconds; its length is the retry count. */
  retryDelaysMs?: readonly number[];
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** Header values on one line: a newline in a subject must not start a new header. */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();

export function createMailer(config: Config, db: Db, log: Logger, opts: MailerOptions = {}): Mailer {
  const retryDelays = opts.retryDelaysMs ?? [2_000, 15_000, 60_000];
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  async function deliver(row: OutboxRow, attempt: number): Promise<void> {
    if (!transport || closed) return;
    try {
      await transport.sendMail({
        from: config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body ? { html: row.html_body } : {}),
        headers: {
          'X-Tonttiluukku-Kind': row.kind,
          ...(row.list_unsubscribe ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
        ...(row.list_unsubscribe ? { list: { unsubscribe: row.list_unsubscribe } } : {}),
      });
      const s = markSent(row.id);
      await db.query(s.text, s.values);
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      log.warn({ mailId: row.id, attempt, err: message }, 'mail delivery failed');
      const f = markFailed(row.id, message);
      await db.query(f.text, f.values).catch(() => {});
      const wait = retryDelays[attempt];
      if (wait === undefined || closed) return;
      const t = setTimeout(() => {
        timers.delete(t);
        track(deliver(row, attempt + 1));
      }, wait);
      t.unref();
      timers.add(t);
    }
  }

  return {
    async send(msg) {
      const to = msg.to.trim();
      const s = insertMail({ ...msg, to, subject: oneLine(msg.subject) });
      const [row] = await db.query<OutboxRow>(s.text, s.values);
      if (!row) return;
      if (!EMAIL.test(to)) {
        const f = markFailed(row.id, 'invalid recipient address');
        await db.query(f.text, f.values);
        return;
      }
      track(deliver(row, 0));
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      // A stuck SMTP server must not hold up shutdown: wait at most 5 s.
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((r) => setTimeout(r, 5_000).unref()),
      ]);
      transport?.close();
    },
  };
}
