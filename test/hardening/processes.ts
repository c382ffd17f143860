/**
 * Real server processes for tests that kill, signal or restart things: `node server/index.ts`
 * started with an environment, its output kept, ready when /readyz answers 200.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';
import { openDb, type Db } from '../../server/db/index.ts';
import { openTestDb } from '../helpers/db.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far (pino JSON lines and messages). */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs` if still running; resolves when it ended. */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * Starts a server process on a free loopback port with the given environment on top of a quiet
 * test default (no demo seeding, no client, no rate limit) and waits until it is ready.
 */
export async function spawnServer(
  env: Record<string, string>,
  opts: { readyTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server', 'index.ts')], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TMPDIR: process.env.TMPDIR ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      SERVE_CLIENT: 'false',
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT_PER_MIN: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited before it was ready (${child.exitCode ?? child.signalCode}):\n${out}`);
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    child,
    output: () => out,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(t);
      }
      return exited;
    },
  };
}

/**
 * A database for server processes: on PostgreSQL a copy of the template (the test process may
 * keep using it); on the embedded engine a copied data folder, which only one process may open
 * at a time, so `withDb` opens it briefly in this process and closes it before a server starts.
 */
export interface ServerDatabase {
  /** DATABASE_URL or DATA_DIR for spawnServer. */
  env: Record<string, string>;
  kind: 'postgres' | 'pglite';
  /** Runs fn with the database open in this process (never while a server process has it). */
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** The embedded data folder (empty on PostgreSQL). */
  dataDir: string;
  close(): Promise<void>;
}

export async function serverDatabase(): Promise<ServerDatabase> {
  if (inject('pgAdminUrl')) {
    const db = await openTestDb();
    return {
      env: { DATABASE_URL: db.url! },
      kind: 'postgres',
      dataDir: '',
      withDb: (fn) => fn(db),
      close: () => db.close(),
    };
  }
  const dir = path.join(os.tmpdir(), `tl-proc-${crypto.randomUUID()}`);
  fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  return {
    env: { DATA_DIR: dir },
    kind: 'pglite',
    dataDir: dir,
    async withDb(fn) {
      const db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 60_000 });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    async close() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
