import type { Request, Response } from 'express';
import { audit } from '../audit/log.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { startSession } from '../auth/sessions.ts';
import type { UserRow } from '../auth/sql.ts';
import { toPublicUser, type PublicUser } from '../auth/users.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGS = ['fi', 'sv', 'en'] as const;

/**
 * True for a Finnish business ID (Y-tunnus) `NNNNNNN-C` whose check digit is right: weights
 * 7 9 10 5 8 4 2, sum mod 11; remainder 0 gives 0, remainder 1 is never issued, otherwise 11 - r.
 */
export function isBusinessId(v: string): boolean {
  const m = /^([0-9]{7})-([0-9])$/.exec(v);
  if (!m) return false;
  const w = [7, 9, 10, 5, 8, 4, 2];
  const r = [...m[1]!].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11;
  if (r === 1) return false;
  return (r === 0 ? 0 : 11 - r) === Number(m[2]);
}

/**
 * Registers a company's user as an applicant and signs them in. 400 with the field's code
 * (organisation_required, invalid_business_id, invalid_email, password_too_short), 409
 * email_taken. Nothing is stored when any field is wrong.
 */
export async function registerApplicant(
  db: Db,
  config: Pick<Config, 'sessionHours'>,
  req: Request,
  res: Response,
): Promise<{ user: PublicUser & { businessId: string }; csrfToken: string }> {
  if (!req.is('application/json'))
    throw new HttpError(415, 'json_required', 'Send the registration as application/json.', {
      value: req.get('content-type') ?? null,
    });
  const b = (req.body ?? {}) as Record<string, unknown>;
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
  const pw = passwordProblem(b.password);
  if (pw) throw badRequest(pw, 'The password must be at least 12 characters long.', null);
  const lang = (LANGS as readonly string[]).includes(String(b.lang)) ? String(b.lang) : 'fi';
  const displayName = typeof b.displayName === 'string' ? b.displayName.trim().slice(0, 200) : '';
  const hash = await hashPassword(b.password as string);
  const user = await db.transaction(async (tx) => {
    const taken = await tx.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
    if (taken.length)
      throw new HttpError(409, 'email_taken', 'This e-mail address already has an account.', {
        value: email,
      });
    const [row] = await tx.query<UserRow & { business_id: string }>(
      `INSERT INTO users (email, display_name, role, password_hash, organisation, business_id, preferred_lang)
       VALUES ($1, $2, 'applicant', $3, $4, $5, $6)
       RETURNING id::text, email, display_name, role, department_id, organisation, password_hash, disabled,
         failed_logins, locked_until, last_login_at, created_at, business_id`,
      [email, displayName, hash, organisation, businessId, lang],
    );
    await audit(tx, {
      userId: row!.id,
      actor: email,
      action: 'applicant.register',
      targetType: 'user',
      targetId: row!.id,
      ip: req.ip,
    });
    return row!;
  });
  const { csrfToken } = await startSession(db, req, res, user.id, config.sessionHours);
  return { user: { ...toPublicUser(user), businessId }, csrfToken };
}
