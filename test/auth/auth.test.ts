import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { PASSWORD, StaffClient, signedIn } from './client.ts';

let db: TestDb;
let server: Running;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, {
    loginMaxFailures: 3,
    loginLockoutMinutes: 10,
    loginRateLimitPerMinute: 1000,
  });
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

async function account(role = 'editor'): Promise<string> {
  const email = `${role}-${Math.random().toString(36).slice(2, 9)}@example.org`;
  await createUser(db, { email, password: PASSWORD, role }, { userId: null, actor: 'test' });
  return email;
}

describe('login and sessions', () => {
  it('stores passwords as argon2id hashes, never in clear', async () => {
    const email = await account();
    const [row] = await db.query<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE email = $1`,
      [email],
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain(PASSWORD);
  });

  it('sets an HttpOnly SameSite cookie and answers /me only with it', async () => {
    const email = await account('publisher');
    const c = new StaffClient(server.url);
    const res = await c.login(email);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // plain HTTP in tests; Secure is set behind TLS
    const me = await c.json<{ user: { email: string; role: string } }>('GET', '/api/auth/me');
    expect(me.body.user).toMatchObject({ email, role: 'publisher' });
    const anon = await fetch(server.url + '/api/auth/me');
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe('auth_required');
  });

  it('gives the same answer for an unknown address and a wrong password', async () => {
    const email = await account();
    const wrong = await new StaffClient(server.url).login(email, 'not the password at all');
    const unknown = await new StaffClient(server.url).login('nobody@example.org', 'whatever password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('invalid_credentials');
    expect((await unknown.json()).error.code).toBe('invalid_credentials');
  });

  it('rotates the session id at login (a planted cookie is not adopted)', async () => {
    const email = await account();
    const c = new StaffClient(server.url);
    c.cookie = 'tl_session=planted-by-an-attacker';
    await c.login(email);
    expect(c.cookie).not.toContain('planted-by-an-attacker');
    const first = c.cookie;
    await c.login(email);
    expect(c.cookie).not.toBe(first);
    // The replaced session is gone.
    const old = await fetch(server.url + '/api/auth/me', { headers: { cookie: first } });
    expect(old.status).toBe(401);
  });

  it('logout ends the session on the server, not just in the browser', async () => {
    const email = await account();
    const c = new StaffClient(server.url);
    await c.login(email);
    const stolen = c.cookie;
    expect((await c.req('POST', '/api/auth/logout')).status).toBe(204);
    const res = await fetch(server.url + '/api/auth/me', { headers: { cookie: stolen } });
    expect(res.status).toBe(401);
  });

  it('locks the account after repeated failures, even for the right password, and logs it', async () => {
    const email = await account();
    const c = new StaffClient(server.url);
    for (let i = 0; i < 2; i++) expect((await c.login(email, 'wrong password ' + i)).status).toBe(401);
    const third = await c.login(email, 'wrong password 3');
    expect(third.status).toBe(429);
    const body = await third.json();
    expect(body.error.code).toBe('account_locked');
    expect(body.error.retry_after_s).toBeGreaterThan(500);
    const right = await c.login(email);
    expect(right.status).toBe(429);
    const audit = await db.query(`SELECT 1 FROM audit_log WHERE action = 'login.locked' AND actor = $1`, [
      email,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('a lock set by another instance holds here too (it lives in the database)', async () => {
    const email = await account();
    await db.query(`UPDATE users SET locked_until = now() + interval '5 minutes' WHERE email = $1`, [email]);
    expect((await new StaffClient(server.url).login(email)).status).toBe(429);
  });

  it('refuses a login that is not JSON (a cross-site form cannot send one)', async () => {
    const email = await account();
    const res = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe('json_required');
  });
});

describe('CSRF', () => {
  it('refuses a state change without the token and accepts it with', async () => {
    const c = await signedIn(db, server.url, 'editor');
    const body = { currentPassword: PASSWORD, newPassword: PASSWORD + ' 2' };
    const without = await c.req('POST', '/api/auth/password', body, { csrf: false });
    expect(without.status).toBe(403);
    expect((await without.json()).error.code).toBe('csrf_failed');
    const forged = await fetch(server.url + '/api/auth/password', {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': 'guessed', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(forged.status).toBe(403);
    expect((await c.req('POST', '/api/auth/password', body)).status).toBe(204);
  });
});

describe('password change', () => {
  it('needs the current password, then ends the other sessions and accepts only the new one', async () => {
    const email = await account();
    const a = new StaffClient(server.url);
    const b = new StaffClient(server.url);
    await a.login(email);
    await b.login(email);
    const bad = await a.json('POST', '/api/auth/password', {
      currentPassword: 'wrong one here',
      newPassword: 'a brand new passphrase',
    });
    expect(bad.status).toBe(401);
    const short = await a.json<{ error: { code: string } }>('POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(short.body.error.code).toBe('password_too_short');
    expect(
      (
        await a.req('POST', '/api/auth/password', {
          currentPassword: PASSWORD,
          newPassword: 'a brand new passphrase',
        })
      ).status,
    ).toBe(204);
    expect((await a.req('GET', '/api/auth/me')).status).toBe(200);
    expect((await b.req('GET', '/api/auth/me')).status).toBe(401);
    expect((await new StaffClient(server.url).login(email)).status).toBe(401);
    expect((await new StaffClient(server.url).login(email, 'a brand new passphrase')).status).toBe(200);
  });
});

describe('accounts (admin)', () => {
  it('an admin creates a publisher who can then sign in; the audit log records both', async () => {
    const admin = await signedIn(db, server.url, 'admin');
    const email = `new-pub-${Date.now()}@example.org`;
    const created = await admin.json<{ user: { role: string } }>('POST', '/api/staff/users', {
      email,
      password: PASSWORD,
      role: 'publisher',
    });
    expect(created.status).toBe(201);
    expect(created.body.user.role).toBe('publisher');
    expect(JSON.stringify(created.body)).not.toContain('argon2');
    expect(
      (await admin.json('POST', '/api/staff/users', { email, password: PASSWORD, role: 'editor' })).status,
    ).toBe(409);
    expect((await new StaffClient(server.url).login(email)).status).toBe(200);
    const log = await admin.json<{ items: Array<{ action: string; actor: string }> }>(
      'GET',
      `/api/staff/audit?actor=${encodeURIComponent(email)}`,
    );
    expect(log.body.items.map((i) => i.action)).toContain('login');
  });

  it('disabling an account ends its sessions at once', async () => {
    const admin = await signedIn(db, server.url, 'admin');
    const victim = await signedIn(db, server.url, 'editor');
    const me = await victim.json<{ user: { id: string } }>('GET', '/api/auth/me');
    expect(
      (await admin.json('PATCH', `/api/staff/users/${me.body.user.id}`, { disabled: true })).status,
    ).toBe(200);
    expect((await victim.req('GET', '/api/auth/me')).status).toBe(401);
  });

  it('exports the audit log as CSV', async () => {
    const admin = await signedIn(db, server.url, 'admin');
    const res = await admin.req('GET', '/api/staff/audit.csv?action=login');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,action,target_type,target_id,ip,details');
    expect(lines.length).toBeGreaterThan(2);
    // 'login' also selects its sub-actions (login.locked), nothing else.
    expect(lines.slice(1).every((l) => /,login(\.[a-z]+)?,/.test(l))).toBe(true);
  });
});

describe('login rate limit per address', () => {
  it('answers 429 too_many_requests past the limit', async () => {
    const limited = await startTestServer(db, { loginRateLimitPerMinute: 3 });
    try {
      const c = new StaffClient(limited.url);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await c.login('someone@example.org', 'x')).status);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});
