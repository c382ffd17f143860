import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromWireError } from './local-frames.ts';
import { streamKeyset } from './keyset-stream.ts';
import { DbStartupError, type Capabilities, type Db, type Queryable } from './types.ts';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol.ts';

/**
 * The embedded engine in a worker thread, behind the same Db interface: the HTTP thread only
 * sends statements and receives rows, so cached tiles and every request that needs no database
 * keep running while a statement (or a tile's encoding) does. A worker that dies answers what
 * was in flight, and everything until its replacement is ready, with a connection error (the
 * API's 503 database_unavailable), and is started again on the same folder.
 */

// The worker is TypeScript: it needs the tsx loader whichever way this process was started
// (tsx, node --import tsx, or a vitest fork whose own transform a worker does not inherit).
// Node 20 does not apply `--import` in a worker's execArgv, so the worker registers it first.
// (Resolved by require, which finds the CommonJS build; the worker imports its ESM twin.)
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const WORKER_URL = new URL('./pglite-worker.ts', import.meta.url).href;
const BOOT = `import(${JSON.stringify(TSX_API)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER_URL)}); })`;
const RESTART_DELAYS_MS = [0, 1_000, 2_000, 5_000, 10_000, 30_000];

/** Test hook: stops the worker as a crash would (the key survives the spreads of wrappers). */
export const CRASH_WORKER = Symbol.for('tonttiluukku.crashEmbeddedWorker');

type Outgoing = ToWorker extends infer M ? (M extends ToWorker ? Omit<M, 'id'> : never) : never;
type Reply = FromWorker & { type: 'reply'; ok: true };

const unavailable = (why: string) =>
  Object.assign(new Error(`Connection terminated: the embedded database ${why}`), { code: 'ECONNRESET' });

interface Sub {
  channel: string;
  onPayload: (payload: string) => void;
  onReconnect?: () => void;
}

export async function openPgliteThread(
  dataDir: string,
  opts: { serveLocalTools?: boolean; onSocket?: (socketPath: string) => void } = {},
): Promise<Db & { [CRASH_WORKER]: () => Promise<void> }> {
  const start: WorkerStart = { dataDir, serveLocalTools: !!opts.serveLocalTools };
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  const subs = new Map<number, Sub>();
  let seq = 0;
  let worker: Worker | undefined; // set while one is ready
  let closing = false;
  let restarts = 0;

  const settle = (r: FromWorker & { type: 'reply' }) => {
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (!pending.size) worker?.unref();
    if (r.ok) p.resolve(r);
    else p.reject(fromWireError(r.error));
  };

  /** Starts a worker; resolves once its engine is open, rejects with its start-up error. */
  const spawn = () =>
    new Promise<{ w: Worker; capabilities: Capabilities; socket?: string }>((resolve, reject) => {
      const w = new Worker(BOOT, { eval: true, workerData: start });
      let ready = false;
      w.on('message', (m: FromWorker) => {
        if (m.type === 'reply') settle(m);
        else if (m.type === 'notify') subs.get(m.sub)?.onPayload(m.payload);
        else if (m.type === 'ready') {
          ready = true;
          resolve({ w, capabilities: m.capabilities, socket: m.socket });
        } else reject(new DbStartupError(m.error.message));
      });
      w.on('error', (err) => {
        if (!ready) reject(err);
      });
      w.on('exit', (code) => {
        if (!ready)
          return reject(new DbStartupError(`the embedded database stopped while opening (exit ${code})`));
        if (worker !== w) return;
        worker = undefined;
        const err = unavailable(closing ? 'was closed' : `stopped (exit ${code}) and is restarting`);
        for (const p of pending.values()) p.reject(err);
        pending.clear();
        if (!closing) void restart();
      });
    });

  const restart = async () => {
    for (;;) {
      await new Promise((r) =>
        setTimeout(r, RESTART_DELAYS_MS[Math.min(restarts++, RESTART_DELAYS_MS.length - 1)]),
      );
      if (closing) return;
      try {
        const { w } = await spawn();
        if (closing) return void (await w.terminate());
        worker = w;
        w.unref();
        restarts = 0;
        // The new engine has no listeners: subscribe again, then let each re-read what it tracks.
        for (const [sub, s] of subs) await ask({ op: 'listen', sub, channel: s.channel }).catch(() => {});
        for (const s of subs.values()) s.onReconnect?.();
        return;
      } catch {
        // tried again after the next delay; requests meanwhile answer 503
      }
    }
  };

  const ask = (m: Outgoing, transfer?: ArrayBuffer[]): Promise<Reply> => {
    const w = worker;
    if (!w) return Promise.reject(unavailable(closing ? 'was closed' : 'is restarting'));
    const id = ++seq;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Referenced only while it owes an answer, so a tool that forgets close() still exits.
      w.ref();
      w.postMessage({ ...m, id }, transfer);
    });
  };

  const queryable = (tx?: number): Queryable => ({
    async query(text, values) {
      return ((await ask({ op: 'query', text, values: values ? [...values] : undefined, tx })).rows ??
        []) as never[];
    },
    async exec(text) {
      await ask({ op: 'exec', text, tx });
    },
  });

  const first = await spawn();
  worker = first.w;
  worker.unref();
  if (first.socket) opts.onSocket?.(first.socket);
  const q = queryable();
  let txSeq = 0;
  let subSeq = 0;
  return {
    kind: 'pglite',
    capabilities: first.capabilities,
    ...q,
    async transaction(fn) {
      const tx = ++txSeq;
      await ask({ op: 'begin', tx });
      let result;
      try {
        result = await fn(queryable(tx));
      } catch (err) {
        await ask({ op: 'rollback', tx }).catch(() => {});
        throw err;
      }
      await ask({ op: 'commit', tx });
      return result;
    },
    stream(text, values, o) {
      return streamKeyset(q, text, values, o);
    },
    async encodeGeojsonTile(text, values, a) {
      const r = await ask({ op: 'tile', text, values: [...values], z: a.z, x: a.x, y: a.y });
      return r.bytes ?? new Uint8Array(0);
    },
    async listen(channel, onPayload, o) {
      const sub = ++subSeq;
      subs.set(sub, { channel, onPayload, onReconnect: o?.onReconnect });
      try {
        await ask({ op: 'listen', sub, channel });
      } catch (err) {
        subs.delete(sub);
        throw err;
      }
      return async () => {
        subs.delete(sub);
        await ask({ op: 'unlisten', sub }).catch(() => {});
      };
    },
    async close() {
      if (closing) return;
      const w = worker;
      // Asked before closing is set: the worker closes the engine and the tools socket itself.
      await ask({ op: 'close' }).catch(() => {});
      closing = true;
      await w?.terminate();
    },
    async [CRASH_WORKER]() {
      await worker?.terminate();
    },
  };
}
