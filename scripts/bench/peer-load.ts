/**
 * The two load generators of the peer benchmark, the same for both servers: wrk with a Lua
 * script sending OGC API items requests for random bboxes, and a keep-alive Node client fetching a
 * list of tiles with a few connections in flight.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number; // non-2xx answers and socket errors
}

const toMs = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? NaN);

/**
 * Items for random bboxes: each request takes a centre from `centres` (lon, lat of published
 * plots), moves it by up to half a box and asks for the `w` x `h` degree box around it, so the
 * boxes are all different (no answer or count can come from a cache) yet always over the data.
 * The Lua generator is seeded alike for both servers, so both get the same sequence of boxes.
 */
export async function wrkItems(opts: {
  wrk: string;
  base: string; // http://127.0.0.1:port
  pathPrefix: string; // ends in `bbox=`
  centres: Array<[number, number]>;
  w: number;
  h: number;
  clients: number;
  durationS: number;
}): Promise<WrkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-peer-wrk-'));
  const script = path.join(dir, 'items.lua');
  fs.writeFileSync(
    script,
    `local centres = {${opts.centres.map(([x, y]) => `{${x},${y}}`).join(',')}}
local prefix = ${JSON.stringify(opts.pathPrefix)}
local w, h = ${opts.w}, ${opts.h}
local n = 0
function setup(thread) thread:set("tid", n); n = n + 1 end
function init(args) math.randomseed(20240 + tid) end
function request()
  local c = centres[math.random(#centres)]
  local x = c[1] + (math.random() - 0.5) * w
  local y = c[2] + (math.random() - 0.5) * h
  return wrk.format(nil, string.format("%s%.6f,%.6f,%.6f,%.6f", prefix, x - w / 2, y - h / 2, x + w / 2, y + h / 2))
end
`,
  );
  try {
    const { stdout } = await promisify(execFile)(
      opts.wrk,
      [
        '-t1',
        `-c${opts.clients}`,
        `-d${opts.durationS}s`,
        '--timeout',
        '10s',
        '--latency',
        '-s',
        script,
        `${opts.base}/`,
      ],
      { encoding: 'utf8', timeout: (opts.durationS + 30) * 1000 },
    );
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
    if (!rps) throw new Error(`wrk printed no rate:\n${stdout}`);
    const pct = (p: string) => {
      const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\b`, 'm').exec(stdout);
      return m ? toMs(m[1]!, m[2]!) : NaN;
    };
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
    const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    const sockErrors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
    return { rps: Number(rps[1]), p50Ms: pct('50'), p99Ms: pct('99'), errors: non2xx + sockErrors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Fetched {
  status: number;
  ms: number;
  body: Buffer;
}

/** GET with a keep-alive agent; the whole body is read. */
export function get(agent: http.Agent, url: string): Promise<Fetched> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - t, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

export interface SweepResult {
  wallMs: number;
  latencies: number[];
  sizes: number[];
  errors: number; // answers other than 200/204
}

/** Fetches every URL once with `clients` requests in flight; wall time, latencies and sizes. */
export async function sweep(urls: string[], clients: number): Promise<SweepResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const sizes: number[] = [];
  let errors = 0;
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < urls.length) {
        const r = await get(agent, urls[next++]!);
        latencies.push(r.ms);
        sizes.push(r.body.length);
        if (r.status !== 200 && r.status !== 204) errors++;
      }
    }),
  );
  const wallMs = performance.now() - t;
  agent.destroy();
  return { wallMs, latencies, sizes, errors };
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
