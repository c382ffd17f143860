/**
 * Search benchmark (`npm run bench -- search`). For each engine, on `count` seeded plots, a mixed
 * set of search-box texts drawn from the data (property identifiers in their three forms,
 * block/plot, plan numbers, exact addresses, street prefixes, misspelt streets, district and
 * sub-district names in Finnish and Swedish, misspelt names) is run through the search service,
 * each text several times after a warm-up; p50/p95/max are printed per kind and overall.
 * References, same run and engine: a primary-key lookup (the engine's floor per statement) and
 * the naive search the indexes replace (`ILIKE '%text%'` over every published address, ranked by
 * address, so every row is read).
 * Extra options: --rounds N (timed runs per text, default 5), --texts N (texts per kind, default 20).
 * Target: p95 under 20 ms at 100 000 plots.
 */
import type { Db } from '../../server/db/index.ts';
import { search } from '../../server/search/service.ts';
import { openBenchDb, type BenchModule, type BenchOptions } from './common.ts';

interface Sample {
  kind: string;
  q: string;
}

/** Deterministic texts of every kind from the seeded data (same data, same texts). */
async function samples(db: Db, perKind: number): Promise<Sample[]> {
  const plots = await db.query<{
    property_id: string;
    block_plot: string;
    address: string;
    plan_number: string;
  }>(
    `SELECT property_id, block_plot, address, plan_number FROM plots
     WHERE status = 'published' AND address ~ '^\\S{6,} [0-9]+$' ORDER BY md5(id::text) LIMIT $1`,
    [perKind],
  );
  const areas = await db.query<{ name_fi: string; name_sv: string | null }>(
    `SELECT name_fi, name_sv FROM (SELECT name_fi, name_sv FROM districts UNION ALL SELECT name_fi, name_sv FROM sub_districts) a
     ORDER BY md5(name_fi) LIMIT $1`,
    [perKind],
  );
  const out: Sample[] = [];
  const drop = (s: string, i: number) => s.slice(0, i) + s.slice(i + 1);
  for (const p of plots) {
    const [, d, b, u] = p.property_id.split('-') as [string, string, string, string];
    const street = p.address.split(' ')[0]!;
    out.push(
      { kind: 'property id', q: p.property_id },
      { kind: 'property id', q: `91-${Number(d)}-${Number(b)}-${Number(u)}` },
      { kind: 'property id', q: p.property_id.replaceAll('-', '') },
      { kind: 'block/plot', q: p.block_plot },
      { kind: 'plan number', q: p.plan_number },
      { kind: 'address', q: p.address },
      { kind: 'street prefix', q: street.slice(0, 5).toLowerCase() },
      { kind: 'misspelt address', q: `${drop(street, 3)} ${p.address.split(' ')[1]}` },
    );
  }
  for (const a of areas) {
    out.push({ kind: 'place name', q: a.name_fi.toLowerCase() });
    if (a.name_sv) out.push({ kind: 'place name', q: a.name_sv });
    if (a.name_fi.length > 6) out.push({ kind: 'misspelt place', q: drop(a.name_fi, 4) });
  }
  return out;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const f1 = (v: number) => v.toFixed(1);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** p50/p95/max of the search service over the sample texts, and the references. */
export async function benchSearch(
  db: Db,
  opts: { rounds?: number; texts?: number } = {},
): Promise<{
  byKind: Array<{ kind: string; n: number; p50: number; p95: number; max: number }>;
  all: { n: number; p50: number; p95: number; max: number };
  pkLookupP50: number;
  naiveP50: number;
}> {
  const rounds = opts.rounds ?? 5;
  const texts = await samples(db, opts.texts ?? 20);
  const run = (q: string) => search(db, q, { limit: 10, lang: 'fi' });
  // Warm-up, twice over: every pooled connection loads its catalogue and PROJ caches once.
  for (let i = 0; i < 2; i++) for (const s of texts) await run(s.q);
  const times = new Map<string, number[]>();
  const all: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const s of texts) {
      const ms = await time(() => run(s.q));
      all.push(ms);
      if (!times.has(s.kind)) times.set(s.kind, []);
      times.get(s.kind)!.push(ms);
    }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1]! };
  };
  // References: the cheapest statement the engine runs, and the scan search would be without indexes.
  const ids = await db.query<{ id: number }>(`SELECT id FROM plots ORDER BY md5(id::text) LIMIT 50`);
  const pk: number[] = [];
  for (const { id } of ids)
    pk.push(await time(() => db.query('SELECT id, property_id FROM plots WHERE id = $1', [id])));
  const naive: number[] = [];
  for (const s of texts.filter((t) => t.kind === 'address').slice(0, 10))
    naive.push(
      await time(() =>
        db.query(
          `SELECT id FROM plots WHERE status = 'published' AND address ILIKE $1 ORDER BY address LIMIT 10`,
          [`%${s.q}%`],
        ),
      ),
    );
  return {
    byKind: [...times].map(([kind, xs]) => ({ kind, ...stats(xs) })),
    all: stats(all),
    pkLookupP50: stats(pk).p50,
    naiveP50: stats(naive).p50,
  };
}

export const bench: BenchModule = {
  description:
    'search p50/p95 over identifiers, addresses, plans and place names (target: p95 < 20 ms at 100 000 plots)',
  async run(opts: BenchOptions) {
    const rounds = Number(opts.extra.rounds ?? 5) || 5;
    const texts = Number(opts.extra.texts ?? 20) || 20;
    const summary: string[] = [];
    for (const engine of opts.engines) {
      const { db } = await openBenchDb(engine, opts.count, opts.fresh);
      try {
        const r = await benchSearch(db, { rounds, texts });
        console.log(`### ${engine}, ${opts.count} plots, ${r.all.n} timed searches\n`);
        console.log('| kind | searches | p50 ms | p95 ms | max ms |');
        console.log('|---|---:|---:|---:|---:|');
        for (const k of r.byKind)
          console.log(`| ${k.kind} | ${k.n} | ${f1(k.p50)} | ${f1(k.p95)} | ${f1(k.max)} |`);
        console.log(`| **all** | ${r.all.n} | ${f1(r.all.p50)} | ${f1(r.all.p95)} | ${f1(r.all.max)} |\n`);
        console.log(
          `References: primary-key lookup p50 ${f1(r.pkLookupP50)} ms (search p50 = ${f1(r.all.p50 / r.pkLookupP50)}x); ` +
            `naive ranked ILIKE '%address%' p50 ${f1(r.naiveP50)} ms (${f1(r.naiveP50 / r.all.p50)}x the search p50).\n`,
        );
        summary.push(
          `| ${engine} | ${opts.count} | ${f1(r.all.p50)} | ${f1(r.all.p95)} | ${f1(r.all.p95 / r.pkLookupP50)}x | ${f1(r.naiveP50 / r.all.p50)}x | ${r.all.p95 < 20 ? 'met' : 'missed'} (${f1(20 / r.all.p95)}x headroom) |`,
        );
      } finally {
        await db.close();
      }
    }
    console.log(
      '| engine | plots | search p50 ms | search p95 ms | p95 / PK lookup | naive ILIKE / search p50 | p95 < 20 ms |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---|');
    for (const line of summary) console.log(line);
  },
};
