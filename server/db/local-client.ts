import net from 'node:net';
import { streamKeyset } from './keyset-stream.ts';
import { fromWireError, onFrames, send, type Reply, type Request } from './local-frames.ts';
import type { Capabilities, Db, Queryable } from './types.ts';

type Outgoing = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
type Ask = (m: Outgoing) => Promise<Reply & { ok: true }>;

/** One socket to the server; requests are answered in order, matched by id. */
async function connect(socketPath: string): Promise<{ ask: Ask; end(): void }> {
  const socket = net.createConnection(socketPath);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const pending = new Map<
    number,
    { resolve: (r: Reply & { ok: true }) => void; reject: (e: Error) => void }
  >();
  let seq = 0;
  let gone: Error | undefined;
  onFrames(socket, (msg) => {
    const r = msg as Reply;
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if (r.ok) p.resolve(r);
    else p.reject(fromWireError(r.error));
  });
  const fail = (err: Error) => {
    gone ??= Object.assign(new Error(`the server closed the connection to its database (${err.message})`), {
      code: 'ECONNRESET',
    });
    for (const p of pending.values()) p.reject(gone);
    pending.clear();
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('closed')));
  return {
    ask(m) {
      if (gone) return Promise.reject(gone);
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send(socket, { ...m, id } as Request);
      });
    },
    end: () => socket.end(),
  };
}

function queryable(ask: Ask): Queryable {
  return {
    async query(text, values) {
      return ((await ask({ op: 'query', text, values: values ? [...values] : undefined })).rows ??
        []) as never[];
    },
    async exec(text) {
      await ask({ op: 'exec', text });
    },
  };
}

/**
 * The embedded database of a running server, reached through its local-tools socket: the same
 * Db interface, so a command-line tool does not know the difference. Each transaction has a
 * connection of its own, so statements outside it wait for it as they would in the server.
 */
export async function connectToServer(socketPath: string): Promise<Db> {
  const main = await connect(socketPath);
  const hello = await main.ask({ op: 'hello' });
  const q = queryable(main.ask);
  return {
    kind: 'pglite',
    capabilities: hello.hello!.capabilities as Capabilities,
    ...q,
    async transaction(fn) {
      const c = await connect(socketPath);
      try {
        await c.ask({ op: 'begin' });
        let result;
        try {
          result = await fn(queryable(c.ask));
        } catch (err) {
          await c.ask({ op: 'rollback' }).catch(() => {});
          throw err;
        }
        await c.ask({ op: 'commit' });
        return result;
      } finally {
        c.end();
      }
    },
    stream(text, values, opts) {
      return streamKeyset(q, text, values, opts);
    },
    async listen() {
      throw new Error('notifications are not available to command-line tools working through the server');
    },
    async close() {
      main.end();
    },
  };
}

/** True when something answers on the socket (a server killed hard leaves the file behind). */
export async function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection(socketPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
