/** HTTP helpers for hostile-input and fault tests: every request is bounded in time. */
import type { Queryable } from '../../server/db/index.ts';

export interface Timed {
  /** 0 when the request failed at the network level or timed out. */
  status: number;
  body: string;
  json: { error?: { code?: string; message?: string } } | undefined;
  headers: Headers | undefined;
  ms: number;
  /** Set when the request did not complete (network error or the time limit). */
  failure?: string;
}

/** A request that gives up after `timeoutMs` (a hang shows as status 0 and a failure, not a stuck test). */
export async function timed(url: string, init: RequestInit = {}, timeoutMs = 10_000): Promise<Timed> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    let json: Timed['json'];
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      try {
        json = JSON.parse(body) as Timed['json'];
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, body, json, headers: res.headers, ms: performance.now() - t };
  } catch (err) {
    const e = err as Error;
    return {
      status: 0,
      body: '',
      json: undefined,
      headers: undefined,
      ms: performance.now() - t,
      failure: `${e.name}: ${e.message}`,
    };
  }
}

export const timedGet = (url: string, timeoutMs?: number) => timed(url, {}, timeoutMs);

/**
 * What every answer to hostile input must be: a response within the time limit, never a 5xx,
 * and for 4xx a JSON error body with a stable snake_case code. Returns a description of the
 * violation, or null.
 */
export function violation(r: Timed): string | null {
  if (r.status === 0) return `no answer: ${r.failure}`;
  if (r.status >= 500) return `${r.status} ${r.body.slice(0, 200)}`;
  if (r.status >= 400) {
    const code = r.json?.error?.code;
    if (typeof code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(code))
      return `${r.status} without a JSON error code: ${r.body.slice(0, 200)}`;
    if (typeof r.json?.error?.message !== 'string') return `${r.status} ${code} without a message`;
  }
  return null;
}

/**
 * A fingerprint of the data a hostile request must not change: plot rows (every column but
 * the geometry columns, plus the geometry as WKB hex) and their versions. Equal fingerprints mean
 * equal data.
 */
export async function dataFingerprint(
  db: Queryable,
): Promise<{ plots: number; versions: number; sum: string }> {
  const [row] = await db.query<{ plots: number; versions: number; sum: string }>(`
    SELECT (SELECT count(*) FROM plots)::int AS plots,
           (SELECT count(*) FROM plot_versions)::int AS versions,
           md5(
             coalesce((SELECT string_agg(md5(p::text), '' ORDER BY p.id) FROM plots p), '') ||
             coalesce((SELECT string_agg(md5(v::text), '' ORDER BY v.plot_id, v.version) FROM plot_versions v), '')
           ) AS sum`);
  return row!;
}
