/**
 * A private PostgreSQL + PostGIS cluster for fault tests: its own data folder and port, so it can
 * be stopped and started during traffic without touching the shared server other suites use.
 * The cluster runs as the `postgres` system user when the tests run as root (initdb refuses root).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './processes.ts';

/** Where Debian puts the server binaries; the newest installed major version wins. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const ext = path.join('/usr/share/postgresql', v, 'extension', 'postgis.control');
    if (fs.existsSync(ext)) return path.join(root, v, 'bin');
  }
  return null;
}

export interface PrivatePg {
  url: string;
  port: number;
  /** Fast shutdown: open connections are ended with 57P01, new ones are refused. */
  stop(): void;
  start(): void;
  /** Stops the cluster and removes its folder. */
  destroy(): void;
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
  const cmd = asRoot ? 'runuser' : bin;
  const argv = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** initdb + start on a free loopback port + a database `tl` with PostGIS. */
export async function startPrivatePg(bin: string): Promise<PrivatePg> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const pgCtl = (...args: string[]) =>
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', ...args]);
  const start = () => pgCtl('-o', opts, 'start');
  start();
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query('CREATE DATABASE tl');
  await c.end();
  const url = `postgres://postgres@127.0.0.1:${port}/tl`;
  const t = new pg.Client({ connectionString: url });
  await t.connect();
  await t.query('CREATE EXTENSION postgis');
  await t.end();
  return {
    url,
    port,
    start,
    stop: () => pgCtl('-m', 'fast', 'stop'),
    destroy() {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
