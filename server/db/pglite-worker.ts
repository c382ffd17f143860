/**
 * The worker thread that owns the embedded engine (started by pglite-thread.ts). PGlite's
 * engine is synchronous WebAssembly: run on the HTTP thread, every statement stops all requests
 * for its duration. Here it blocks only this thread. Tile encoding runs here too, next to the
 * statement whose text it reads, and the local-tools socket is served from here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeTile } from '../tiles/encode.ts';
import { Lanes } from './lanes.ts';
import { openPglite } from './pglite.ts';
import type { Db, Queryable } from './types.ts';
import { toWireError } from './local-frames.ts';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol.ts';

const port = parentPort!;
const start = workerData as WorkerStart;
const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

class RolledBack extends Error {}

/** Statements of one open transaction, in the order the HTTP thread sent them. */
interface Session {
  inbox: ToWorker[];
  wake?: () => void;
}

let socket: string | undefined;
let db: Db;
try {
  db = await openPglite(start.dataDir, {
    serveLocalTools: start.serveLocalTools,
    onSocket: (s) => (socket = s),
  });
} catch (err) {
  post({ type: 'failed', error: toWireError(err) });
  process.exit(1);
}

const sessions = new Map<number, Session>();
const lanes = new Lanes();
const unlisteners = new Map<number, () => Promise<void>>();

async function run(m: ToWorker, q: Queryable): Promise<void> {
  try {
    if (m.op === 'query') post({ type: 'reply', id: m.id, ok: true, rows: await q.query(m.text, m.values) });
    else if (m.op === 'exec') {
      await q.exec(m.text);
      post({ type: 'reply', id: m.id, ok: true });
    } else if (m.op === 'tile') {
      const [row] = await q.query<Record<string, string | null>>(m.text, m.values);
      const out = encodeTile({ z: m.z, x: m.x, y: m.y }, row ?? {});
      // A tight copy: the encoder's buffer may be a view of a larger one, and it is handed over whole.
      const bytes = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : out.slice();
      post({ type: 'reply', id: m.id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]);
    } else post({ type: 'reply', id: m.id, ok: false, error: { message: `unexpected ${m.op}` } });
  } catch (err) {
    post({ type: 'reply', id: m.id, ok: false, error: toWireError(err) });
  }
}

/** Holds PGlite's transaction open until the HTTP thread commits or rolls back. */
async function transaction(begin: { id: number; tx: number }): Promise<void> {
  const s: Session = { inbox: [] };
  sessions.set(begin.tx, s);
  const next = async () => {
    while (!s.inbox.length) await new Promise<void>((r) => (s.wake = r));
    return s.inbox.shift()!;
  };
  let endId = begin.id;
  try {
    await db.transaction(async (tx) => {
      post({ type: 'reply', id: begin.id, ok: true });
      for (;;) {
        const m = await next();
        endId = m.id;
        if (m.op === 'commit') return;
        if (m.op === 'rollback') throw new RolledBack();
        await run(m, tx);
      }
    });
    post({ type: 'reply', id: endId, ok: true });
  } catch (err) {
    if (err instanceof RolledBack) post({ type: 'reply', id: endId, ok: true });
    else post({ type: 'reply', id: endId, ok: false, error: toWireError(err) });
  } finally {
    sessions.delete(begin.tx);
  }
}

port.on('message', (m: ToWorker) => {
  if ('tx' in m && m.tx !== undefined && m.op !== 'begin') {
    const s = sessions.get(m.tx);
    // Only after a restart: the transaction belonged to the engine that stopped.
    if (!s)
      return post({
        type: 'reply',
        id: m.id,
        ok: false,
        error: { message: 'Connection terminated: the transaction was lost', code: 'ECONNRESET' },
      });
    s.inbox.push(m);
    s.wake?.();
    return;
  }
  switch (m.op) {
    case 'begin':
      return void transaction(m);
    case 'listen':
      return void db
        .listen(m.channel, (payload) => post({ type: 'notify', sub: m.sub, payload }))
        .then(
          (unlisten) => {
            unlisteners.set(m.sub, unlisten);
            post({ type: 'reply', id: m.id, ok: true });
          },
          (err) => post({ type: 'reply', id: m.id, ok: false, error: toWireError(err) }),
        );
    case 'unlisten': {
      const unlisten = unlisteners.get(m.sub);
      unlisteners.delete(m.sub);
      return void (unlisten ?? (async () => {}))().then(
        () => post({ type: 'reply', id: m.id, ok: true }),
        (err) => post({ type: 'reply', id: m.id, ok: false, error: toWireError(err) }),
      );
    }
    case 'close':
      return void db.close().then(
        () => post({ type: 'reply', id: m.id, ok: true }),
        (err) => post({ type: 'reply', id: m.id, ok: false, error: toWireError(err) }),
      );
    default:
      return void lanes.run(m.op === 'tile' ? 0 : 1, () => run(m, db));
  }
});

post({ type: 'ready', capabilities: db.capabilities, socket });
