import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { createUser } from '../../server/auth/users.ts';
import type { Running } from '../../server/main.ts';
import { businessId } from '../applications/helpers.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { PASSWORD } from './client.ts';
import { Jar, freePort, signInThrough } from './oidc-flow.ts';
import { MANDATES_CLAIM, startTestProvider, type TestProvider } from './oidc-provider.ts';

let db: TestDb;
let idp: TestProvider;
let app: Running;
let viaHttp: Running;
const ACME = { businessId: businessId(2_345_001), name: 'Acme Oy' };
const OTHER = { businessId: businessId(3_456_002), name: 'Muu Ab' };

beforeAll(async () => {
  db = await openTestDb();
  const [port, port2] = [await freePort(), await freePort()];
  idp = await startTestProvider({
    redirectUri: `http://127.0.0.1:${port}/auth/oidc/callback`,
    extraRedirectUris: [`http://127.0.0.1:${port2}/auth/oidc/callback`],
    backchannelUri: `http://127.0.0.1:${port}/auth/oidc/backchannel-logout`,
    accounts: [
      { name: 'aino', email: 'aino@example.org', companies: [ACME] },
      { name: 'bertil', companies: [OTHER] },
      { name: 'taken', email: 'taken@example.org', companies: [] },
    ],
  });
  const oidc = { oidcIssuer: idp.issuer, oidcClientId: idp.clientId, oidcClientSecret: idp.clientSecret };
  app = await startTestServer(db, {
    ...oidc,
    port,
    oidcRedirectUrl: `http://127.0.0.1:${port}/auth/oidc/callback`,
    oidcMandatesClaim: MANDATES_CLAIM,
  });
  viaHttp = await startTestServer(db, {
    ...oidc,
    port: port2,
    oidcRedirectUrl: `http://127.0.0.1:${port2}/auth/oidc/callback`,
    oidcMandates: 'http',
    oidcMandatesUrl: idp.mandatesUrl,
    passwordLogin: false,
  });
});
afterAll(async () => {
  await app?.stop();
  await viaHttp?.stop();
  await idp?.close();
  await db?.close();
});

const base = () => `http://127.0.0.1:${app.port}`;

