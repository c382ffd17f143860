/**
 * One client asking for many shortlist PDFs at once, and what it does to everyone else: starts
 * the server (embedded database, or DATABASE_URL), keeps --clients shortlist PDFs of --ids plots
 * each in flight for --duration seconds, and meanwhile times /healthz and a cached plot tile,
 * one request of each every 50 ms, against the same figures with no PDFs running.
 *
 *   npx tsx scripts/load-pdf.ts [--clients 16] [--ids 200] [--duration 15]
 */
import { parseArgs } from 'node:util';
import { startLoadServer } from './load-server.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '16' },
    ids: { type: 'string', default: '200' },
    duration: { type: 'string', default: '15' },
    port: { type: 'string', default: '3918' },
  },
});
const clients = Number(values.clients);
const idCount = Number(values.ids);
const durationS = Number(values.duration);
if (
  !(clients > 0 && clients <= 500) ||
  !(idCount > 0 && idCount <= 200) ||
  !(durationS > 0 && durationS <= 300)
) {
  console.error('--clients must be 1-500, --ids 1-200 and --duration 1-300 seconds.');
  process.exit(2);
}

const server = await startLoadServer(values.port, 'pdf');
const base = server.base;

const sample = (await (await fetch(`${base}/api/plots?limit=${idCount}`)).json()) as {
  items: Array<{ id: number; center: [number, number] }>;
};
const ids = sample.items.map((p) => p.id).join(',');
const [lon, lat] = sample.items[0]!.center;
const z = 14;
const tx = Math.floor(((lon + 180) / 360) * 2 ** z);
const r = (lat * Math.PI) / 180;
const ty = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
const tile = `/tiles/plots/${z}/${tx}/${ty}.mvt`;
await (await fetch(`${base}${tile}`)).arrayBuffer(); // cached from here on

async function timed(p: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${base}${p}`);
  await res.arrayBuffer();
  return performance.now() - t;
}

/** /healthz and tile latencies, sampled every 50 ms until `until`. */
async function probe(until: number): Promise<{ health: number[]; tile: number[] }> {
  const health: number[] = [];
  const tiles: number[] = [];
  while (performance.now() < until) {
    const [h, t] = await Promise.all([timed('/healthz'), timed(tile)]);
    health.push(h);
    tiles.push(t);
    await new Promise((res) => setTimeout(res, 50));
  }
  return { health, tile: tiles };
}

const pdfStatuses = new Map<number, number>();
const pdfLat: number[] = [];
async function pdfClient(until: number): Promise<void> {
  while (performance.now() < until) {
    const t = performance.now();
    const res = await fetch(`${base}/api/shortlist.pdf?ids=${ids}&lang=fi`).catch(() => undefined);
    await res?.arrayBuffer();
    pdfLat.push(performance.now() - t);
    const s = res?.status ?? 0;
    pdfStatuses.set(s, (pdfStatuses.get(s) ?? 0) + 1);
    // A refused client waits as told instead of hammering (Retry-After is in seconds).
    if (s === 503) await new Promise((res) => setTimeout(res, 1000));
  }
}

const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const line = (name: string, a: number[]) =>
  `| ${name} | ${a.length} | ${pct(a, 50).toFixed(1)} | ${pct(a, 99).toFixed(1)} | ${Math.max(...a).toFixed(1)} |`;

const idle = await probe(performance.now() + 3_000);
const until = performance.now() + durationS * 1000;
const [busy] = await Promise.all([probe(until), ...Array.from({ length: clients }, () => pdfClient(until))]);

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded';
console.log(`${clients} clients, shortlist PDFs of ${sample.items.length} plots, ${durationS} s, ${engine}`);
console.log('\n| probe | samples | p50 ms | p99 ms | max ms |');
console.log('|---|---:|---:|---:|---:|');
console.log(line('/healthz, idle', idle.health));
console.log(line('cached tile, idle', idle.tile));
console.log(line('/healthz, during PDFs', busy.health));
console.log(line('cached tile, during PDFs', busy.tile));
console.log(line('shortlist PDF', pdfLat));
console.log(`\nPDF statuses: ${[...pdfStatuses].map(([k, v]) => `${k}:${v}`).join(' ')}`);
await server.stop();
