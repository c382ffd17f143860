import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { onFrames, send, toWireError, type Request } from './local-frames.ts';
import type { Db, Queryable } from './types.ts';

/**
 * The server's side of the local-tools socket: `npm run create-admin`, `import-plots`, `seed`
 * and the like, run while the server has the embedded folder open, send their statements here
 * and the server runs them on its own engine, so there is one writer of the files. A Unix socket
 * with mode 0600 in (or named after) the data folder: reachable only by the folder's owner, who
 * can read the database files anyway; never a network port.
 */

/** A tool's transaction holds the engine: one that goes quiet this long is rolled back. */
const IDLE_IN_TRANSACTION_MS = 120_000;

/** Unix socket paths are limited to about 107 bytes; a deep folder gets one in the temp folder. */
export function toolSocketPath(dataDir: string): string {
  const inside = path.join(path.resolve(dataDir), 'tools.sock');
  if (Buffer.byteLength(inside) <= 100) return inside;
  const h = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `tonttiluukku-${h}.sock`);
}

class Abandoned extends Error {}
class RolledBack extends Error {}

export async function serveLocalTools(
  db: Pick<Db, 'query' | 'exec' | 'transaction' | 'capabilities'>,
  socketPath: string,
): Promise<{ close(): Promise<void> }> {
  fs.rmSync(socketPath, { force: true }); // left by a server that was killed
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // a tool that dies mid-message: its socket just closes
    void session(socket, db);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(socketPath, { force: true });
    },
  };
}

/** One tool connection: its requests run one after another; begin..commit holds the engine. */
async function session(socket: net.Socket, db: Pick<Db, 'query' | 'exec' | 'transaction' | 'capabilities'>) {
  const inbox: Request[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  onFrames(socket, (m) => {
    inbox.push(m as Request);
    wake?.();
  });
  socket.on('close', () => {
    closed = true;
    wake?.();
  });
  const next = async (timeoutMs?: number): Promise<Request | undefined> => {
    const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
    while (!inbox.length && !closed) {
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      // One timer per wait, cleared when a message comes: a long transaction waits thousands of times.
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((r) => {
        wake = r;
        if (left !== Infinity) timer = setTimeout(r, left).unref();
      });
      clearTimeout(timer);
      wake = undefined;
    }
    return inbox.shift();
  };
  const run = async (m: Request, q: Queryable) => {
    try {
      if (m.op === 'query') send(socket, { id: m.id, ok: true, rows: await q.query(m.text, m.values) });
      else if (m.op === 'exec') {
        await q.exec(m.text);
        send(socket, { id: m.id, ok: true });
      } else if (m.op === 'hello')
        send(socket, { id: m.id, ok: true, hello: { capabilities: db.capabilities } });
      else send(socket, { id: m.id, ok: false, error: { message: `unexpected ${m.op}` } });
    } catch (err) {
      send(socket, { id: m.id, ok: false, error: toWireError(err) });
    }
  };
  for (;;) {
    const m = await next();
    if (!m) return;
    if (m.op !== 'begin') {
      await run(m, db);
      continue;
    }
    let endId = m.id;
    try {
      await db.transaction(async (tx) => {
        send(socket, { id: m.id, ok: true });
        for (;;) {
          const t = await next(IDLE_IN_TRANSACTION_MS);
          if (!t) throw new Abandoned();
          endId = t.id;
          if (t.op === 'commit') return;
          if (t.op === 'rollback') throw new RolledBack();
          await run(t, tx);
        }
      });
      send(socket, { id: endId, ok: true });
    } catch (err) {
      if (err instanceof Abandoned) {
        socket.destroy();
        return;
      }
      if (err instanceof RolledBack) send(socket, { id: endId, ok: true });
      else send(socket, { id: endId, ok: false, error: toWireError(err) });
    }
  }
}
