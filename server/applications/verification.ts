import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { audit } from '../audit/log.ts';
import { sha256 } from '../auth/sessions.ts';
import type { Queryable } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { actorOf, type Actor } from './access.ts';
import { verificationMail } from './account-mails.ts';
import type { Lang } from './mails.ts';
import { sendAll, type AppsDeps } from './service.ts';

/** How long a verification link works. */
export const VERIFY_HOURS = 48;
/** Links sent again: one a minute, five a day per account (counted in the database, every instance). */
const RESEND_GAP_S = 60;
const RESEND_PER_DAY = 5;

/** Stores a new single-use token for the user (only its hash) and returns the token. */
export async function newVerificationToken(tx: Queryable, userId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO email_verifications (token_hash, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(hours => $3))`,
    [sha256(token), userId, VERIFY_HOURS],
  );
  return token;
}

export const verificationMailFor = (deps: AppsDeps, to: string, lang: Lang, token: string) =>
  verificationMail(to, lang, token, VERIFY_HOURS, deps.config.publicBaseUrl);

const invalidToken = () =>
  badRequest(
    'invalid_token',
    'The link is unknown, already used or expired. If your address is confirmed, just sign in.',
    null,
  );

/**
 * Follows a verification link: the token is spent (with every other one of the account) and the
 * address marked verified. 400 invalid_token for an unknown, used or expired one. Signs nobody
 * in: whoever registered someone else's address would otherwise hand them an account whose
 * password the registrant knows.
 */
export async function verifyEmail(deps: AppsDeps, raw: unknown, ip?: string): Promise<{ email: string }> {
  if (typeof raw !== 'string' || raw.length < 20 || raw.length > 100) throw invalidToken();
  return deps.db.transaction(async (tx) => {
    const [t] = await tx.query<{ user_id: string }>(
      `DELETE FROM email_verifications WHERE token_hash = $1 AND expires_at > now() RETURNING user_id::text`,
      [sha256(raw)],
    );
    if (!t) throw invalidToken();
    await tx.query(`DELETE FROM email_verifications WHERE user_id = $1`, [t.user_id]);
    const [u] = await tx.query<{ email: string }>(
      `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1 RETURNING email`,
      [t.user_id],
    );
    if (!u) throw invalidToken();
    await audit(tx, {
      userId: t.user_id,
      actor: u.email,
      action: 'applicant.verify_email',
      targetType: 'user',
      targetId: t.user_id,
      ip,
    });
    return { email: u.email };
  });
}

/**
 * Mails a new link to the signed-in applicant. 409 already_verified; 429 too_many_requests
 * (with retry_after_s) within a minute of the last link or after five in a day.
 */
export async function resendVerification(deps: AppsDeps, a: Actor): Promise<void> {
  if (a.emailVerified)
    throw new HttpError(409, 'already_verified', 'The e-mail address is already confirmed.', {
      value: a.email,
    });
  const token = await deps.db.transaction(async (tx) => {
    // One account's resends queue here, so two instances cannot both pass the count.
    await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [a.id]);
    const [r] = await tx.query<{ day: number; since_last: number | null; oldest: number | null }>(
      `SELECT count(*)::int AS day,
         extract(epoch FROM now() - max(created_at))::float8 AS since_last,
         extract(epoch FROM min(created_at) + interval '1 day' - now())::float8 AS oldest
       FROM email_verifications WHERE user_id = $1 AND created_at > now() - interval '1 day'`,
      [a.id],
    );
    const wait =
      r && r.day >= RESEND_PER_DAY
        ? (r.oldest ?? 0)
        : r?.since_last != null && r.since_last < RESEND_GAP_S
          ? RESEND_GAP_S - r.since_last
          : 0;
    if (wait > 0)
      throw new HttpError(
        429,
        'too_many_requests',
        'A link was sent a moment ago; wait before asking again.',
        {
          value: null,
          retry_after_s: Math.max(1, Math.ceil(wait)),
        },
      );
    return newVerificationToken(tx, a.id);
  });
  await sendAll(deps, [verificationMailFor(deps, a.email, a.lang, token)]);
}

/**
 * After requireRole: anything that reaches the city (submitting, messages to handlers,
 * attachments) needs a confirmed address. 403 email_unverified otherwise.
 */
export const requireVerified: RequestHandler = (_req, res, next) => {
  const a = actorOf(res);
  if (a.role === 'applicant' && !a.emailVerified)
    throw new HttpError(
      403,
      'email_unverified',
      'Confirm your e-mail address first: follow the link in the mail we sent, or ask for a new one.',
      { value: a.email },
    );
  next();
};
