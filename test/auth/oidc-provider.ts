import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

/** A person the test provider knows: signs in by name, no password. */
export interface TestAccount {
  name: string;
  email?: string;
  /** Business IDs in the ID token's mandates claim and in the mandates endpoint's answer. */
  companies: Array<{ businessId: string; name: string }>;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** GET with a person's access token: [{ businessId, name }] they may represent. */
  mandatesUrl: string;
  accounts: Map<string, TestAccount>;
  /** While true, the token endpoint answers ID tokens with one signature character changed. */
  tamperIdTokens: boolean;
  /** Signs a token with the provider's own key (back-channel logout tokens, tampering tests). */
  sign(payload: Record<string, unknown>, typ?: string): Promise<string>;
  close(): Promise<void>;
}

export const MANDATES_CLAIM = 'business_ids';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

const readForm = async (req: http.IncomingMessage) => {
  let s = '';
  for await (const c of req) s += String(c);
  return new URLSearchParams(s);
};

/**
 * Starts oidc-provider on loopback (ephemeral port, in-memory adapter) with one confidential
 * client for `redirectUri` (PKCE S256 required, back-channel logout to `backchannelUri`), a login
 * page that takes an account's name, and a mandates endpoint that checks the bearer token.
 */
export async function startTestProvider(opts: {
  redirectUri: string;
  extraRedirectUris?: string[];
  backchannelUri?: string;
  postLogoutUri?: string;
  accounts: TestAccount[];
}): Promise<TestProvider> {
  const accounts = new Map(opts.accounts.map((a) => [a.name, a]));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tonttiluukku';
  const clientSecret = 'test-client-secret-' + Math.random().toString(36).slice(2);

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri, ...(opts.extraRedirectUris ?? [])],
        post_logout_redirect_uris: opts.postLogoutUri ? [opts.postLogoutUri] : [],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
        ...(opts.backchannelUri
          ? { backchannel_logout_uri: opts.backchannelUri, backchannel_logout_session_required: true }
          : {}),
      },
    ],
    jwks: { keys: [jwk] as never },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    claims: {
      // In the openid scope, as a Keycloak mapper on a default client scope would add it.
      openid: ['sub', 'sid', MANDATES_CLAIM],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Every claim of the granted scopes in the ID token too, as a Keycloak mapper does.
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const a = accounts.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          name: a.name,
          ...(a.email ? { email: a.email, email_verified: true } : {}),
          [MANDATES_CLAIM]: a.companies.map((c) => c.businessId),
        }),
      };
    },
    // The test consents for the person: every requested scope is granted at once.
    loadExistingGrant: async (ctx) => {
      const clientId = ctx.oidc.client!.clientId;
      const accountId = ctx.oidc.session!.accountId!;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, i) => `/interaction/${i.uid}` },
    cookies: { keys: ['test-cookie-key'] },
  };
  const provider = new Provider(issuer, configuration);
  const oidc = provider.callback();

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/token' && tp.tamperIdTokens) tamper(res);
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (url.pathname === '/mandates') return void mandates(req, res);
    if (!m) return void oidc(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (!m[2]) {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          return void res.end(
            page(
              'Test identity provider',
              `<form method="post" action="/interaction/${details.uid}/login">` +
                `<label for="login">Name</label> <input id="login" name="login" autocomplete="off">` +
                `<button type="submit">Sign in</button></form>`,
            ),
          );
        }
        const login = (await readForm(req)).get('login') ?? '';
        if (!accounts.has(login)) {
          res.statusCode = 400;
          return void res.end(page('Unknown test account', `<p>${login.replace(/[<>&"]/g, '')}</p>`));
        }
        await provider.interactionFinished(req, res, { login: { accountId: login } });
      } catch (err) {
        res.statusCode = 500;
        res.end(String(err));
      }
    })();
  });

  // Who may represent whom, as Suomi.fi Mandates answers it, for the person of the access token.
  async function mandates(req: http.IncomingMessage, res: http.ServerResponse) {
    const auth = req.headers.authorization ?? '';
    const who = await fetch(issuer + '/me', { headers: { authorization: auth } });
    if (!who.ok) {
      res.statusCode = 401;
      return void res.end();
    }
    const { sub } = (await who.json()) as { sub: string };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(accounts.get(sub)?.companies ?? []));
  }

  const key: CryptoKey = privateKey;
  const tp: TestProvider = {
    tamperIdTokens: false,
    issuer,
    clientId,
    clientSecret,
    mandatesUrl: issuer + '/mandates',
    accounts,
    sign: (payload, typ = 'JWT') =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ }).sign(key),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return tp;
}

/** Changes one character inside the ID token's signature (same length, so Content-Length holds). */
function tamper(res: http.ServerResponse) {
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => http.ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const body = JSON.parse(String(chunk)) as { id_token?: string };
      if (body.id_token) {
        const t = body.id_token;
        const i = t.length - 20;
        body.id_token = t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
        chunk = JSON.stringify(body);
      }
    }
    return end(chunk, ...rest);
  }) as typeof res.end;
}
