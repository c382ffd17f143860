/**
 * Command-line tools beside a running server: on the embedded database they work through the
 * server (one process owns the files), on PostgreSQL they connect as usual. What they write is
 * what the running server serves, and it is still there after a restart. A folder held by a
 * process that does not serve tools is refused with a message naming the fix.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';
import { openDb } from '../../server/db/index.ts';
import { StaffClient } from '../auth/client.ts';
import {
  serverDatabase,
  spawnServer,
  type ServerDatabase,
  type ServerProcess,
} from '../hardening/processes.ts';

const PASSWORD = 'a long pass phrase for the tools test';
const embedded = !inject('pgAdminUrl');
/** Each test starts server processes or tools (each loads the code); a loaded 2-core machine is slow. */
const SLOW = 180_000;

let sdb: ServerDatabase;
let server: ServerProcess;

function runTool(script: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT_DIR, 'scripts', script), ...args],
      {
        cwd: ROOT_DIR,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          LOG_LEVEL: 'warn',
          ...sdb.env,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function publicTotal(): Promise<number> {
  const res = await fetch(`${server.url}/api/plots?limit=1`);
  return ((await res.json()) as { total: number }).total;
}

beforeAll(async () => {
  sdb = await serverDatabase();
  server = await spawnServer(sdb.env);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sdb?.close();
});

describe('command-line tools while the server runs', () => {
  it(
    'create-admin makes an account that signs in, also after a restart',
    async () => {
      const r = await runTool('create-admin.ts', ['--email', 'tools-admin@example.org'], {
        ADMIN_PASSWORD: PASSWORD,
      });
      expect(r.out).toContain('Created admin tools-admin@example.org');
      expect(r.code).toBe(0);
      expect((await new StaffClient(server.url).login('tools-admin@example.org', PASSWORD)).status).toBe(200);

      await server.stop();
      server = await spawnServer(sdb.env);
      expect((await new StaffClient(server.url).login('tools-admin@example.org', PASSWORD)).status).toBe(200);
    },
    SLOW,
  );

  it(
    'import-plots --commit writes drafts the running server lists',
    async () => {
      const staff = new StaffClient(server.url);
      await staff.login('tools-admin@example.org', PASSWORD);
      const drafts = async () =>
        (await staff.json<{ total: number }>('GET', '/api/staff/plots?status=draft&limit=1')).body.total;
      const before = await drafts();
      const file = path.join(ROOT_DIR, 'test', 'fixtures', 'import', 'roihupelto-3879.gpkg');
      const r = await runTool('import-plots.ts', [
        '--file',
        file,
        '--as',
        'tools-admin@example.org',
        '--commit',
      ]);
      expect(r.out).toMatch(/Committed: \d+ new drafts/);
      expect(r.code).toBe(0);
      const added = Number(/Committed: (\d+) new drafts/.exec(r.out)![1]);
      expect(added).toBeGreaterThan(0);
      expect(await drafts()).toBe(before + added);
    },
    SLOW,
  );

  it(
    'seed --replace changes what the running server publishes at once',
    async () => {
      const before = await publicTotal();
      const r = await runTool('seed-demo.ts', ['--count', '30', '--replace']);
      expect(r.code).toBe(0);
      const after = await publicTotal();
      expect(after).toBeLessThanOrEqual(30);
      expect(after).toBeLessThan(before);
      expect(after).toBeGreaterThan(0);
    },
    SLOW,
  );
});

describe.runIf(embedded)('an embedded folder held without a server', () => {
  it(
    'a second server on the same folder refuses to start, naming the running one',
    async () => {
      const second = await spawnServer(sdb.env).then(
        () => 'started',
        (err: Error) => err.message,
      );
      expect(second).toMatch(/already open by a running server \(process \d+\): stop it, or set DATA_DIR/);
    },
    SLOW,
  );

  it(
    'a tool refuses a folder another process holds and does not serve, and writes nothing',
    async () => {
      await server.stop();
      const db = await openDb({ dataDir: sdb.dataDir, poolSize: 1, statementTimeoutMs: 30_000 });
      try {
        const r = await runTool('create-admin.ts', ['--email', 'refused@example.org'], {
          ADMIN_PASSWORD: PASSWORD,
        });
        expect(r.code).toBe(1);
        expect(r.out).toMatch(/is open by .* \(process \d+\): wait for it to finish, or stop it/);
        expect(await db.query(`SELECT 1 FROM users WHERE email = 'refused@example.org'`)).toEqual([]);
      } finally {
        await db.close();
      }
      server = await spawnServer(sdb.env);
    },
    SLOW,
  );
});
