import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type * as client from 'openid-client';
import type { Db } from '../../db/index.ts';
import { HttpError } from '../../http/errors.ts';
import type { Provider } from './client.ts';
import { deleteProviderSessions } from './sql.ts';

const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const invalid = (reason: string) =>
  new HttpError(400, 'oidc_logout_token_invalid', 'The logout token is not valid.', { value: reason });

let keys: { uri: string; set: JWTVerifyGetKey } | undefined;

/**
 * OpenID Connect Back-Channel Logout 1.0: checks the logout token (signature against the
 * issuer's published keys, iss, aud, iat, the logout event, sid or sub, no nonce) and ends the
 * app sessions of that provider session (sid) or of that person (sub). Returns how many ended.
 */
export async function backchannelLogout(
  db: Db,
  provider: Provider,
  discover: () => Promise<client.Configuration>,
  token: unknown,
): Promise<number> {
  if (typeof token !== 'string' || !token || token.length > 16_000) throw invalid('logout_token missing');
  const meta = (await discover()).serverMetadata();
  if (!meta.jwks_uri) throw invalid('the provider publishes no keys');
  if (keys?.uri !== meta.jwks_uri)
    keys = { uri: meta.jwks_uri, set: createRemoteJWKSet(new URL(meta.jwks_uri)) };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys.set, {
      issuer: meta.issuer,
      audience: provider.clientId,
      requiredClaims: ['iat'],
      maxTokenAge: '10 minutes',
    }));
  } catch (err) {
    throw invalid((err as { code?: string }).code ?? 'verification failed');
  }
  const events = payload.events as Record<string, unknown> | undefined;
  if (!events || typeof events !== 'object' || typeof events[EVENT] !== 'object')
    throw invalid('events claim without the back-channel logout event');
  if ('nonce' in payload) throw invalid('a logout token carries no nonce');
  const sid = typeof payload.sid === 'string' ? payload.sid : null;
  const sub = typeof payload.sub === 'string' ? payload.sub : null;
  if (!sid && !sub) throw invalid('neither sid nor sub');
  const d = deleteProviderSessions(meta.issuer, sid, sub);
  return (await db.query(d.text, d.values)).length;
}
