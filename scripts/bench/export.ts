/**
 * Export benchmark (`npm run bench -- export`). For each engine, on `count` seeded plots, every
 * format is downloaded over HTTP from a server in its own process, timed, with the server's
 * peak memory (VmHWM, reset before each download) above its idle size. Each format runs on a
 * tenth of the plots and on all of them: memory that does not grow with the rows is flat.
 * Reference, same run: PostgreSQL's `COPY (SELECT ...) TO STDOUT` CSV of the same rows and
 * columns read by psql; ratios are export time / COPY time.
 * Extra options: --formats=csv,gpkg (default all); --heap-mb=N runs the server with a V8 heap of
 * N MB (a bounded-memory check: an export that buffered its rows would fail there).
 * Standalone: `tsx scripts/bench/export.ts --serve` starts the server the benchmark measures.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../../server/config.ts';
import { COLUMNS } from '../../server/export/columns.ts';
import { exportRowsQuery } from '../../server/export/sql.ts';
import { createLogger } from '../../server/log.ts';
import { start } from '../../server/main.ts';
import { openBenchDb, type BenchModule, type Engine } from './common.ts';

const FORMATS = ['csv', 'csv+wkt', 'xlsx', 'geojson', 'gpkg', 'gml', 'kml'];

interface Server {
  child: ChildProcess;
  port: number;
}

/** Starts the API server in a child process over the bench database; resolves its port. */
function startServer(
  engine: Engine,
  url: string | undefined,
  dataDir: string | undefined,
  heapMb: number | undefined,
): Promise<Server> {
  const env = {
    ...process.env,
    ...(engine === 'postgres' ? { DATABASE_URL: url } : { DATA_DIR: dataDir, DATABASE_URL: '' }),
  };
  const heap = heapMb ? [`--max-old-space-size=${heapMb}`] : [];
  const child = spawn(
    process.execPath,
    [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--serve'],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function memoryMb(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)![1]) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Downloads one export, discarding the bytes; resolves the time, the size and the row count header. */
function download(port: number, query: string): Promise<{ ms: number; bytes: number; rows: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/api/export?${query}` }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode} for ${query}`));
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () =>
          resolve({ ms: performance.now() - t, bytes, rows: Number(res.headers['x-plot-count']) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function copyReference(url: string, where: string): { ms: number; bytes: number } {
  const q = exportRowsQuery({}, COLUMNS, 'fi', 'none', 'EPSG:3879');
  const sql = `COPY (${q.text.replace('WHERE ', `WHERE ${where} AND `)} ORDER BY p.id) TO STDOUT WITH (FORMAT csv, HEADER)`;
  const t = performance.now();
  const out = execFileSync('psql', [url, '-X', '-q', '-c', sql], { maxBuffer: 4 * 1024 ** 3 });
  return { ms: performance.now() - t, bytes: out.length };
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

export const bench: BenchModule = {
  description:
    'every export format over HTTP: time, rows/s, peak server memory above idle (a tenth and all of the plots), vs COPY TO STDOUT',
  async run(opts) {
    const formats = typeof opts.extra.formats === 'string' ? opts.extra.formats.split(',') : FORMATS;
    for (const engine of opts.engines) {
      const { db, url, dataDir } = await openBenchDb(engine, opts.count, opts.fresh);
      // A tenth of the plots by area: the same rows for the export and for COPY.
      const [p10] = await db.query<{ a: number; n: number }>(
        `SELECT percentile_disc(0.1) WITHIN GROUP (ORDER BY area_m2)::float8 AS a, count(*)::int AS n FROM plots WHERE status = 'published'`,
      );
      const published = p10!.n;
      await db.close();
      const heapMb = typeof opts.extra['heap-mb'] === 'string' ? Number(opts.extra['heap-mb']) : undefined;
      const server = await startServer(engine, url, dataDir, heapMb);
      try {
        console.log(
          `\n### ${engine}, ${opts.count} plots${heapMb ? `, server heap capped at ${heapMb} MB` : ''}\n`,
        );
        console.log(
          '| format | plots | MB | seconds | plots/s | x COPY | peak MB above idle (1/10 -> all) |',
        );
        console.log('|---|---|---|---|---|---|---|');
        const sets = [
          { name: 'tenth', query: `area_max=${p10!.a}`, where: `p.area_m2 <= ${p10!.a}` },
          { name: 'all', query: '', where: 'true' },
        ];
        const copy = url ? copyReference(url, sets[1]!.where) : undefined;
        if (copy)
          console.log(
            `| COPY TO STDOUT (reference) | ${published} | ${fmt(copy.bytes / 1e6)} | ${fmt(copy.ms / 1000, 2)} | ${fmt(published / (copy.ms / 1000), 0)} | 1.0 | - |`,
          );
        for (const f of formats) {
          const [format, wkt] = f.split('+');
          const base = `format=${format}${wkt ? '&geometry=wkt' : ''}`;
          const growth: number[] = [];
          let last = { ms: NaN, bytes: NaN, rows: NaN };
          for (const set of sets) {
            // Writing 5 to clear_refs resets VmHWM (peak RSS) to the current RSS.
            fs.writeFileSync(`/proc/${server.child.pid}/clear_refs`, '5');
            const idle = memoryMb(server.child.pid!).rss;
            last = await download(server.port, `${base}${set.query ? `&${set.query}` : ''}`);
            growth.push(memoryMb(server.child.pid!).hwm - idle);
          }
          const ratio = copy ? fmt(last.ms / copy.ms, 2) : '-';
          console.log(
            `| ${f} | ${last.rows} | ${fmt(last.bytes / 1e6)} | ${fmt(last.ms / 1000, 2)} | ${fmt(last.rows / (last.ms / 1000), 0)} | ${ratio} | ${fmt(growth[0]!, 0)} -> ${fmt(growth[1]!, 0)} |`,
          );
        }
      } finally {
        server.child.kill('SIGTERM');
      }
    }
  },
};

async function serve(): Promise<void> {
  const config = loadConfig(process.env, {
    port: 0,
    host: '127.0.0.1',
    serveClient: false,
    seedDemo: false,
    logLevel: 'warn',
  });
  const running = await start(config, createLogger(config.logLevel));
  console.log(`listening ${running.port}`);
  process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes('--serve')) {
  serve().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
