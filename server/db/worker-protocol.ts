/**
 * Messages between the HTTP thread and the worker thread that owns the embedded engine, over
 * the worker's MessagePort (structured clone: dates, byte arrays and big integers cross as they
 * are). `tx` names a transaction the worker holds open between `begin` and `commit`/`rollback`,
 * as the local-tools socket does (local-host.ts), so other statements wait for it.
 */
import type { WireError } from './local-frames.ts';
import type { Capabilities } from './types.ts';

export type ToWorker =
  | { id: number; op: 'query'; text: string; values?: readonly unknown[]; tx?: number }
  | { id: number; op: 'exec'; text: string; tx?: number }
  | { id: number; op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'tile'; text: string; values: readonly unknown[]; z: number; x: number; y: number }
  | { id: number; op: 'listen'; sub: number; channel: string }
  | { id: number; op: 'unlisten'; sub: number }
  | { id: number; op: 'close' };

export type FromWorker =
  | { type: 'ready'; capabilities: Capabilities; socket?: string }
  | { type: 'failed'; error: WireError }
  | { type: 'notify'; sub: number; payload: string }
  | { type: 'reply'; id: number; ok: true; rows?: unknown[]; bytes?: Uint8Array }
  | { type: 'reply'; id: number; ok: false; error: WireError };

export interface WorkerStart {
  dataDir: string;
  serveLocalTools: boolean;
}
