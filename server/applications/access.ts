import type { RequestHandler, Response } from 'express';
import { requireSession, staffOf } from '../auth/guard.ts';
import type { Role } from '../auth/sql.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';

/** The signed-in user of an applications route, with what scoping needs. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  /** A handler's department; null for other roles. */
  departmentId: string | null;
  organisation: string | null;
  lang: 'fi' | 'sv' | 'en';
  /** The address was confirmed through the mailed link (or vouched for by whoever made the account). */
  emailVerified: boolean;
  /**
   * The company an applicant acts for in this session (one the mandates source offered at
   * sign-in; POST /api/auth/company checks that), else null: the person acts as themself.
   */
  company: { businessId: string; name: string } | null;
  ip?: string;
}

/**
 * Session (401 auth_required; CSRF on state changes) and one of `roles` (403 forbidden with the
 * user's role otherwise). The actor is read fresh, so a changed department applies at once.
 */
export function requireRole(db: Db, ...roles: Role[]): RequestHandler[] {
  return [
    requireSession(db),
    async (req, res, next) => {
      const s = staffOf(res);
      if (!roles.includes(s.role))
        throw new HttpError(403, 'forbidden', 'Your role does not allow this.', {
          value: s.role,
          accepted: roles,
        });
      const [u] = await db.query<{
        department_id: string | null;
        organisation: string | null;
        lang: Actor['lang'];
        verified: boolean;
      }>(
        `SELECT department_id, organisation, preferred_lang AS lang, email_verified_at IS NOT NULL AS verified
         FROM users WHERE id = $1`,
        [s.id],
      );
      res.locals.actor = {
        id: s.id,
        email: s.email,
        role: s.role,
        departmentId: s.role === 'handler' ? (u?.department_id ?? null) : null,
        organisation: u?.organisation ?? null,
        lang: u?.lang ?? 'fi',
        emailVerified: u?.verified === true,
        company: s.role === 'applicant' ? (s.company ?? null) : null,
        ip: req.ip,
      } satisfies Actor;
      next();
    },
  ];
}

export const actorOf = (res: Response): Actor => {
  const a = res.locals.actor as Actor | undefined;
  if (!a) throw new HttpError(401, 'auth_required', 'Sign in to continue.');
  return a;
};

/** An id from a path segment: 404 `code` unless a positive integer (so probing learns nothing). */
export function parseId(raw: unknown, code: string, what: string): string {
  const s = String(raw);
  if (!/^[1-9][0-9]{0,17}$/.test(s)) throw new HttpError(404, code, `No such ${what}.`, { value: s });
  return s;
}
