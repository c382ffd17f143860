/**
 * The real app for browser tests: builds the client when its sources are newer than the build,
 * then starts the real server (built client included) over a private copy of the test template
 * database on a free port.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '../../server/auth/users.ts';
import { ROOT_DIR, type Config } from '../../server/config.ts';
import { openDb } from '../../server/db/index.ts';
import { start, type Running } from '../../server/main.ts';
import { createLogger } from '../../server/log.ts';
import { buildClient } from '../helpers/build.ts';
import { preparePgliteTemplate } from '../helpers/template.ts';
import { testConfig } from '../helpers/server.ts';

const BUILD_STAMP = path.join(ROOT_DIR, 'dist', 'client', 'index.html');

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** Runs `vite build` unless dist/client is newer than client/, shared/ and vite.config.ts. */
export async function buildClientIfStale(): Promise<boolean> {
  const sources = ['client', 'shared', 'vite.config.ts', 'package-lock.json'].map((f) =>
    path.join(ROOT_DIR, f),
  );
  const built = fs.existsSync(BUILD_STAMP) ? fs.statSync(BUILD_STAMP).mtimeMs : 0;
  if (Math.max(...sources.filter((s) => fs.existsSync(s)).map(newestMtime)) <= built) return false;
  await buildClient();
  return true;
}

/** An admin of the app, the only role that may read the development outbox. */
export const OUTBOX_ADMIN = { email: 'outbox-admin@example.org', password: 'outbox admin password 1' };

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

/** `overrides`: settings of this server (a test file may start its own, e.g. with BASEMAPS). */
export async function startAppServer(overrides: Partial<Config> = {}): Promise<AppServer> {
  await buildClientIfStale();
  const template = await preparePgliteTemplate();
  const dir = path.join(os.tmpdir(), `tl-browser-${crypto.randomUUID()}`);
  fs.cpSync(template, dir, { recursive: true });
  // Every browser test file drives this one server from one address, faster than any person:
  // the per-client request limits (tested in test/hardening) would answer them 429.
  const unlimited = {
    apiRateLimitPerMin: 0,
    tileRateLimitPerMin: 0,
    basemapRateLimitPerMin: 0,
    ogcRateLimitPerMin: 0,
  };
  const config = testConfig({ serveClient: true, dataDir: dir, ...unlimited, ...overrides });
  const db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 30_000 });
  let running: Running;
  try {
    await createUser(db, { ...OUTBOX_ADMIN, role: 'admin' }, { userId: null, actor: 'test' });
    running = await start(config, createLogger(config.logLevel), { db });
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    url: running.url.replace('localhost', '127.0.0.1'),
    async stop() {
      await running.stop();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
