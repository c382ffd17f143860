import type { Response } from 'express';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import type { Logger } from '../log.ts';

/** What a timeline hears when a case of its project changes (sent by notifyProject). */
export interface ChangeNotice {
  project: string;
  department: string;
  case: string;
  event: string;
  stage: string;
}

/** Who listens: an applicant's project timeline, or a department's inbox (its handlers). */
export type Topic = { project: string } | { department: string };
const topicKey = (t: Topic) => ('project' in t ? `project:${t.project}` : `department:${t.department}`);

/**
 * Fans the database's `application_events` notifications out to the open timelines and inboxes
 * (SSE streams) of this instance. Every instance listens, so a handler's change made through one
 * instance reaches an applicant connected to another (PostgreSQL LISTEN/NOTIFY; on the embedded
 * database, which has one process, the notification stays in-process).
 */
/** The session a stream belongs to: the stream ends when it does. */
export interface StreamOwner {
  userId: string;
  tokenHash: string;
  /**
   * The company the session acted for when the stream was allowed: a switch to another company
   * ends the stream, and the browser's reconnect is checked against the new one. Absent: none
   * (staff, whose sessions act for no company).
   */
  company?: string | null;
}

export interface TimelineHub {
  /**
   * Streams the topic's changes to `res` as text/event-stream until the client leaves or the
   * owner's session ends (an `end` event, then the response closes). 429 too_many_streams when
   * the session already has MAX_STREAMS_PER_SESSION open on this instance.
   */
  stream(topic: Topic, res: Response, owner: StreamOwner): Promise<void>;
  /** Ends the streams whose session is gone or expired; resolves once checked (tests, reconnects). */
  recheck(): Promise<void>;
  /** Ends every open stream (at shutdown, so the server can close). */
  endAll(): void;
  close(): Promise<void>;
}

/** Comment lines this often keep proxies and the browser from dropping an idle stream. */
const HEARTBEAT_MS = 15_000;
/** A browser needs a few (tabs); more from one session is a leak or an attempt to hold sockets. */
export const MAX_STREAMS_PER_SESSION = 8;
/**
 * The sessions_ended notification ends streams at once; this sweep is the net under it: expiry
 * (no row is deleted when a session runs out), a disabled flag set without deleting sessions, and
 * notifications lost while PostgreSQL's listening connection was away.
 */
const RECHECK_MS = 30_000;

interface OpenStream {
  res: Response;
  owner: StreamOwner;
}

export function createTimelineHub(db: Db, log: Logger, opts: { recheckMs?: number } = {}): TimelineHub {
  const subscribers = new Map<string, Set<(n: ChangeNotice) => void>>();
  const open = new Set<OpenStream>();
  const perSession = new Map<string, number>();
  let listening: Promise<() => Promise<void>> | null = null;
  let sessionsListening: Promise<() => Promise<void>> | null = null;

  const endStream = (s: OpenStream) => {
    if (s.res.writableEnded) return;
    s.res.write('event: end\ndata: {"reason":"session_ended"}\n\n');
    s.res.end();
  };

  /** Ends the given streams whose session no longer lets its user in. */
  async function checkSessions(streams: OpenStream[]): Promise<void> {
    if (!streams.length) return;
    const hashes = [...new Set(streams.map((s) => s.owner.tokenHash))];
    const live = await db.query<{ token_hash: string; company: string | null }>(
      `SELECT s.token_hash, s.company_business_id AS company FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND NOT u.disabled`,
      [hashes],
    );
    const company = new Map(live.map((r) => [r.token_hash, r.company]));
    for (const s of streams)
      if (!company.has(s.owner.tokenHash) || company.get(s.owner.tokenHash) !== (s.owner.company ?? null))
        endStream(s);
  }
  const checkQuietly = (streams: OpenStream[]) =>
    checkSessions(streams).catch((err: unknown) => log.warn({ err }, 'stream session check failed'));
  const recheckAll = () => checkQuietly([...open]);

  const ensureSessionsListening = () =>
    (sessionsListening ??= db.listen(
      'sessions_ended',
      (userId) => void checkQuietly([...open].filter((s) => s.owner.userId === userId)),
      { onReconnect: () => void recheckAll() },
    ));
  const sweep = setInterval(() => void (open.size && recheckAll()), opts.recheckMs ?? RECHECK_MS);
  sweep.unref();

  const ensureListening = () =>
    (listening ??= db.listen('application_events', (payload) => {
      let n: ChangeNotice;
      try {
        n = JSON.parse(payload) as ChangeNotice;
      } catch {
        log.warn({ payload }, 'unreadable application_events payload');
        return;
      }
      for (const cb of subscribers.get(topicKey({ project: n.project })) ?? []) cb(n);
      // Drafts are the applicant's own until submitted: a department hears of nothing before.
      if (n.stage !== 'draft')
        for (const cb of subscribers.get(topicKey({ department: n.department })) ?? []) cb(n);
    }));

  return {
    async stream(topic, res, owner) {
      const key = topicKey(topic);
      const count = perSession.get(owner.tokenHash) ?? 0;
      if (count >= MAX_STREAMS_PER_SESSION)
        throw new HttpError(
          429,
          'too_many_streams',
          `At most ${MAX_STREAMS_PER_SESSION} live streams may be open per session; close one first.`,
          { value: count, limit: MAX_STREAMS_PER_SESSION },
        );
      // Counted before any await, so parallel opens cannot all slip under the cap.
      perSession.set(owner.tokenHash, count + 1);
      const entry: OpenStream = { res, owner };
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const n = (perSession.get(owner.tokenHash) ?? 1) - 1;
        if (n > 0) perSession.set(owner.tokenHash, n);
        else perSession.delete(owner.tokenHash);
      };
      try {
        await Promise.all([ensureListening(), ensureSessionsListening()]);
      } catch (err) {
        release();
        throw err;
      }
      if (res.closed) return release();
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      // no-transform keeps the compression middleware from buffering the stream.
      res.setHeader('Cache-Control', 'no-store, no-transform');
      res.setHeader('X-Accel-Buffering', 'no');
      res.setHeader('Connection', 'keep-alive');
      res.flushHeaders();
      res.write('retry: 3000\n: connected\n\n');
      const send = (n: ChangeNotice) => {
        res.write(
          `id: ${n.event}\nevent: change\ndata: ${JSON.stringify({ case: n.case, stage: n.stage, event: n.event })}\n\n`,
        );
      };
      let set = subscribers.get(key);
      if (!set) subscribers.set(key, (set = new Set()));
      set.add(send);
      open.add(entry);
      const beat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      beat.unref();
      res.on('close', () => {
        clearInterval(beat);
        open.delete(entry);
        release();
        set.delete(send);
        if (set.size === 0) subscribers.delete(key);
      });
      // The session was checked before this stream listened: a logout in between went unheard.
      void checkQuietly([entry]);
    },
    recheck: recheckAll,
    endAll() {
      for (const s of open) s.res.end();
    },
    async close() {
      clearInterval(sweep);
      this.endAll();
      if (listening) await (await listening)();
      if (sessionsListening) await (await sessionsListening)();
    },
  };
}
