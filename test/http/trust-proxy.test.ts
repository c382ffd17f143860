/**
 * TRUST_PROXY decides whose X-Forwarded-For and X-Forwarded-Proto count: the client address the
 * rate limits count and whether the session cookie is Secure. Trusting a proxy that is not
 * there would let any client pick its address (and escape the login limit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import { ConfigError, loadConfig, type Config } from '../../server/config.ts';
import type { Running } from '../../server/main.ts';
import { PASSWORD } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

const EMAIL = 'proxy-tester@example.org';
/** An address that is not this test's client (which connects from loopback). */
const ELSEWHERE = loadConfig({ TRUST_PROXY: '10.9.9.9' }).trustProxy;

let db: TestDb;
const servers: Running[] = [];
let behindLoopback: Running;
let notBehindIt: Running;

async function server(overrides: Partial<Config>): Promise<Running> {
  const s = await startTestServer(db, overrides);
  servers.push(s);
  return s;
}

beforeAll(async () => {
  db = await openTestDb();
  await createUser(db, { email: EMAIL, password: PASSWORD, role: 'editor' }, { userId: null, actor: 'test' });
  behindLoopback = await server({});
  notBehindIt = await server({ trustProxy: ELSEWHERE });
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await db?.close();
});

/** Signs in as the test account with its password, or else as nobody (no account lockout). */
function login(base: string, headers: Record<string, string>, password?: string) {
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(
      password ? { email: EMAIL, password } : { email: 'nobody@example.org', password: 'wrong password 1' },
    ),
  });
}
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe('TRUST_PROXY', () => {
  it('by default (loopback) counts a loopback proxy’s X-Forwarded-For address in the login limit', async () => {
    const s = await server({ loginRateLimitPerMinute: 2 });
    expect((await login(s.url, from('203.0.113.7'))).status).toBe(401);
    expect((await login(s.url, from('203.0.113.7'))).status).toBe(401);
    const third = await login(s.url, from('203.0.113.7'));
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    // Another client behind the same proxy has its own budget.
    expect((await login(s.url, from('203.0.113.8'))).status).toBe(401);
  });

  it('set to another address, ignores X-Forwarded-For and counts the real client address', async () => {
    const s = await server({ trustProxy: ELSEWHERE, loginRateLimitPerMinute: 2 });
    expect((await login(s.url, from('203.0.113.7'))).status).toBe(401);
    expect((await login(s.url, from('203.0.113.8'))).status).toBe(401);
    // A forged forwarded address does not buy a fresh budget.
    expect((await login(s.url, from('198.51.100.9'))).status).toBe(429);
  });

  it('makes the session cookie Secure for X-Forwarded-Proto: https only from a trusted proxy', async () => {
    const cookie = async (base: string, headers: Record<string, string>) => {
      const res = await login(base, headers, PASSWORD);
      expect(res.status).toBe(200);
      return res.headers.get('set-cookie') ?? '';
    };
    const https = { 'x-forwarded-proto': 'https' };
    expect(await cookie(behindLoopback.url, https)).toMatch(/;\s*Secure/i);
    expect(await cookie(behindLoopback.url, {})).not.toMatch(/;\s*Secure/i);
    expect(await cookie(notBehindIt.url, https)).not.toMatch(/;\s*Secure/i);
  });

  it('reads a hop count, addresses and CIDRs, loopback or false, and refuses anything else', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1,fd00::/8' }).trustProxy).toBe(
      '10.0.0.0/8,192.168.1.1,fd00::/8',
    );
    expect(loadConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy).toBe('loopback,uniquelocal');
    for (const bad of ['true', 'everyone', '10.0.0.0/33', '10.0.0.1/8/2', '300.1.1.1', '1.5'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
