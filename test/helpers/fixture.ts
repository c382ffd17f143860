import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../server/config.ts';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from './db.ts';
import { startTestServer } from './server.ts';

/** A suite's private database copy, opened before its tests and removed after them. */
export interface TestDbHandle {
  readonly db: TestDb;
}

/** A suite's database copy and the real server over it, on a free port. */
export interface TestServerHandle extends TestDbHandle {
  readonly server: Running;
  readonly url: string;
  readonly port: number;
}

// The handles are read inside tests and later hooks, after beforeAll has filled them; reading one
// earlier is a mistake in the test, so it throws instead of handing out undefined.
function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is used before beforeAll has opened it`);
  return value;
}

/** Registers the hooks that open and remove a private database copy for the current suite. */
export function useTestDb(): TestDbHandle {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      return ready(db, 'The test database');
    },
  };
}

/**
 * Registers the hooks that open a private database copy and start the server over it for the
 * current suite, and stop both after it. Hooks the suite registers later run after the start.
 */
export function useTestServer(overrides: Partial<Config> = {}): TestServerHandle {
  let db: TestDb | undefined;
  let server: Running | undefined;
  beforeAll(async () => {
    db = await openTestDb();
    server = await startTestServer(db, overrides);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });
  return {
    get db() {
      return ready(db, 'The test database');
    },
    get server() {
      return ready(server, 'The test server');
    },
    get url() {
      return ready(server, 'The test server').url;
    },
    get port() {
      return ready(server, 'The test server').port;
    },
  };
}
