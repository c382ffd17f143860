/**
 * The staff app for browser tests that need the database beside it: a private copy of the test
 * template, the real server with the built client over it, one publisher account, a browser.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../server/auth/users.ts';
import type { Config } from '../../server/config.ts';
import { openDb, type Db } from '../../server/db/index.ts';
import { createLogger } from '../../server/log.ts';
import { start } from '../../server/main.ts';
import { testConfig } from '../helpers/server.ts';
import { preparePgliteTemplate } from '../helpers/template.ts';
import { buildClientIfStale } from './app-server.ts';
import { ARTIFACTS, launch } from './browser.ts';

export interface StaffApp {
  db: Db;
  /** The server's origin on 127.0.0.1. */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startStaffApp(
  name: string,
  publisher: { email: string; password: string },
  overrides: Partial<Config> = {},
): Promise<StaffApp> {
  await buildClientIfStale();
  const dir = path.join(os.tmpdir(), `tl-${name}-${crypto.randomUUID()}`);
  fs.cpSync(await preparePgliteTemplate(), dir, { recursive: true });
  const db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 30_000 });
  const server = await start(
    testConfig({ serveClient: true, dataDir: dir, ...overrides }),
    createLogger('silent'),
    { db },
  );
  await createUser(db, { ...publisher, role: 'publisher' }, { userId: null, actor: 'test' });
  const browser = await launch();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    db,
    base: server.url.replace('localhost', '127.0.0.1'),
    browser,
    async close() {
      await browser.close();
      await server.stop();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** axe's serious and critical findings on the page, one readable line each. */
export async function seriousAxe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
