import type { Request } from 'express';
import { audit } from '../audit/log.ts';
import { isBusinessId } from '../../shared/business-id.ts';
import { checkPassword, hashPassword } from '../auth/passwords.ts';
import type { Queryable } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import type { MailMessage } from '../mail/index.ts';
import { registrationAttemptMail } from './account-mails.ts';
import type { Lang } from './mails.ts';
import { sendAll, type AppsDeps } from './service.ts';
import { newVerificationToken, verificationMailFor } from './verification.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGS = ['fi', 'sv', 'en'] as const;

export { isBusinessId };

/** What registration answers, whether or not the address already had an account. */
export interface RegistrationAnswer {
  status: 'verification_sent';
  email: string;
}

/**
 * Registers a company's user as an applicant and mails the link that confirms the address; signs
 * nobody in. 400 with the field's code (organisation_required, invalid_business_id, invalid_email,
 * password_too_short, password_breached: the password message in the form's language). Nothing
 * is stored when any field is wrong. An address that already has an account (an applicant's or
 * a staff member's) gets the same answer, after the same password hashing, and its owner a notice
 * mail instead, so the form cannot be used to find out who has an account.
 */
export async function registerApplicant(deps: AppsDeps, req: Request): Promise<RegistrationAnswer> {
  const { db } = deps;
  if (!req.is('application/json'))
    throw new HttpError(415, 'json_required', 'Send the registration as application/json.', {
      value: req.get('content-type') ?? null,
    });
  const b = (req.body ?? {}) as Record<string, unknown>;
  const lang = (LANGS as readonly string[]).includes(String(b.lang)) ? (String(b.lang) as Lang) : 'fi';
  const organisation = typeof b.organisation === 'string' ? b.organisation.trim() : '';
  if (!organisation || organisation.length > 200)
    throw badRequest(
      'organisation_required',
      'Give the company name (at most 200 characters).',
      b.organisation ?? null,
    );
  const businessId = typeof b.businessId === 'string' ? b.businessId.trim() : '';
  if (!isBusinessId(businessId))
    throw badRequest(
      'invalid_business_id',
      'Give the business ID (Y-tunnus) as 1234567-8 with a correct check digit.',
      b.businessId ?? null,
    );
  const email = typeof b.email === 'string' ? b.email.trim() : '';
  if (!EMAIL.test(email) || email.length > 320)
    throw badRequest('invalid_email', 'Give a valid e-mail address.', b.email ?? null);
  checkPassword(b.password, lang);
  const displayName = typeof b.displayName === 'string' ? b.displayName.trim().slice(0, 200) : '';
  // Hashed whether or not the address is free: the answer takes as long either way.
  const hash = await hashPassword(b.password);
  const mail = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO users (email, display_name, role, password_hash, organisation, business_id, preferred_lang)
       VALUES ($1, $2, 'applicant', $3, $4, $5, $6)
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING id::text`,
      [email, displayName, hash, organisation, businessId, lang],
    );
    if (!row) return attemptNotice(tx, deps, email, req.ip);
    await audit(tx, {
      userId: row.id,
      actor: email,
      action: 'applicant.register',
      targetType: 'user',
      targetId: row.id,
      ip: req.ip,
    });
    return verificationMailFor(deps, email, lang, await newVerificationToken(tx, row.id));
  });
  if (mail) await sendAll(deps, [mail]);
  return { status: 'verification_sent', email };
}

/** Repeated attempts on one address are told to its owner once an hour, not once each. */
async function attemptNotice(
  tx: Queryable,
  deps: AppsDeps,
  email: string,
  ip?: string,
): Promise<MailMessage | null> {
  const [owner] = await tx.query<{ id: string; email: string; lang: Lang; recent: boolean }>(
    `SELECT u.id::text, u.email, u.preferred_lang AS lang,
       EXISTS (SELECT 1 FROM mail_outbox m WHERE lower(m.to_address) = lower(u.email)
               AND m.kind = 'account.register_attempt' AND m.created_at > now() - interval '1 hour') AS recent
     FROM users u WHERE lower(u.email) = lower($1)`,
    [email],
  );
  if (!owner) return null;
  // Kept for the account's history (and a write like the new account's, so both take as long).
  await audit(tx, {
    userId: owner.id,
    actor: 'registration form',
    action: 'applicant.register_taken',
    targetType: 'user',
    targetId: owner.id,
    ip,
  });
  if (owner.recent) return null;
  return registrationAttemptMail(owner.email, owner.lang, deps.config.publicBaseUrl);
}
