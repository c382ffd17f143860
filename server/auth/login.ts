import type { Request, Response } from 'express';
import { audit } from '../audit/log.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import {
  hashPassword,
  langOfRequest,
  passwordError,
  passwordProblem,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.ts';
import { endSession, startSession } from './sessions.ts';
import {
  deleteUserSessions,
  insertAttempt,
  recordFailure,
  recordSuccess,
  setPassword,
  userByEmail,
  userById,
  type UserRow,
} from './sql.ts';
import { toPublicUser, type PublicUser } from './users.ts';
import type { Staff } from './guard.ts';

type LoginConfig = Pick<Config, 'sessionHours' | 'loginMaxFailures' | 'loginLockoutMinutes'>;

const invalid = () => new HttpError(401, 'invalid_credentials', 'Wrong e-mail address or password.');

/**
 * Checks the credentials and starts a new session. Wrong e-mail and wrong password give the
 * same 401 invalid_credentials; a locked account gives 429 account_locked with the time it
 * opens again, even for the right password (so guessing cannot continue behind the lock).
 */
export async function login(
  db: Db,
  config: LoginConfig,
  req: Request,
  res: Response,
): Promise<{ user: PublicUser; csrfToken: string }> {
  const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password)
    throw badRequest('credentials_required', 'Give an e-mail address and a password.', null);
  const q = userByEmail(email.trim());
  const user = (await db.query<UserRow>(q.text, q.values))[0];
  const attempt = async (ok: boolean) => {
    const a = insertAttempt(email, req.ip, ok);
    await db.query(a.text, a.values);
  };
  if (!user || user.disabled) {
    await verifyAgainstDummy(password);
    await attempt(false);
    throw invalid();
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    await attempt(false);
    throw lockedError(user.locked_until);
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    await attempt(false);
    const f = recordFailure(user.id, config.loginMaxFailures, config.loginLockoutMinutes);
    const [r] = await db.query<{ locked_until: Date | string | null }>(f.text, f.values);
    if (r?.locked_until && new Date(r.locked_until) > new Date()) {
      await audit(db, {
        userId: user.id,
        actor: user.email,
        action: 'login.locked',
        targetType: 'user',
        targetId: user.id,
        ip: req.ip,
      });
      throw lockedError(r.locked_until);
    }
    throw invalid();
  }
  await attempt(true);
  const s = recordSuccess(user.id);
  await db.query(s.text, s.values);
  const { csrfToken } = await startSession(db, req, res, user.id, config.sessionHours);
  await audit(db, {
    userId: user.id,
    actor: user.email,
    action: 'login',
    targetType: 'user',
    targetId: user.id,
    ip: req.ip,
  });
  return { user: toPublicUser(user), csrfToken };
}

function lockedError(until: Date | string): HttpError {
  const at = new Date(until);
  return new HttpError(
    429,
    'account_locked',
    'Too many failed sign-ins: the account is locked for a while.',
    {
      value: null,
      locked_until: at.toISOString(),
      retry_after_s: Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000)),
    },
  );
}

export async function logout(db: Db, req: Request, res: Response, staff: Staff): Promise<void> {
  await endSession(db, req, res);
  await audit(db, {
    userId: staff.id,
    actor: staff.email,
    action: 'logout',
    targetType: 'user',
    targetId: staff.id,
    ip: req.ip,
  });
}

/**
 * Changes the signed-in user's password after checking the current one (401 on mismatch);
 * every other session of the account ends.
 */
export async function changePassword(db: Db, req: Request, staff: Staff): Promise<void> {
  const { currentPassword, newPassword } = (req.body ?? {}) as Record<string, unknown>;
  const q = userById(staff.id);
  const user = (await db.query<UserRow>(q.text, q.values))[0];
  if (
    !user ||
    typeof currentPassword !== 'string' ||
    !(await verifyPassword(user.password_hash, currentPassword))
  )
    throw new HttpError(401, 'invalid_credentials', 'The current password is wrong.');
  const problem = passwordProblem(newPassword);
  if (problem) throw passwordError(problem, langOfRequest(req));
  const hash = await hashPassword(newPassword as string);
  await db.transaction(async (tx) => {
    const s = setPassword(staff.id, hash);
    await tx.query(s.text, s.values);
    const d = deleteUserSessions(staff.id, staff.tokenHash);
    await tx.query(d.text, d.values);
    await audit(tx, {
      userId: staff.id,
      actor: staff.email,
      action: 'password.change',
      targetType: 'user',
      targetId: staff.id,
      ip: req.ip,
    });
  });
}
