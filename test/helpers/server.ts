import { loadConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { start, type Running } from '../../server/main.ts';
import type { Db } from '../../server/db/index.ts';

/** Config for tests: loopback, a free port, no client build, quiet, no seeding (the template has it). */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {},
    { port: 0, host: '127.0.0.1', serveClient: false, logLevel: 'silent', seedDemo: false, ...overrides },
  );
}

/** Starts the real server over the given database on a free port. */
export async function startTestServer(db: Db, overrides: Partial<Config> = {}): Promise<Running> {
  const config = testConfig(overrides);
  return start(config, createLogger(config.logLevel), { db });
}
