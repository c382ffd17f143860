import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { sessionOf } from './sessions.ts';
import type { Role, SessionRow } from './sql.ts';

/** The signed-in user of a request that passed requireRole. */
export interface Staff {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  tokenHash: string;
  csrfToken: string;
  /** The provider of an OpenID Connect session; null for a password sign-in. */
  oidcIssuer?: string | null;
  /** Whom the mandates source said the person may represent, and whom they act for now. */
  companies?: Array<{ businessId: string; name: string }>;
  company?: { businessId: string; name: string } | null;
}

/** What each role may do. Roles outside this table (handler, applicant) may do none of it. */
export const PERMISSIONS = {
  'plots.read': ['admin', 'publisher', 'editor'],
  'plots.edit': ['admin', 'publisher', 'editor'],
  'plots.publish': ['admin', 'publisher'],
  'import.prepare': ['admin', 'publisher', 'editor'],
  'import.commit': ['admin', 'publisher'],
  'audit.read': ['admin'],
  'users.manage': ['admin'],
  'saved_searches.manage': ['admin'],
  // Every stored mail: addresses, case messages, confirm and unsubscribe links.
  'mail.read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (role: Role, p: Permission) => (PERMISSIONS[p] as readonly Role[]).includes(role);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function staffOf(res: Response): Staff {
  const s = res.locals.staff as Staff | undefined;
  if (!s) throw new HttpError(401, 'auth_required', 'Sign in to continue.');
  return s;
}

/** Compares in constant time; false for absent or different-length values. */
function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Loads the session: 401 auth_required without a live one. State-changing methods must also
 * carry the session's CSRF token in X-CSRF-Token (403 csrf_failed otherwise).
 */
export function requireSession(db: Db): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const s: SessionRow | undefined = await sessionOf(db, req);
    if (!s) throw new HttpError(401, 'auth_required', 'Sign in to continue.');
    if (!SAFE_METHODS.has(req.method) && !sameToken(req.get('x-csrf-token'), s.csrf_token))
      throw new HttpError(403, 'csrf_failed', 'The form expired; reload the page and try again.');
    res.locals.staff = {
      id: s.id,
      email: s.email,
      role: s.role,
      displayName: s.display_name,
      tokenHash: s.token_hash,
      csrfToken: s.csrf_token,
      oidcIssuer: s.oidc_issuer,
      companies: s.companies ?? [],
      company: s.company_business_id
        ? { businessId: s.company_business_id, name: s.company_name ?? '' }
        : null,
    } satisfies Staff;
    next();
  };
}

/** After requireSession: 403 forbidden unless the user's role has the permission. */
export function requirePermission(p: Permission): RequestHandler {
  return (_req, res, next) => {
    const s = staffOf(res);
    if (!can(s.role, p))
      throw new HttpError(403, 'forbidden', 'Your role does not allow this.', {
        value: s.role,
        permission: p,
      });
    next();
  };
}
