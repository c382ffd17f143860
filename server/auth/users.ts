import { audit } from '../audit/log.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { hashPassword, passwordError, passwordProblem, type Lang } from './passwords.ts';
import { ALL_ROLES, insertUser, listUsers, updateUser, type Role, type UserRow } from './sql.ts';

/** What the API shows of an account: never the hash. */
export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  organisation: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());

export function toPublicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    departmentId: u.department_id,
    organisation: u.organisation,
    disabled: u.disabled,
    lockedUntil: u.locked_until && new Date(u.locked_until) > new Date() ? iso(u.locked_until) : null,
    lastLoginAt: iso(u.last_login_at),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  email: unknown;
  password: unknown;
  role: unknown;
  displayName?: unknown;
  departmentId?: unknown;
  organisation?: unknown;
}

/** Checks a new account's fields; throws 400 with the code of the first problem. */
export function validateNewUser(
  u: NewUser,
  lang: Lang = 'en',
): {
  email: string;
  password: string;
  role: Role;
  displayName: string;
  departmentId: string | null;
  organisation: string | null;
} {
  if (typeof u.email !== 'string' || !EMAIL.test(u.email) || u.email.length > 320)
    throw badRequest('invalid_email', 'Give a valid e-mail address.', u.email);
  if (typeof u.role !== 'string' || !(ALL_ROLES as readonly string[]).includes(u.role))
    throw badRequest('invalid_role', `Unknown role; accepted: ${ALL_ROLES.join(', ')}.`, u.role, {
      accepted: ALL_ROLES,
    });
  const pw = passwordProblem(u.password);
  if (pw) throw passwordError(pw, lang);
  if (u.role === 'handler' && typeof u.departmentId !== 'string')
    throw badRequest('department_required', 'A handler account needs a department.', u.departmentId);
  return {
    email: u.email.trim(),
    password: u.password as string,
    role: u.role as Role,
    displayName: typeof u.displayName === 'string' ? u.displayName.slice(0, 200) : '',
    departmentId: typeof u.departmentId === 'string' ? u.departmentId : null,
    organisation: typeof u.organisation === 'string' ? u.organisation.slice(0, 200) : null,
  };
}

/** Creates an account; 409 email_taken when the address already has one. */
export async function createUser(
  db: Db,
  input: NewUser,
  by: { userId: string | null; actor: string; ip?: string },
  lang: Lang = 'en',
): Promise<PublicUser> {
  const u = validateNewUser(input, lang);
  const passwordHash = await hashPassword(u.password);
  return db.transaction(async (tx) => {
    const exists = await tx.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [u.email]);
    if (exists.length)
      throw new HttpError(409, 'email_taken', 'This e-mail address already has an account.', {
        value: u.email,
      });
    const s = insertUser({ ...u, passwordHash });
    const [row] = await tx.query<UserRow>(s.text, s.values);
    await audit(tx, {
      userId: by.userId,
      actor: by.actor,
      action: 'user.create',
      targetType: 'user',
      targetId: row!.id,
      ip: by.ip,
      details: { email: u.email, role: u.role },
    });
    return toPublicUser(row!);
  });
}

export async function allUsers(db: Db): Promise<PublicUser[]> {
  const s = listUsers();
  return (await db.query<UserRow>(s.text, s.values)).map(toPublicUser);
}

/** Changes role, display name or disabled flag, or unlocks; 404 user_not_found. */
export async function changeUser(
  db: Db,
  id: string,
  patch: Record<string, unknown>,
  by: { userId: string; actor: string; ip?: string },
): Promise<PublicUser> {
  if (!/^\d{1,18}$/.test(id)) throw new HttpError(404, 'user_not_found', 'No such user.', { value: id });
  if (patch.role !== undefined && !(ALL_ROLES as readonly string[]).includes(String(patch.role)))
    throw badRequest('invalid_role', `Unknown role; accepted: ${ALL_ROLES.join(', ')}.`, patch.role);
  if (patch.disabled !== undefined && typeof patch.disabled !== 'boolean')
    throw badRequest('invalid_value', 'disabled must be true or false.', patch.disabled);
  if (id === by.userId && (patch.disabled === true || (patch.role && patch.role !== 'admin')))
    throw badRequest('cannot_demote_self', 'An admin cannot disable or demote their own account.', id);
  return db.transaction(async (tx) => {
    const s = updateUser(id, {
      role: patch.role as Role | undefined,
      disabled: patch.disabled as boolean | undefined,
      displayName: typeof patch.displayName === 'string' ? patch.displayName.slice(0, 200) : undefined,
      unlock: patch.unlock === true,
    });
    const [row] = await tx.query<UserRow>(s.text, s.values);
    if (!row) throw new HttpError(404, 'user_not_found', 'No such user.', { value: id });
    if (patch.disabled === true || patch.role !== undefined)
      await tx.query(`DELETE FROM sessions WHERE user_id = $1`, [id]);
    await audit(tx, {
      userId: by.userId,
      actor: by.actor,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      ip: by.ip,
      details: { role: patch.role, disabled: patch.disabled, unlock: patch.unlock === true },
    });
    return toPublicUser(row);
  });
}
