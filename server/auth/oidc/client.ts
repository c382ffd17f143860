import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import { HttpError } from '../../http/errors.ts';

export type OidcConfig = Pick<
  Config,
  | 'oidcIssuer'
  | 'oidcClientId'
  | 'oidcClientSecret'
  | 'oidcRedirectUrl'
  | 'oidcStaff'
  | 'oidcMandates'
  | 'oidcMandatesClaim'
  | 'oidcMandatesUrl'
  | 'publicBaseUrl'
>;

/** The settings of a configured provider; null when OpenID Connect is off. */
export interface Provider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

export function providerOf(c: OidcConfig): Provider | null {
  if (!c.oidcIssuer || !c.oidcClientId || !c.oidcClientSecret) return null;
  return {
    issuer: c.oidcIssuer,
    clientId: c.oidcClientId,
    clientSecret: c.oidcClientSecret,
    redirectUrl: c.oidcRedirectUrl ?? `${c.publicBaseUrl}/auth/oidc/callback`,
  };
}

/** A provider on this machine may speak plain HTTP (development, tests); any other must use TLS. */
const isLoopback = (u: URL) =>
  u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

export const unavailable = (cause?: unknown) =>
  new HttpError(
    503,
    'oidc_unavailable',
    'The identity provider cannot be reached; try again soon.',
    {
      value: null,
    },
    { cause },
  );

/**
 * The provider's metadata and keys, discovered once and kept; a failed discovery is forgotten,
 * so the next sign-in tries again (the provider may have been down at start-up).
 */
export function discoverer(p: Provider): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | undefined;
  return () => {
    pending ??= (async () => {
      const url = new URL(p.issuer);
      const insecure = isLoopback(url);
      const oc = await client.discovery(
        url,
        p.clientId,
        { client_secret: p.clientSecret, id_token_signed_response_alg: 'RS256' },
        client.ClientSecretBasic(p.clientSecret),
        { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 10 },
      );
      // The ID token's signature is checked against the provider's keys even though it came
      // straight from the token endpoint: the sign-in rests on it, not on the channel alone.
      client.enableNonRepudiationChecks(oc);
      return oc;
    })().catch((err: unknown) => {
      pending = undefined;
      throw unavailable(err);
    });
    return pending;
  };
}

/**
 * The stable code of a failed code exchange: a wrong nonce, a token that does not verify, a
 * state that does not match, or a provider that is down or refuses.
 */
export function exchangeError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { code?: string; cause?: { claim?: string; cause?: { claim?: string } }; error?: string };
  // openid-client wraps oauth4webapi's error, which names the claim.
  const claim = e.cause?.claim ?? e.cause?.cause?.claim;
  if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'nonce')
    return new HttpError(401, 'oidc_nonce_mismatch', 'The sign-in answer was not for this sign-in.', {
      value: null,
    });
  if (e instanceof client.ResponseBodyError || e instanceof client.AuthorizationResponseError)
    return new HttpError(401, 'oidc_refused', 'The identity provider refused the sign-in.', {
      value: e.error ?? null,
    });
  if (typeof e.code === 'string' && e.code.startsWith('OAUTH_') && e.code !== 'OAUTH_HTTP_REQUEST_FORBIDDEN')
    return new HttpError(401, 'oidc_token_invalid', 'The identity provider’s answer did not verify.', {
      value: e.code,
    });
  return unavailable(err);
}

export const stateInvalid = () =>
  new HttpError(
    400,
    'oidc_state_invalid',
    'This sign-in link has expired or was already used; start again.',
    {
      value: null,
    },
  );
