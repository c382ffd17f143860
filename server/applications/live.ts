import type { Response } from 'express';
import type { Db } from '../db/index.ts';
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
export interface TimelineHub {
  /** Streams the topic's changes to `res` as text/event-stream until the client leaves. */
  stream(topic: Topic, res: Response): Promise<void>;
  /** Ends every open stream (at shutdown, so the server can close). */
  endAll(): void;
  close(): Promise<void>;
}

/** Comment lines this often keep proxies and the browser from dropping an idle stream. */
const HEARTBEAT_MS = 15_000;

export function createTimelineHub(db: Db, log: Logger): TimelineHub {
  const subscribers = new Map<string, Set<(n: ChangeNotice) => void>>();
  const open = new Set<Response>();
  let listening: Promise<() => Promise<void>> | null = null;

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
    async stream(topic, res) {
      const key = topicKey(topic);
      await ensureListening();
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
      open.add(res);
      const beat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      beat.unref();
      res.on('close', () => {
        clearInterval(beat);
        open.delete(res);
        set.delete(send);
        if (set.size === 0) subscribers.delete(key);
      });
    },
    endAll() {
      for (const res of open) res.end();
    },
    async close() {
      this.endAll();
      if (listening) await (await listening)();
    },
  };
}
