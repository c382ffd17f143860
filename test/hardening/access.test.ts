/**
 * Access matrix and secrets: the public read API answers other origins (GET/HEAD only, never
 * with credentials); staff, sign-in and applicant APIs never do. Passwords, session and CSRF
 * tokens, the database password and SMTP credentials never reach the log, at any log level.
 * (Session rotation at login and logout invalidation: test/auth/auth.test.ts, and across two
 * instances: two-instances.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import { PASSWORD, StaffClient } from '../auth/client.ts';
import {
  freePort,
  serverDatabase,
  spawnServer,
  type ServerDatabase,
  type ServerProcess,
} from './processes.ts';
import { timed } from './http.ts';

let sdb: ServerDatabase;
let server: ServerProcess;
const SMTP_SECRET = 'smtp-Secret-7731';
const DB_SECRET = 'db-Secret-4410';
const email = 'secret-keeper@example.org';

beforeAll(async () => {
  sdb = await serverDatabase();
  await sdb.withDb((db) =>
    createUser(db, { email, password: PASSWORD, role: 'admin' }, { userId: null, actor: 'test' }),
  );
  const env = { ...sdb.env };
  // Trust authentication ignores the password, so it can ride along in the URL unchecked.
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    u.password = DB_SECRET;
    env.DATABASE_URL = u.toString();
  }
  server = await spawnServer({
    ...env,
    LOG_LEVEL: 'trace',
    SMTP_URL: `smtp://mailer:${SMTP_SECRET}@127.0.0.1:${await freePort()}`,
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await sdb?.close();
});

const EVIL = 'https://evil.example';
const PUBLIC_GETS = [
  '/api/plots?limit=1',
  '/api/search?q=roihu',
  '/api/districts',
  '/api/config',
  '/api/export?format=csv&ids=1',
  '/tiles/plots.json',
  '/tiles/plots/14/9326/4739.mvt',
  '/ogc/collections/plots/items?limit=1',
  '/ogc',
  '/basemap/style.json',
];
const PRIVATE = [
  ['GET', '/api/staff/plots'],
  ['GET', '/api/staff/users'],
  ['GET', '/api/staff/audit'],
  ['POST', '/api/staff/import/jobs'],
  ['GET', '/api/auth/me'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/logout'],
  ['GET', '/api/applications/me'],
  ['POST', '/api/applications/projects'],
  ['PUT', '/api/applications/projects/1/plots'],
  ['GET', '/api/applicant/anything'],
  ['GET', '/api/outbox'],
  ['POST', '/api/saved-searches'],
] as const;

describe('CORS', { timeout: 120_000 }, () => {
  it.each(PUBLIC_GETS)('%s is readable from any origin, without credentials', async (path) => {
    const r = await timed(server.url + path, { headers: { Origin: EVIL } });
    expect(r.status).toBeLessThan(400);
    expect(r.headers!.get('access-control-allow-origin')).toBe('*');
    expect(r.headers!.get('access-control-allow-credentials')).toBeNull();
    const pre = await timed(server.url + path, {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.status).toBe(204);
    // Read-only: a preflight never allows a state-changing method.
    expect(pre.headers!.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
  });

  it.each(PRIVATE)('%s %s is same-origin only (no CORS headers, preflight refused)', async (method, path) => {
    const pre = await timed(server.url + path, {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': method },
    });
    expect(pre.headers?.get('access-control-allow-origin') ?? null).toBeNull();
    expect(pre.headers?.get('access-control-allow-methods') ?? null).toBeNull();
    const r = await timed(server.url + path, {
      method,
      headers: { Origin: EVIL, 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    expect(r.status).toBeLessThan(500);
    expect(r.headers!.get('access-control-allow-origin')).toBeNull();
  });
});

describe('stored mail', { timeout: 120_000 }, () => {
  it('is not served to anyone by a server started from the environment with a database URL or no demo data', async () => {
    // This process runs as production does: DATABASE_URL (PostgreSQL) or SEED_DEMO=false, NODE_ENV unset.
    for (const path of ['/outbox', '/api/outbox', '/api/outbox?to=secret-keeper@example.org']) {
      const r = await timed(server.url + path);
      expect(r.status, path).toBe(404);
      expect(r.body ?? '').not.toContain('@example.org');
    }
  });
});

describe('secrets in the log', { timeout: 120_000 }, () => {
  it('never logs passwords, tokens, the database password or SMTP credentials', async () => {
    const c = new StaffClient(server.url);
    const wrong = 'Wrong-Password-9191';
    expect((await c.login(email, wrong)).status).toBe(401);
    expect((await c.login(email)).status).toBe(200);
    const token = c.cookie.split('=')[1]!;
    expect(token.length).toBeGreaterThan(10);
    expect((await c.req('GET', '/api/auth/me')).status).toBe(200);
    expect((await c.req('GET', '/api/staff/plots?limit=1')).status).toBe(200);
    // A request that fails on the server side logs its error with the request.
    await c.req('GET', '/api/staff/audit?from=not-a-date');
    expect((await c.req('POST', '/api/auth/logout')).status).toBe(204);
    // The child writes its log asynchronously: stop it (the last test here that uses it), so
    // everything it logged is out, up to its own last line.
    await server.stop();
    await expect.poll(() => server.output().includes('stopped: in-flight requests finished')).toBe(true);
    const log = server.output();
    expect(log).toMatch(/"level":/); // the trace-level log was really captured
    for (const secret of [PASSWORD, wrong, token, c.csrf, DB_SECRET, SMTP_SECRET])
      expect(log.includes(secret), `log holds ${secret.slice(0, 6)}…`).toBe(false);
  });

  it('a start-up failure names the database without its password', async () => {
    const port = await freePort(); // nothing listens there
    const failed = await spawnServer(
      { DATABASE_URL: `postgres://app:${DB_SECRET}@127.0.0.1:${port}/tl`, LOG_LEVEL: 'trace' },
      { readyTimeoutMs: 30_000 },
    ).then(
      () => '',
      (err: Error) => err.message,
    );
    expect(failed).toMatch(/Cannot connect to DATABASE_URL postgres:\/\/app:\*\*\*@127\.0\.0\.1/);
    expect(failed).not.toContain(DB_SECRET);
  });
});
