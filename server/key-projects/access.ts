import type { RequestHandler, Response } from 'express';
import { requireSession, staffOf } from '../auth/guard.ts';
import type { Role } from '../auth/sql.ts';
import type { Db, Queryable } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';

/** A signed-in staff member of the key-project routes, with the flags that scope what they see. */
export interface KeyActor {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  departmentId: string | null;
  /** A Business Services lead: sees and hands over every key project. */
  lead: boolean;
  lang: 'fi' | 'sv' | 'en';
  ip?: string;
}

/** Session (401; CSRF on changes) and one of `roles` (403 forbidden with the role otherwise). */
export function requireKeyRole(db: Db, ...roles: Role[]): RequestHandler[] {
  return [
    requireSession(db),
    async (req, res, next) => {
      const s = staffOf(res);
      if (!roles.includes(s.role))
        throw new HttpError(403, 'forbidden', 'Your role does not allow this.', {
          value: s.role,
          accepted: roles,
        });
      const [u] = await db.query<{ department_id: string | null; lead: boolean; lang: KeyActor['lang'] }>(
        `SELECT department_id, key_account_lead AS lead, preferred_lang AS lang FROM users WHERE id = $1`,
        [s.id],
      );
      res.locals.keyActor = {
        id: s.id,
        email: s.email,
        role: s.role,
        displayName: s.displayName,
        departmentId: s.role === 'handler' ? (u?.department_id ?? null) : null,
        lead: s.role === 'key_account_manager' && u?.lead === true,
        lang: u?.lang ?? 'fi',
        ip: req.ip,
      } satisfies KeyActor;
      next();
    },
  ];
}

export const keyActorOf = (res: Response): KeyActor => {
  const a = res.locals.keyActor as KeyActor | undefined;
  if (!a) throw new HttpError(401, 'auth_required', 'Sign in to continue.');
  return a;
};

/** Sees every key project: an admin or a Business Services lead. */
export const seesAll = (a: KeyActor) => a.role === 'admin' || a.lead;

/**
 * How the actor takes part in a key project: 'manager' (its manager, a lead or an admin: every
 * case), 'team' (a team member: the cases of their own department) or null (nothing; the routes
 * answer 404 key_project_not_found, so ids cannot be probed).
 */
export async function partIn(
  q: Queryable,
  a: KeyActor,
  projectId: string,
): Promise<'manager' | 'team' | null> {
  const [k] = await q.query<{ manager_user_id: string | null; on_team: boolean }>(
    `SELECT k.manager_user_id::text,
       EXISTS (SELECT 1 FROM key_project_team t WHERE t.project_id = k.project_id AND t.user_id = $2) AS on_team
     FROM key_projects k WHERE k.project_id = $1 AND k.is_key`,
    [projectId, a.id],
  );
  if (!k) return null;
  if (seesAll(a) || (a.role === 'key_account_manager' && k.manager_user_id === a.id)) return 'manager';
  if (a.role === 'handler' && k.on_team) return 'team';
  return null;
}

export const keyProjectNotFound = (id: string) =>
  new HttpError(404, 'key_project_not_found', 'No such key project.', { value: id });

/** The actor's part in the project, or 404 key_project_not_found. */
export async function requirePart(q: Queryable, a: KeyActor, projectId: string, need?: 'manager') {
  const part = await partIn(q, a, projectId);
  if (!part || (need === 'manager' && part !== 'manager')) throw keyProjectNotFound(projectId);
  return part;
}
