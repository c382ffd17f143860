/**
 * Registration: the address is confirmed through a mailed single-use link before anything reaches
 * the city; the form does not tell who already has an account; breached passwords are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { StaffClient, signedIn } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  APPLICANT_PASSWORD,
  businessId,
  handlerOf,
  registerApplicant,
  registerUnverified,
  roihupeltoPlot,
  verificationToken,
  MANY_LOGINS,
} from './helpers.ts';

let db: TestDb;
let server: Running;
let plot: number;
let n = 0;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  plot = await roihupeltoPlot(db);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const register = (fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(server.url + '/api/applications/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      organisation: 'Rekisteri Oy',
      businessId: businessId(7_000_000 + ++n * 7),
      password: APPLICANT_PASSWORD,
      lang: 'en',
      ...fields,
    }),
  });
const verify = (token: unknown) =>
  fetch(server.url + '/api/applications/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
const mailsTo = (email: string) =>
  db.query<{ kind: string; subject: string; text_body: string }>(
    `SELECT kind, subject, text_body FROM mail_outbox WHERE lower(to_address) = lower($1) ORDER BY id`,
    [email],
  );
const draft = async (c: StaffClient) => {
  const res = await c.json<{ project: { id: string } }>('POST', '/api/applications/projects', {
    plotIds: [plot],
    activity: 'surface-treatment',
    facts: { new_building: true },
  });
  expect(res.status).toBe(201);
  return res.body.project.id;
};
const upload = (c: StaffClient, projectId: string) => {
  const f = new FormData();
  f.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')]), 'plan.pdf');
  return fetch(`${server.url}/api/applications/projects/${projectId}/attachments`, {
    method: 'POST',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
    body: f,
  });
};

describe('e-mail verification', () => {
  it('registration answers "check your mail" without a session and mails a link', async () => {
    const email = `uusi-${n}@example.org`;
    const res = await register({ email });
    expect(res.status).toBe(202);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({ status: 'verification_sent', email });
    const [mail] = await mailsTo(email);
    expect(mail).toMatchObject({
      kind: 'account.verify_email',
      subject: 'Confirm your e-mail address – Tonttiluukku',
    });
    expect(mail!.text_body).toMatch(/\/apply\.html\?verify=[\w-]{40,}&lang=en/);
  });

  it('until verified an applicant may prepare a draft but not submit it or send files: 403 email_unverified', async () => {
    const c = await registerUnverified(server.url, 'Odottava Oy', 'sv');
    const me = await c.json<{ user: { emailVerified: boolean } }>('GET', '/api/applications/me');
    expect(me.body.user.emailVerified).toBe(false);
    const id = await draft(c);
    const submit = await c.json<{ error: { code: string } }>(
      'POST',
      `/api/applications/projects/${id}/submit`,
    );
    expect(submit.status).toBe(403);
    expect(submit.body.error.code).toBe('email_unverified');
    const up = await upload(c, id);
    expect(up.status).toBe(403);
    expect(((await up.json()) as { error: { code: string } }).error.code).toBe('email_unverified');
    expect(await db.query(`SELECT 1 FROM cases WHERE project_id = $1 AND stage <> 'draft'`, [id])).toEqual(
      [],
    );

    // The link confirms the address once; the same draft can then be submitted.
    const token = await verificationToken(db, c.email);
    const ok = await verify(token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'verified', email: c.email });
    expect(ok.headers.get('set-cookie')).toBeNull();
    const again = await verify(token);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    expect((await c.json('GET', '/api/applications/me')).body).toMatchObject({
      user: { emailVerified: true },
    });
    expect((await c.req('POST', `/api/applications/projects/${id}/submit`)).status).toBe(200);
    expect((await upload(c, id)).status).toBe(201);
  });

  it('a message to a handler also needs a confirmed address', async () => {
    const c = await registerApplicant(db, server.url);
    const id = await draft(c);
    const p = await c.json<{ project: { cases: Array<{ id: string; department: { id: string } }> } }>(
      'POST',
      `/api/applications/projects/${id}/submit`,
    );
    const env = p.body.project.cases.find((x) => x.department.id === 'environmental-services')!;
    const h = await handlerOf(db, server.url, 'environmental-services');
    await h.req('POST', `/api/applications/cases/${env.id}/stage`, { to: 'received' });
    await h.req('POST', `/api/applications/cases/${env.id}/stage`, {
      to: 'supplement_requested',
      message: 'Lisää.',
    });
    await db.query(`UPDATE users SET email_verified_at = NULL WHERE lower(email) = lower($1)`, [c.email]);
    const f = new FormData();
    f.append('message', 'Tässä.');
    const reply = await fetch(`${server.url}/api/applications/cases/${env.id}/reply`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf },
      body: f,
    });
    expect(reply.status).toBe(403);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('email_unverified');
  });

  it('an expired or unknown link is refused', async () => {
    const c = await registerUnverified(server.url);
    const token = await verificationToken(db, c.email);
    await db.query(
      `UPDATE email_verifications SET expires_at = now() - interval '1 second'
       WHERE user_id = (SELECT id FROM users WHERE lower(email) = lower($1))`,
      [c.email],
    );
    expect((await verify(token)).status).toBe(400);
    expect((await verify('x'.repeat(43))).status).toBe(400);
    expect((await verify(42)).status).toBe(400);
    expect((await c.json('GET', '/api/applications/me')).body).toMatchObject({
      user: { emailVerified: false },
    });
  });

  it('"send the link again" mails a new link, at most one a minute', async () => {
    const c = await registerUnverified(server.url);
    await db.query(
      `UPDATE email_verifications SET created_at = now() - interval '2 minutes'
       WHERE user_id = (SELECT id FROM users WHERE lower(email) = lower($1))`,
      [c.email],
    );
    const first = await c.req('POST', '/api/applications/verification');
    expect(first.status).toBe(202);
    expect((await mailsTo(c.email)).filter((m) => m.kind === 'account.verify_email')).toHaveLength(2);
    const second = await c.json<{ error: { code: string; retry_after_s: number } }>(
      'POST',
      '/api/applications/verification',
    );
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('too_many_requests');
    expect(second.body.error.retry_after_s).toBeGreaterThan(0);
    expect((await mailsTo(c.email)).filter((m) => m.kind === 'account.verify_email')).toHaveLength(2);
    // The newest link works.
    expect((await verify(await verificationToken(db, c.email))).status).toBe(200);
    expect((await c.req('POST', '/api/applications/verification')).status).toBe(409);
  });
});

describe('an address that already has an account', () => {
  it('gets the answer a new address gets, and its owner a notice in their language instead', async () => {
    const fresh = await register({ email: `vapaa-${n}@example.org` });
    const freshBody = (await fresh.json()) as Record<string, unknown>;
    const admin = await signedIn(db, server.url, 'admin');
    const adminEmail = ((await admin.json('GET', '/api/auth/me')).body as { user: { email: string } }).user
      .email;
    await db.query(`UPDATE users SET preferred_lang = 'sv' WHERE email = $1`, [adminEmail]);
    const applicant = await registerApplicant(db, server.url);

    for (const taken of [adminEmail, applicant.email.toUpperCase()]) {
      const res = await register({ email: taken, password: 'an attacker’s own password' });
      expect(res.status).toBe(fresh.status);
      expect(res.headers.get('set-cookie')).toBeNull();
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(Object.keys(freshBody));
      expect(body).toEqual({ status: 'verification_sent', email: taken });
    }
    const adminMails = await mailsTo(adminEmail);
    expect(adminMails.map((m) => m.kind)).toEqual(['account.register_attempt']);
    expect(adminMails[0]!.subject).toBe('Någon försökte registrera sig med din adress – Tonttiluukku');
    expect((await mailsTo(applicant.email)).map((m) => m.kind)).toEqual([
      'account.verify_email',
      'account.register_attempt',
    ]);
    // Nothing changed: one account per address, its own password still signs in.
    expect(await db.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [adminEmail])).toHaveLength(
      1,
    );
    expect((await new StaffClient(server.url).login(applicant.email, APPLICANT_PASSWORD)).status).toBe(200);

    // Repeated attempts are told once an hour, not once each.
    await register({ email: adminEmail });
    expect(await mailsTo(adminEmail)).toHaveLength(1);
  });
});

describe('breached passwords', () => {
  const BREACHED = 'Qwerty123456'; // "qwerty123456" is on the shipped list; case does not matter

  it('are refused at registration with password_breached in the form’s language, storing nothing', async () => {
    const email = `vuoto-${n}@example.org`;
    for (const [lang, words] of [
      ['sv', /har läckt/],
      ['fi', /on vuotanut/],
      ['en', /has leaked/],
    ] as const) {
      const res = await register({ email, password: BREACHED, lang });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string; value: unknown } };
      expect(error.code).toBe('password_breached');
      expect(error.message).toMatch(words);
      expect(error.value).toBeNull();
    }
    expect(await db.query(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
  });

  it('are refused as a new password, for applicants and staff', async () => {
    const c = await registerApplicant(db, server.url);
    const res = await c.req('POST', '/api/auth/password', {
      currentPassword: APPLICANT_PASSWORD,
      newPassword: '1QAZ2WSX3EDC',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('password_breached');

    const admin = await signedIn(db, server.url, 'admin');
    const own = await fetch(server.url + '/api/auth/password', {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': 'application/json',
        'accept-language': 'fi',
      },
      body: JSON.stringify({ currentPassword: 'correct horse battery staple', newPassword: '123qweasdzxc' }),
    });
    expect(own.status).toBe(400);
    const body = (await own.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'password_breached' });
    expect(body.error.message).toMatch(/on vuotanut/);
    const made = await admin.json<{ error: { code: string } }>('POST', '/api/staff/users', {
      email: `toimittaja-${n}@example.org`,
      password: 'q1w2e3r4t5y6',
      role: 'editor',
    });
    expect(made.status).toBe(400);
    expect(made.body.error.code).toBe('password_breached');
  });
});
