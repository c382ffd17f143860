/**
 * `npm run bench -- <module> [options]`: runs one named benchmark module (or `all`). Modules
 * print their figures as ratios against a reference measured in the same run.
 *
 *   npm run bench -- tiles --count 100000 --engine postgres
 *   npm run bench -- tiles --count 1000000 --engine postgres --duration 10
 *   npm run bench -- peer --count 100000   (beside MapServer 8 on PostgreSQL; needs cgi-mapserver, lighttpd, wrk)
 *
 * Common options: --count N (plots seeded, default 100000), --engine postgres|pglite|both
 * (default both), --fresh (re-seed even when a database of that size exists), --duration S
 * (seconds per load test, default 5); module options take the --name=value form. PostgreSQL: BENCH_DATABASE_URL (an admin URL, default
 * postgres://postgres@127.0.0.1:5432/postgres); each size gets its own database.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchModule, BenchOptions, Engine } from './common.ts';

/** Benchmark modules by name; each file exports `bench: BenchModule`. Add yours here. */
const MODULES: Record<string, () => Promise<{ bench: BenchModule }>> = {
  tiles: () => import('./tiles.ts'),
  export: () => import('./export.ts'),
  permits: () => import('./permits.ts'),
  search: () => import('./search.ts'),
  'saved-searches': () => import('./saved-searches.ts'),
  applications: () => import('./applications.ts'),
  peer: () => import('./peer.ts'),
};

function usage(): string {
  return `Usage: npm run bench -- <${[...Object.keys(MODULES), 'all'].join('|')}> [--count N] [--engine postgres|pglite|both] [--fresh] [--duration S]`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: false,
    options: {
      count: { type: 'string', default: '100000' },
      engine: { type: 'string', default: 'both' },
      fresh: { type: 'boolean', default: false },
      duration: { type: 'string', default: '5' },
    },
  });
  const names = positionals.length === 0 || positionals.includes('all') ? Object.keys(MODULES) : positionals;
  const unknown = names.filter((n) => !MODULES[n]);
  const count = Number(values.count);
  const engine = String(values.engine);
  if (
    unknown.length ||
    !Number.isInteger(count) ||
    count < 1 ||
    !['postgres', 'pglite', 'both'].includes(engine)
  ) {
    console.error(unknown.length ? `Unknown module: ${unknown.join(', ')}` : 'Bad option.');
    console.error(usage());
    process.exit(2);
  }
  const opts: BenchOptions = {
    count,
    engines: engine === 'both' ? ['postgres', 'pglite'] : [engine as Engine],
    fresh: Boolean(values.fresh),
    durationS: Number(values.duration) || 5,
    extra: values as BenchOptions['extra'],
  };
  for (const name of names) {
    const { bench } = await MODULES[name]!();
    console.log(`\n## ${name}: ${bench.description}\n`);
    await bench.run(opts);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    // A module that could not run (a missing tool) says so and sets process.exitCode.
    () => process.exit(),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
