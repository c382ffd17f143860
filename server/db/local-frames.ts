import type { Socket } from 'node:net';
import v8 from 'node:v8';

/**
 * Messages between the server holding an embedded folder and local tools, over its Unix socket:
 * a 4-byte length, then a structured-clone payload (v8.serialize), so dates, byte arrays and
 * big integers in parameters and rows cross unchanged, as they would in-process.
 */
export type Request =
  | { id: number; op: 'query'; text: string; values?: readonly unknown[] }
  | { id: number; op: 'exec'; text: string }
  | { id: number; op: 'begin' | 'commit' | 'rollback' | 'hello' };

export type Reply =
  | { id: number; ok: true; rows?: unknown[]; hello?: { capabilities: unknown } }
  | { id: number; ok: false; error: WireError };

/** What tools need of a database error: its message and SQLSTATE-like fields. */
export interface WireError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** Frames larger than this are refused: a tool sends statements, not files. */
const MAX_FRAME = 512 * 1024 * 1024;

export function send(socket: Socket, msg: Request | Reply): void {
  const body = v8.serialize(msg);
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(body.length);
  socket.write(Buffer.concat([head, body]));
}

/** Calls onMessage for each whole frame read from the socket; a broken frame ends the socket. */
export function onFrames(socket: Socket, onMessage: (msg: unknown) => void): void {
  let buf: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    while (buf.length >= 4) {
      const len = buf.readUInt32BE(0);
      if (len > MAX_FRAME) {
        socket.destroy(new Error('frame too large'));
        return;
      }
      if (buf.length < 4 + len) break;
      const body = buf.subarray(4, 4 + len);
      buf = buf.subarray(4 + len);
      let msg: unknown;
      try {
        msg = v8.deserialize(body);
      } catch {
        socket.destroy(new Error('unreadable frame'));
        return;
      }
      onMessage(msg);
    }
  });
}

/** Every string field of a database error (code, detail, constraint...) crosses with it. */
export function toWireError(err: unknown): WireError {
  const e = err as Record<string, unknown> | undefined;
  const out: WireError = { message: String(e?.message ?? err) };
  if (e && typeof e === 'object')
    for (const [k, v] of Object.entries(e))
      if (typeof v === 'string' && k !== 'stack' && k !== 'message')
        (out as unknown as Record<string, string>)[k] = v;
  return out;
}

export function fromWireError(w: WireError): Error {
  return Object.assign(new Error(w.message), w);
}
