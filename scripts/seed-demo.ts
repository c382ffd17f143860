/**
 * Generates demo plots into the configured database (DATABASE_URL, or the embedded one in DATA_DIR).
 *   npm run seed -- --count 100000 [--seed 91] [--replace]
 * --replace deletes existing demo plots first; real (non-demo) plots are never touched.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/index.ts';
import { seedDemoPlots } from '../server/plots/demo/seed.ts';
import { loadReferenceData } from '../server/reference/load.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '400' },
    seed: { type: 'string', default: '91' },
    replace: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 2_000_000) {
  console.error(`--count must be a whole number from 1 to 2000000, got "${values.count}".`);
  process.exit(2);
}
const db = await openDb(loadConfig());
try {
  await loadReferenceData(db);
  if (values.replace) await db.query('DELETE FROM plots WHERE is_demo');
  const started = performance.now();
  let last = 0;
  const n = await seedDemoPlots(db, {
    count,
    seed: Number(values.seed),
    batchSize: db.kind === 'postgres' ? 10_000 : 5_000,
    onProgress(done) {
      if (done - last >= 50_000 || done === count) {
        last = done;
        process.stderr.write(`  ${done} / ${count}\n`);
      }
    },
  });
  const s = (performance.now() - started) / 1000;
  console.log(`Wrote ${n} demo plots to ${db.kind} in ${s.toFixed(1)} s (${Math.round(n / s)} plots/s).`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
