import express, { type Request, type Response, type Router } from 'express';
import * as client from 'openid-client';
import { audit } from '../../audit/log.ts';
import type { Db } from '../../db/index.ts';
import { HttpError } from '../../http/errors.ts';
import type { Logger } from '../../log.ts';
import { requireSession, staffOf } from '../guard.ts';
import { endSession, readCookie, sha256, startSession } from '../sessions.ts';
import { STAFF_ROLES } from '../sql.ts';
import { backchannelLogout } from './backchannel.ts';
import { discoverer, exchangeError, providerOf, stateInvalid, type OidcConfig } from './client.ts';
import { userOfIdentity } from './identity.ts';
import { MandatesError, mandatesOf, type Company } from './mandates.ts';
import * as sql from './sql.ts';

const FLOW_COOKIE = 'tl_oidc';
const q = (s: { text: string; values: unknown[] }) => [s.text, s.values] as const;

/**
 * /auth/oidc: sign-in through the configured OpenID Connect provider (authorization code with
 * PKCE, state and nonce), back-channel logout and logout at the provider. Nothing is mounted
 * without OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. Failures of a browser step go back
 * to the page it came from as ?oidc_error=<code>, which shows the message in the person's language.
 */
export function oidcRoutes(db: Db, config: OidcConfig & { sessionHours: number }, log: Logger): Router {
  const r = express.Router();
  const provider = providerOf(config);
  if (!provider) return r;
  const discover = discoverer(provider);
  const mandates = mandatesOf(config);

  const fail = (res: Response, back: string, err: unknown) => {
    const e = exchangeError(err);
    if (e.status >= 500) log.warn({ err, code: e.code }, 'OpenID Connect sign-in failed');
    else
      log.info(
        { code: e.code, reason: String((err as Error)?.message ?? '') },
        'OpenID Connect sign-in refused',
      );
    res.clearCookie(FLOW_COOKIE, { path: '/auth/oidc' });
    const to = new URL(back, 'http://x');
    to.searchParams.set('oidc_error', e.code);
    res.redirect(303, to.pathname + to.search);
  };

  r.get('/auth/oidc/start', async (req, res) => {
    const staff = req.query.for === 'staff';
    const back = staff ? '/staff.html' : applyReturn(req.query.return);
    if (staff && !config.oidcStaff) return fail(res, back, staffOff());
    try {
      const oc = await discover();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const verifier = client.randomPKCECodeVerifier();
      await db.query(...q(sql.insertFlow({ stateHash: sha256(state), verifier, nonce, returnTo: back })));
      // Binds the answer to this browser: a state sent from elsewhere finds no matching cookie.
      // Lax, because the provider sends the person back with a cross-site navigation.
      res.cookie(FLOW_COOKIE, state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/auth/oidc',
        maxAge: 600_000,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(
        303,
        client
          .buildAuthorizationUrl(oc, {
            redirect_uri: provider.redirectUrl,
            scope: 'openid profile email',
            state,
            nonce,
            code_challenge: await client.calculatePKCECodeChallenge(verifier),
            code_challenge_method: 'S256',
          })
          .toString(),
      );
    } catch (err) {
      fail(res, back, err);
    }
  });

  r.get('/auth/oidc/callback', async (req, res) => {
    const state = readCookie(req, FLOW_COOKIE);
    const given = typeof req.query.state === 'string' ? req.query.state : '';
    const [flow] =
      state && state.length < 200 ? await db.query<sql.FlowRow>(...q(sql.takeFlow(sha256(state)))) : [];
    const back = flow?.return_to ?? '/apply.html';
    res.setHeader('Cache-Control', 'no-store');
    // Once taken, the flow is gone: the same answer a second time is refused here.
    if (!flow || given !== state) return fail(res, back, stateInvalid());
    try {
      const oc = await discover();
      const current = new URL(provider.redirectUrl);
      current.search = new URL(req.originalUrl, 'http://x').search;
      const tokens = await client.authorizationCodeGrant(oc, current, {
        pkceCodeVerifier: flow.code_verifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const claims: Record<string, unknown> = { ...idClaims };
      // Claims the provider keeps for userinfo (a Keycloak mapper may put the mandates only there).
      if (!(config.oidcMandatesClaim in claims) || claims.email === undefined) {
        const info = await client.fetchUserInfo(oc, tokens.access_token, idClaims.sub).catch(() => null);
        for (const [k, v] of Object.entries(info ?? {})) if (!(k in claims)) claims[k] = v;
      }
      const user = await userOfIdentity(db, idClaims.iss, claims, req.ip);
      if (user.disabled)
        throw new HttpError(403, 'account_disabled', 'This account is disabled.', { value: null });
      const isStaff = (STAFF_ROLES as readonly string[]).includes(user.role);
      if (isStaff && !config.oidcStaff) throw staffOff();
      let companies: Company[] = [];
      if (user.role === 'applicant')
        companies = await mandates.companies({ claims, accessToken: tokens.access_token });
      const { tokenHash } = await startSession(db, req, res, user.id, config.sessionHours);
      await db.query(
        ...q(
          sql.setSessionProvider(tokenHash, {
            issuer: idClaims.iss,
            subject: idClaims.sub,
            sid: typeof idClaims.sid === 'string' ? idClaims.sid : null,
            companies,
          }),
        ),
      );
      await audit(db, {
        userId: user.id,
        actor: user.email,
        action: 'login.oidc',
        targetType: 'user',
        targetId: user.id,
        ip: req.ip,
        details: { issuer: idClaims.iss, companies: companies.length },
      });
      res.clearCookie(FLOW_COOKIE, { path: '/auth/oidc' });
      res.redirect(303, isStaff ? '/staff.html' : applyReturn(back));
    } catch (err) {
      if (err instanceof MandatesError)
        return fail(
          res,
          back,
          new HttpError(503, 'oidc_mandates_unavailable', 'The mandates service cannot be reached.', {
            value: null,
          }),
        );
      fail(res, back, err);
    }
  });

  r.post(
    '/auth/oidc/backchannel-logout',
    express.urlencoded({ extended: false, limit: '64kb' }),
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      const ended = await backchannelLogout(
        db,
        provider,
        discover,
        (req.body as { logout_token?: unknown })?.logout_token,
      );
      log.info({ sessions: ended }, 'back-channel logout');
      res.status(200).end();
    },
  );

  // The app session ends here; the answer says where the provider ends its own, when it can.
  r.post('/api/auth/oidc/logout', requireSession(db), async (req: Request, res: Response) => {
    const s = staffOf(res);
    await endSession(db, req, res);
    await audit(db, {
      userId: s.id,
      actor: s.email,
      action: 'logout',
      targetType: 'user',
      targetId: s.id,
      ip: req.ip,
    });
    let redirectTo: string | null = null;
    if (s.oidcIssuer) {
      const oc = await discover().catch(() => null);
      if (oc?.serverMetadata().end_session_endpoint)
        redirectTo = client
          .buildEndSessionUrl(oc, {
            client_id: provider.clientId,
            post_logout_redirect_uri: `${config.publicBaseUrl}/apply.html`,
          })
          .toString();
    }
    res.json({ redirectTo });
  });
  return r;
}

/**
 * Where an applicant's sign-in comes back to: the apply page with the query it was started from
 * (a plot card's link carries the plot, activity and facts), never another path or origin.
 */
export function applyReturn(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000) return '/apply.html';
  const m = /^\/apply\.html(\?[^#]*)?$/.exec(raw);
  if (!m) return '/apply.html';
  const q = new URLSearchParams(m[1] ?? '');
  q.delete('oidc_error');
  const search = q.toString();
  return search ? `/apply.html?${search}` : '/apply.html';
}

const staffOff = () =>
  new HttpError(403, 'oidc_staff_disabled', 'Staff do not sign in through the identity provider here.', {
    value: null,
  });
