/**
 * Bounded load test on loopback: starts the server (embedded database, or DATABASE_URL), drives
 * mixed traffic from this process for a fixed time and prints p50/p99 and errors per endpoint.
 *
 *   npm run load -- [--clients 200] [--duration 60] [--url http://127.0.0.1:3000]
 *
 * With --url it loads a running server instead of starting one (loopback addresses only).
 * The server started here uses DATABASE_URL when set, otherwise a fresh embedded data folder in
 * the temporary directory (never the folder a running `npm start` may have open).
 */
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startLoadServer, type LoadServer } from './load-server.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    url: { type: 'string' },
    port: { type: 'string', default: '3917' },
  },
});
const clients = Number(values.clients);
const durationS = Number(values.duration);
if (!(clients > 0 && clients <= 2000) || !(durationS > 0 && durationS <= 600)) {
  console.error('--clients must be 1-2000 and --duration 1-600 seconds.');
  process.exit(2);
}

let server: LoadServer | undefined;
let base = values.url;
if (base) {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(base)) {
    console.error(`Refusing to load ${base}: loopback addresses only.`);
    process.exit(2);
  }
} else {
  server = await startLoadServer(values.port, 'load');
  base = server.base;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

function get(path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${base}${path}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

// Real targets: plot ids and centres from the API itself.
const sample = (await (await fetch(`${base}/api/plots?limit=500`)).json()) as {
  items: Array<{ id: number; center: [number, number]; address: string }>;
};
const plots = sample.items;
const rnd = (n: number) => Math.floor(Math.random() * n);
const tileOf = (lon: number, lat: number, z: number) => {
  const x = Math.floor(((lon + 180) / 360) * 2 ** z);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  return `${z}/${x}/${y}`;
};
const queries = [
  'roihu',
  'kalasatama',
  'pasila',
  'hitsaajankatu',
  '091-045',
  '45012/1',
  'valimotie 3',
  'sompasaari',
  'konala',
  'fiskehamnen',
];

type Endpoint = { name: string; weight: number; path: () => string };
const endpoints: Endpoint[] = [
  {
    name: 'tile',
    weight: 60,
    path: () => {
      const p = plots[rnd(plots.length)]!;
      return `/tiles/plots/${tileOf(p.center[0], p.center[1], 12 + rnd(5))}.mvt`;
    },
  },
  {
    name: 'search',
    weight: 10,
    path: () => `/api/search?q=${encodeURIComponent(queries[rnd(queries.length)]!)}`,
  },
  { name: 'plot card', weight: 15, path: () => `/api/plots/${plots[rnd(plots.length)]!.id}` },
  {
    name: 'ogc items',
    weight: 10,
    path: () =>
      `/ogc/collections/plots/items?limit=50&use_class=${['industrial', 'office', 'commercial'][rnd(3)]}`,
  },
  {
    name: 'export csv',
    weight: 5,
    path: () => `/api/export?format=csv&use_class=industrial&area_min=${3000 + rnd(4000)}`,
  },
];
const totalWeight = endpoints.reduce((s, e) => s + e.weight, 0);
const pick = () => {
  let r = Math.random() * totalWeight;
  for (const e of endpoints) if ((r -= e.weight) < 0) return e;
  return endpoints[0]!;
};

const stats = new Map(
  endpoints.map((e) => [e.name, { lat: [] as number[], errors: 0, statuses: new Map<number, number>() }]),
);
const until = performance.now() + durationS * 1000;
async function client(): Promise<void> {
  while (performance.now() < until) {
    const e = pick();
    const t = performance.now();
    const status = await get(e.path());
    const s = stats.get(e.name)!;
    s.lat.push(performance.now() - t);
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    if (status === 0 || status >= 500) s.errors++;
  }
}
const engine = server ? (process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded') : 'running server';
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `Load: ${clients} clients for ${durationS} s against ${base} (${engine}), ${plots.length} plot targets; ` +
    `load average before: ${load()} on ${os.cpus().length} CPUs`,
);
await Promise.all(Array.from({ length: clients }, client));

const pct = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))] ?? NaN;
console.log('\n| endpoint | requests | req/s | p50 ms | p99 ms | errors | statuses |');
console.log('|---|---:|---:|---:|---:|---:|---|');
let errors = 0;
for (const [name, s] of stats) {
  s.lat.sort((a, b) => a - b);
  errors += s.errors;
  const statuses = [...s.statuses].map(([k, v]) => `${k}:${v}`).join(' ');
  console.log(
    `| ${name} | ${s.lat.length} | ${(s.lat.length / durationS).toFixed(0)} | ${pct(s.lat, 50).toFixed(1)} | ${pct(s.lat, 99).toFixed(1)} | ${s.errors} | ${statuses} |`,
  );
}
console.log(`\nload average after: ${load()}`);
agent.destroy();
await server?.stop();
process.exitCode = errors ? 1 : 0;
