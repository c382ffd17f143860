import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { claimDue, insertMail, markFailed, markSent, type OutboxRow } from './sql.ts';

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
   * retried from the table (by any instance, also after a restart); they never reach the caller.
   */
  send(msg: MailMessage): Promise<void>;
  /**
   * Checks the table for due messages now and resolves when the deliveries that check started
   * (and any already running) have ended: an operator's "retry now", and how a test knows that
   * a check happened instead of waiting for the next interval.
   */
  checkNow(): Promise<void>;
  /** Stops looking for due messages, waits (a bounded time) for deliveries in progress, closes SMTP. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** Waits before each retry after a failed delivery, in milliseconds; its length is the retry count. */
  retryDelaysMs?: readonly number[];
  /** How often the table is checked for due messages (retries, and those a stopped instance left). */
  sweepEveryMs?: number;
  /** How long a delivery may take before another instance may try the message again. */
  leaseMs?: number;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** Header values on one line: a newline in a subject must not start a new header. */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();
/** Messages claimed per check: a backlog drains over a few checks instead of in one burst. */
const CLAIM_BATCH = 20;

export function createMailer(config: Config, db: Db, log: Logger, opts: MailerOptions = {}): Mailer {
  const retryDelays = opts.retryDelaysMs ?? [2_000, 15_000, 60_000];
  const leaseMs = opts.leaseMs ?? 120_000;
  // SMTP waits bounded well inside the lease, so a delivery never outlives its claim.
  const transport = config.smtpUrl
    ? nodemailer.createTransport({
        url: config.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  async function deliver(row: OutboxRow): Promise<void> {
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
      log.warn({ mailId: row.id, attempt: row.attempts + 1, err: message }, 'mail delivery failed');
      // row.attempts counts the deliveries before this one: it indexes this failure's wait.
      const f = markFailed(row.id, message, retryDelays[row.attempts] ?? null);
      await db.query(f.text, f.values).catch(() => {});
    }
  }

  // One check at a time; a caller arriving during one shares it.
  let sweeping: Promise<void> | null = null;
  function sweep(): Promise<void> {
    if (closed) return Promise.resolve();
    sweeping ??= (async () => {
      try {
        const c = claimDue(CLAIM_BATCH, leaseMs);
        for (const row of await db.query<OutboxRow>(c.text, c.values)) track(deliver(row));
      } catch (err) {
        // The database may be away for a moment; the next check tries again.
        log.debug({ err }, 'mail outbox check failed');
      } finally {
        sweeping = null;
      }
    })();
    return sweeping;
  }
  const timer = transport ? setInterval(() => void sweep(), opts.sweepEveryMs ?? 5_000) : undefined;
  timer?.unref();
  // What a stopped instance left undelivered goes out now, not after the first interval.
  if (transport) track(sweep());

  return {
    async send(msg) {
      const to = msg.to.trim();
      const valid = EMAIL.test(to);
      const s = insertMail({
        ...msg,
        to,
        subject: oneLine(msg.subject),
        leaseMs: transport && valid ? leaseMs : null,
      });
      const [row] = await db.query<OutboxRow>(s.text, s.values);
      if (!row) return;
      if (!valid) {
        const f = markFailed(row.id, 'invalid recipient address', null);
        await db.query(f.text, f.values);
        return;
      }
      track(deliver(row));
    },
    async checkNow() {
      if (!transport) return;
      await sweep();
      await Promise.allSettled([...inFlight]);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      // A stuck SMTP server must not hold up shutdown: wait at most 5 s. What is cut short
      // stays due in the table and goes out from the next instance that checks.
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((r) => setTimeout(r, 5_000).unref()),
      ]);
      transport?.close();
    },
  };
}
