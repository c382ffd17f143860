/**
 * Import of a large file: parses, stages and validates N generated plots (default 100 000) from a
 * semicolon CSV with WKT polygons in EPSG:3879, on the configured database (DATABASE_URL or the
 * embedded one in a temporary folder). Prints time, rows per second and peak memory, and the
 * ratio to a reference measured in the same run: inserting the same rows as plain staging rows.
 *   npx tsx scripts/bench/import.ts [count]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '../../server/auth/users.ts';
import { loadConfig } from '../../server/config.ts';
import { openDb } from '../../server/db/index.ts';
import { parseUpload } from '../../server/import/pipeline.ts';
import { loadReferenceData } from '../../server/reference/load.ts';

const count = Number(process.argv[2] ?? 100_000);
const config = loadConfig();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-import-'));
const db = await openDb(config.databaseUrl ? config : { ...config, dataDir: path.join(tmp, 'db') });
await loadReferenceData(db);

// Plots on a grid over Helsinki's business areas (EPSG:3879), 40 m x 30 m each.
const file = path.join(tmp, 'plots.csv');
const out = fs.createWriteStream(file);
out.write('kiinteistötunnus;käyttötarkoitus;rakennusoikeus;wkt\n');
for (let i = 0; i < count; i++) {
  const e = 25_490_000 + (i % 400) * 50;
  const n = 6_672_000 + Math.floor(i / 400) * 40;
  const id = `091-${String(1 + (i % 90)).padStart(3, '0')}-${String(1000 + Math.floor(i / 90)).padStart(4, '0')}-${String(1 + (i % 7)).padStart(4, '0')}`;
  out.write(
    `${id};KTY;${1000 + (i % 5000)},5;"POLYGON((${e} ${n}, ${e + 40} ${n}, ${e + 40} ${n + 30}, ${e} ${n + 30}, ${e} ${n}))"\n`,
  );
}
await new Promise((r) => out.end(r));
const bytes = fs.statSync(file).size;

const email = `bench-${crypto.randomUUID()}@example.org`;
const user = await createUser(
  db,
  { email, password: 'benchmark password', role: 'publisher' },
  { userId: null, actor: 'bench' },
);
const staff = {
  id: user.id,
  email,
  role: 'publisher' as const,
  displayName: '',
  tokenHash: '',
  csrfToken: '',
};

let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

// Reference: the same number of staging rows written with plain batched INSERTs.
const refJob = crypto.randomUUID();
await db.query(`INSERT INTO import_jobs (id, created_by, file_name) VALUES ($1, $2, 'reference')`, [
  refJob,
  user.id,
]);
const t0 = performance.now();
for (let i = 0; i < count; i += 1000) {
  const rows = [];
  for (let k = i; k < Math.min(count, i + 1000); k++)
    rows.push({
      n: k + 1,
      source: { k },
      geom: `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`,
    });
  await db.query(
    `INSERT INTO import_rows (job_id, n, source, src_geom) SELECT $1, x.n, x.source, ST_GeomFromGeoJSON(x.geom) FROM jsonb_to_recordset($2::jsonb) AS x(n int, source jsonb, geom text)`,
    [refJob, JSON.stringify(rows)],
  );
}
const refMs = performance.now() - t0;
await db.query(`DELETE FROM import_jobs WHERE id = $1`, [refJob]);

const t1 = performance.now();
const job = await parseUpload(
  db,
  staff,
  { file, fileName: 'plots.csv', bytes, dir: tmp },
  { jobId: crypto.randomUUID() },
  { maxFeatures: 1_000_000, maxUncompressedBytes: 1e10, maxRatio: 200 },
);
const ms = performance.now() - t1;
clearInterval(timer);
const v = job.validation as { total: number; rows_with_errors: number };
console.log(
  JSON.stringify(
    {
      database: db.kind,
      features: count,
      file_mb: +(bytes / 1e6).toFixed(1),
      parse_and_validate_s: +(ms / 1000).toFixed(1),
      rows_per_s: Math.round(count / (ms / 1000)),
      reference_staging_insert_s: +(refMs / 1000).toFixed(1),
      ratio_to_reference: +(ms / refMs).toFixed(2),
      peak_rss_mb: Math.round(peak / 1e6),
      rows: v.total,
      rows_with_errors: v.rows_with_errors,
    },
    null,
    2,
  ),
);
await db.close();
fs.rmSync(tmp, { recursive: true, force: true });
