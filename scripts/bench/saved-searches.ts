/**
 * Saved-search matching benchmark (`npm run bench -- saved-searches`). For each engine, on
 * `count` seeded plots: S confirmed saved searches with seeded random filters (use class,
 * availability, tenure, area and price bounds, districts; some repeated, as real searches are),
 * then a publication batch of P published plots queued as the trigger would; the time of
 * collectMatches (claim the batch, one UNION ALL statement per 100 distinct filters over the new
 * plots only) is printed beside the reference: one statement per saved search (the plain way).
 * Both record the same pairs (checked). The searches and matches are removed afterwards.
 * Extra options: --searches=1000,10000 (default), --published=100 (default).
 */
import { filterKey, type PlotFilter } from '../../shared/filter.ts';
import type { Db } from '../../server/db/index.ts';
import { plotFilterSql } from '../../server/plots/filter-sql.ts';
import { collectMatches } from '../../server/saved-searches/matching.ts';
import { openBenchDb, type BenchModule, type BenchOptions } from './common.ts';

const MARK = 'bench-saved-search'; // e-mail prefix of the benchmark's rows

/** Seeded generator (mulberry32): the same run gives the same filters. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFilter(r: () => number, districts: number[]): PlotFilter {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const f: PlotFilter = {};
  if (r() < 0.6) f.useClass = [pick(['commercial', 'office', 'industrial'] as const)];
  if (r() < 0.3) f.availability = [pick(['available', 'draw', 'coming'] as const)];
  if (r() < 0.2) f.tenure = [pick(['lease', 'sale'] as const)];
  if (r() < 0.4) f.areaMin = pick([1000, 2000, 3000, 5000, 8000]);
  if (r() < 0.2) f.priceMax = pick([300, 500, 800, 1200]);
  if (r() < 0.5) f.district = [pick(districts), pick(districts)].filter((v, i, a) => a.indexOf(v) === i);
  return f;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

async function cleanUp(db: Db) {
  await db.query(`DELETE FROM saved_searches WHERE email LIKE $1`, [`${MARK}%`]);
  await db.query(`DELETE FROM plot_publications`);
}

async function runOne(db: Db, searches: number, published: number) {
  await cleanUp(db);
  const r = rng(searches);
  const districts = (
    await db.query<{ d: number }>(`SELECT DISTINCT district_number AS d FROM plots ORDER BY 1`)
  ).map((x) => x.d);
  const filters = Array.from({ length: searches }, () => randomFilter(r, districts));
  for (let i = 0; i < filters.length; i += 1000) {
    const chunk = filters.slice(i, i + 1000);
    await db.query(
      `INSERT INTO saved_searches (email, filter, filter_key, language, frequency, confirmed, confirmed_at)
       SELECT $1 || n || '@example.org', f, k, 'fi', 'immediate', true, now()
       FROM unnest($2::jsonb[], $3::text[]) WITH ORDINALITY AS x(f, k, n)`,
      [`${MARK}-${i}-`, chunk.map((f) => JSON.stringify(f)), chunk.map(filterKey)],
    );
  }
  const plotIds = (
    await db.query<{ id: string }>(
      `SELECT id::text AS id FROM plots WHERE status = 'published' ORDER BY md5(id::text) LIMIT $1`,
      [published],
    )
  ).map((x) => x.id);
  await db.exec('ANALYZE saved_searches');
  const distinct = new Set(filters.map(filterKey)).size;

  // The plain way: one statement per saved search over the new plots.
  const rows = await db.query<{ id: string; filter: PlotFilter }>(
    `SELECT id::text AS id, filter FROM saved_searches WHERE email LIKE $1`,
    [`${MARK}%`],
  );
  const [plainPairs, plainMs] = await timed(async () => {
    let pairs = 0;
    for (const s of rows) {
      const c = plotFilterSql(s.filter, { alias: 'p', firstParam: 2 });
      const m = await db.query(`SELECT p.id FROM plots p WHERE p.id = ANY($1::bigint[]) AND ${c.text}`, [
        plotIds,
        ...c.values,
      ]);
      pairs += m.length;
    }
    return pairs;
  });

  await db.query(`INSERT INTO plot_publications (plot_id) SELECT unnest($1::bigint[])`, [plotIds]);
  const [, ms] = await timed(() => collectMatches(db));
  const [pairs] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM saved_search_matches m JOIN saved_searches s ON s.id = m.search_id
     WHERE s.email LIKE $1`,
    [`${MARK}%`],
  );
  if (pairs!.n !== plainPairs) throw new Error(`pairs differ: ${pairs!.n} vs ${plainPairs}`);
  console.log(
    `| ${searches} | ${distinct} | ${published} | ${pairs!.n} | ${ms.toFixed(0)} ms | ${plainMs.toFixed(0)} ms | ${(plainMs / ms).toFixed(1)}x |`,
  );
  await cleanUp(db);
}

export const bench: BenchModule = {
  description: 'matching a publication batch against many saved searches',
  async run(opts: BenchOptions) {
    const searchCounts = String(opts.extra.searches ?? '1000,10000')
      .split(',')
      .map(Number);
    const published = Number(opts.extra.published ?? 100);
    for (const engine of opts.engines) {
      const { db } = await openBenchDb(engine, opts.count, opts.fresh);
      try {
        console.log(`\n${engine}, ${opts.count} plots\n`);
        console.log(
          '| searches | distinct filters | new plots | matches | collectMatches | one query per search | ratio |',
        );
        console.log('|---|---|---|---|---|---|---|');
        for (const s of searchCounts) await runOne(db, s, published);
      } finally {
        await cleanUp(db).catch(() => {});
        await db.close();
      }
    }
  },
};
