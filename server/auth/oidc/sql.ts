/** SQL of OpenID Connect sign-in: pending flows, identities, and the provider side of sessions. */
import type { Sql } from '../sql.ts';

/** A pending sign-in for ten minutes; expired rows are removed on the way. */
export const insertFlow = (f: {
  stateHash: string;
  verifier: string;
  nonce: string;
  returnTo: string;
}): Sql => ({
  text: `WITH gone AS (DELETE FROM oidc_flows WHERE expires_at < now())
         INSERT INTO oidc_flows (state_hash, code_verifier, nonce, return_to, expires_at)
         VALUES ($1, $2, $3, $4, now() + interval '10 minutes')`,
  values: [f.stateHash, f.verifier, f.nonce, f.returnTo],
});

/** Takes the flow out: a second answer with the same state finds nothing. */
export const takeFlow = (stateHash: string): Sql => ({
  text: `DELETE FROM oidc_flows WHERE state_hash = $1 AND expires_at > now()
         RETURNING code_verifier, nonce, return_to`,
  values: [stateHash],
});

export interface FlowRow {
  code_verifier: string;
  nonce: string;
  return_to: string;
}

export const userOfIdentity = (issuer: string, subject: string): Sql => ({
  text: `UPDATE user_identities SET last_login_at = now() WHERE issuer = $1 AND subject = $2
         RETURNING user_id::text`,
  values: [issuer, subject],
});

export const insertIdentity = (issuer: string, subject: string, userId: string): Sql => ({
  text: `INSERT INTO user_identities (issuer, subject, user_id) VALUES ($1, $2, $3)`,
  values: [issuer, subject, userId],
});

/**
 * A person the provider vouches for, as an applicant. The address is theirs only when the
 * provider says it is verified and no account has it yet; otherwise a placeholder no mail reaches.
 */
export const insertOidcUser = (u: {
  email: string;
  verified: boolean;
  displayName: string;
  lang: string;
}): Sql => ({
  text: `INSERT INTO users (email, display_name, role, password_hash, preferred_lang, email_verified_at)
         VALUES ($1, $2, 'applicant', '!', $3, CASE WHEN $4 THEN now() END) RETURNING id::text`,
  values: [u.email, u.displayName, u.lang, u.verified],
});

export const emailTaken = (email: string): Sql => ({
  text: `SELECT 1 FROM users WHERE lower(email) = lower($1)`,
  values: [email],
});

export const setSessionProvider = (
  tokenHash: string,
  p: { issuer: string; subject: string; sid: string | null; companies: unknown[] },
): Sql => ({
  text: `UPDATE sessions SET oidc_issuer = $2, oidc_subject = $3, oidc_sid = $4, companies = $5::jsonb
         WHERE token_hash = $1`,
  values: [tokenHash, p.issuer, p.subject, p.sid, JSON.stringify(p.companies)],
});

/** Back-channel logout: the provider session's app sessions, or all of the subject's. */
export const deleteProviderSessions = (issuer: string, sid: string | null, subject: string | null): Sql => ({
  text: `DELETE FROM sessions WHERE oidc_issuer = $1
           AND ($2::text IS NULL OR oidc_sid = $2) AND ($3::text IS NULL OR oidc_subject = $3)
         RETURNING user_id::text`,
  values: [issuer, sid, subject],
});

export const setSessionCompany = (
  tokenHash: string,
  company: { businessId: string; name: string } | null,
): Sql => ({
  text: `UPDATE sessions SET company_business_id = $2, company_name = $3 WHERE token_hash = $1`,
  values: [tokenHash, company?.businessId ?? null, company?.name ?? null],
});
