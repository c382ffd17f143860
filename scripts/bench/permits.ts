/**
 * Permit-path benchmark (`npm run bench -- permits`). For each engine, on `count` seeded plots,
 * the permit path of a mix of activities (surface treatment with a new building, a restaurant
 * with alcohol, a large public event, an office) on sampled published plots is computed through
 * the service, several rounds after a warm-up; p50/p95/max are printed per kind, with the
 * activity list and the plot contacts. Reference, same run and engine: a primary-key lookup of
 * a plot (the engine's floor per statement); the permit path runs four such statements, and the
 * grouped query of measured processing times once per few minutes, as the route does.
 * Extra options: --rounds N (timed runs per plot and activity, default 5), --plots N (default 20).
 */
import type { Db } from '../../server/db/index.ts';
import { loadPermitCatalogue } from '../../server/permits/load.ts';
import { createMeasuredTimes } from '../../server/permits/measured.ts';
import { listActivities, permitPath, plotContacts } from '../../server/permits/service.ts';
import { openBenchDb, type BenchModule, type BenchOptions } from './common.ts';

const REQUESTS: Array<{ kind: string; body: unknown }> = [
  {
    kind: 'surface treatment, new building',
    body: { activity: 'surface-treatment', facts: { new_building: true } },
  },
  {
    kind: 'restaurant with alcohol',
    body: { activity: 'restaurant-cafe', facts: { alcohol: true, terrace: true } },
  },
  {
    kind: 'public event, 2000 visitors',
    body: { activity: 'public-event', facts: { visitors: 2000, food: true } },
  },
  { kind: 'office moving in', body: { activity: 'office', facts: {} } },
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const f2 = (v: number) => v.toFixed(2);

async function timed(fn: () => Promise<unknown>, times: number[]): Promise<void> {
  const t = performance.now();
  await fn();
  times.push(performance.now() - t);
}

/** p50/p95/max in milliseconds per kind, and the primary-key reference. */
export async function benchPermits(db: Db, opts: { rounds?: number; plots?: number } = {}) {
  const rounds = opts.rounds ?? 5;
  const plots = (
    await db.query<{ id: string }>(
      `SELECT id::text AS id FROM plots WHERE status = 'published' ORDER BY md5(id::text) LIMIT $1`,
      [opts.plots ?? 20],
    )
  ).map((p) => p.id);
  // As the route: the measured processing times are read once and kept for a few minutes.
  const measured = createMeasuredTimes(db);
  const runs: Array<{ kind: string; fn: (id: string) => Promise<unknown> }> = [
    ...REQUESTS.map((r) => ({ kind: r.kind, fn: (id: string) => permitPath(db, id, r.body, measured) })),
    { kind: 'plot contacts', fn: (id: string) => plotContacts(db, id) },
    { kind: 'activity list', fn: () => listActivities(db) },
    {
      kind: 'reference: plot by primary key',
      fn: (id: string) => db.query('SELECT * FROM plots WHERE id = $1', [id]),
    },
  ];
  for (const r of runs) for (const id of plots) await r.fn(id); // warm-up
  const out: Array<{ kind: string; n: number; p50: number; p95: number; max: number }> = [];
  for (const r of runs) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) for (const id of plots) await timed(() => r.fn(id), times);
    times.sort((a, b) => a - b);
    out.push({
      kind: r.kind,
      n: times.length,
      p50: pct(times, 50),
      p95: pct(times, 95),
      max: times[times.length - 1]!,
    });
  }
  return out;
}

export const bench: BenchModule = {
  description: 'permit path, contacts and activity list through the service, against a primary-key lookup',
  async run(opts: BenchOptions) {
    const rounds = Number(opts.extra.rounds ?? 5);
    const plots = Number(opts.extra.plots ?? 20);
    for (const engine of opts.engines) {
      const { db } = await openBenchDb(engine, opts.count, opts.fresh);
      try {
        await loadPermitCatalogue(db);
        const rows = await benchPermits(db, { rounds, plots });
        const ref = rows.find((r) => r.kind.startsWith('reference'))!.p50;
        console.log(`### ${engine}, ${opts.count} plots (${rounds} rounds x ${plots} plots)\n`);
        console.log('| request | n | p50 ms | p95 ms | max ms | p50 / primary-key lookup |');
        console.log('|---|---|---|---|---|---|');
        for (const r of rows)
          console.log(
            `| ${r.kind} | ${r.n} | ${f2(r.p50)} | ${f2(r.p95)} | ${f2(r.max)} | ${f2(r.p50 / ref)}x |`,
          );
        console.log('');
      } finally {
        await db.close();
      }
    }
  },
};