async function me(jar: Jar, origin = base()) {
  const res = await fetch(origin + '/api/auth/me', { headers: { cookie: jar.header(new URL(origin)) } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('OpenID Connect sign-in', () => {
  it('signs an applicant in through the provider: session, identity and companies from the claim', async () => {
    const s = await signInThrough(base(), 'aino');
    expect(s.landed.pathname + s.landed.search).toBe('/apply.html');
    const m = await me(s.jar);
    expect(m.status).toBe(200);
    expect(m.body.user).toMatchObject({ email: 'aino@example.org', role: 'applicant' });
    expect(m.body.companies).toEqual([{ businessId: ACME.businessId, name: ACME.businessId }]);
    const [row] = await db.query<{ subject: string; sid: string | null }>(
      `SELECT i.subject, s.oidc_sid AS sid FROM user_identities i JOIN sessions s ON s.user_id = i.user_id
       WHERE i.issuer = $1 AND i.subject = 'aino'`,
      [idp.issuer],
    );
    expect(row?.sid).toBeTruthy();
    // A second sign-in finds the same account by (issuer, subject).
    const again = await signInThrough(base(), 'aino');
    expect(((await me(again.jar)).body.user as { id: string }).id).toBe((m.body.user as { id: string }).id);
  });

  it('never links an identity to a password account by its e-mail address', async () => {
    const pw = await createUser(
      db,
      { email: 'taken@example.org', password: PASSWORD, role: 'admin' },
      { userId: null, actor: 'test' },
    );
    const s = await signInThrough(base(), 'taken');
    const m = await me(s.jar);
    expect(m.status).toBe(200);
    expect(m.body.user).toMatchObject({ role: 'applicant' });
    expect((m.body.user as { id: string }).id).not.toBe(pw.id);
    expect((m.body.user as { email: string }).email).not.toBe('taken@example.org');
  });

  it('refuses a replayed state: the provider answer works once', async () => {
    let flowCookie = '';
    const jar = new Jar();
    const s = await signInThrough(base(), 'aino', {
      jar,
      beforeCallback: (u) => void (flowCookie = jar.get(u.origin, 'tl_oidc') ?? ''),
    });
    expect(s.landed.search).toBe('');
    const again = await fetch(s.callback!, {
      redirect: 'manual',
      headers: { cookie: `tl_oidc=${flowCookie}` },
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/apply.html?oidc_error=oidc_state_invalid');
  });

  it('comes back to the apply page it started from, query kept; never to another path or origin', async () => {
    const from = '/apply.html?plot=12&activity=surface-treatment&lang=sv';
    const start = (r: string) => `/auth/oidc/start?return=${encodeURIComponent(r)}`;
    const s = await signInThrough(base(), 'aino', { start: start(from + '&oidc_error=oidc_refused') });
    expect(s.landed.pathname + s.landed.search).toBe(from);
    for (const elsewhere of [
      'https://evil.example/apply.html',
      '//evil.example/x',
      '/staff.html',
      '/api/x',
    ]) {
      const e = await signInThrough(base(), 'aino', { start: start(elsewhere) });
      expect(e.landed.pathname + e.landed.search).toBe('/apply.html');
    }
    // A refused sign-in keeps the query too, with the reason beside it.
    const f = await signInThrough(base(), 'aino', {
      start: start(from),
      beforeCallback: (u) => void u.searchParams.set('state', 'forged-state'),
    });
    expect(f.landed.pathname + f.landed.search).toBe(`${from}&oidc_error=oidc_state_invalid`);
  });

  it('refuses an answer whose state is not the one this browser started', async () => {
    const a = await signInThrough(base(), 'aino', {
      beforeCallback: (u) => void u.searchParams.set('state', 'forged-state'),
    });
    expect(a.landed.search).toBe('?oidc_error=oidc_state_invalid');
    expect((await me(a.jar)).status).toBe(401);
  });

  it('refuses an ID token whose nonce is not the one the sign-in stored', async () => {
    const s = await signInThrough(base(), 'aino', {
      beforeCallback: async () => void (await db.query(`UPDATE oidc_flows SET nonce = 'another-sign-in'`)),
    });
    expect(s.landed.search).toBe('?oidc_error=oidc_nonce_mismatch');
    expect((await me(s.jar)).status).toBe(401);
  });

  it('refuses an ID token whose signature does not verify', async () => {
    idp.tamperIdTokens = true;
    try {
      const s = await signInThrough(base(), 'aino');
      expect(s.landed.search).toBe('?oidc_error=oidc_token_invalid');
      expect((await me(s.jar)).status).toBe(401);
    } finally {
      idp.tamperIdTokens = false;
    }
  });

  it('ends the session on a back-channel logout signed by the provider, not on a forged one', async () => {
    const s = await signInThrough(base(), 'aino');
    const [row] = await db.query<{ sid: string }>(
      `SELECT oidc_sid AS sid FROM sessions WHERE oidc_subject = 'aino' ORDER BY created_at DESC LIMIT 1`,
    );
    const claims = {
      iss: idp.issuer,
      aud: idp.clientId,
      iat: Math.floor(Date.now() / 1000),
      jti: 'logout-' + Math.random(),
      sid: row!.sid,
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    };
    const post = (token: string) =>
      fetch(base() + '/auth/oidc/backchannel-logout', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }),
      });
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'logout+jwt' })
      .sign(privateKey);
    const refused = await post(forged);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'oidc_logout_token_invalid',
    );
    expect((await me(s.jar)).status).toBe(200);
    const noEvent = await post(await idp.sign({ ...claims, events: {} }, 'logout+jwt'));
    expect(noEvent.status).toBe(400);

    const ok = await post(await idp.sign(claims, 'logout+jwt'));
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await me(s.jar)).status).toBe(401);
  });
});

describe('acting for a company', () => {
  it('lets the person act for a company the mandates source gave, and refuses another', async () => {
    const s = await signInThrough(base(), 'aino');
    const origin = base();
    const { csrfToken } = (await me(s.jar)).body as { csrfToken: string };
    const choose = (businessId: string | null) =>
      fetch(origin + '/api/auth/company', {
        method: 'POST',
        headers: {
          cookie: s.jar.header(new URL(origin)),
          'x-csrf-token': csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ businessId }),
      });
    const refused = await choose(OTHER.businessId);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { code: 'company_not_mandated', value: OTHER.businessId },
    });
    expect((await choose(ACME.businessId)).status).toBe(200);
    expect((await me(s.jar)).body.company).toEqual({ businessId: ACME.businessId, name: ACME.businessId });
    expect((await choose(null)).status).toBe(200);
    expect((await me(s.jar)).body.company).toBeNull();
  });

  it('reads the companies from a mandates endpoint, names included', async () => {
    const s = await signInThrough(`http://127.0.0.1:${viaHttp.port}`, 'bertil');
    expect(s.landed.search).toBe('');
    const m = await me(s.jar, `http://127.0.0.1:${viaHttp.port}`);
    expect(m.body.companies).toEqual([OTHER]);
  });
});

describe('password sign-in switched off', () => {
  it('answers the password routes with password_login_off and says which methods are on', async () => {
    const origin = `http://127.0.0.1:${viaHttp.port}`;
    const login = await fetch(origin + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'taken@example.org', password: PASSWORD }),
    });
    expect(login.status).toBe(404);
    expect(await login.json()).toMatchObject({ error: { code: 'password_login_off' } });
    const reg = await fetch(origin + '/api/applications/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reg.status).toBe(404);
    expect(await (await fetch(origin + '/api/auth/methods')).json()).toEqual({
      password: false,
      oidc: true,
      oidcStaff: false,
    });
    expect(await (await fetch(base() + '/api/auth/methods')).json()).toEqual({
      password: true,
      oidc: true,
      oidcStaff: false,
    });
  });
});
