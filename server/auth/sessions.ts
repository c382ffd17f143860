import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { Db } from '../db/index.ts';
import { deleteSession, insertSession, sessionByHash, type SessionRow } from './sql.ts';

export const SESSION_COOKIE = 'tl_session';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** Reads one cookie from the Cookie header; undefined when absent. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/**
 * Starts a new session with fresh random tokens (a session id never survives a login, which
 * defeats fixation) and sets the cookie: HttpOnly, SameSite=Strict, Secure when served over TLS.
 */
export async function startSession(
  db: Db,
  req: Request,
  res: Response,
  userId: string,
  hours: number,
): Promise<{ csrfToken: string; tokenHash: string }> {
  const old = readCookie(req, SESSION_COOKIE);
  if (old) {
    const d = deleteSession(sha256(old));
    await db.query(d.text, d.values);
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const s = insertSession({
    tokenHash: sha256(token),
    userId,
    csrfToken,
    hours,
    ip: req.ip,
    userAgent: req.get('user-agent'),
  });
  await db.query(s.text, s.values);
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: hours * 3600_000,
  });
  return { csrfToken, tokenHash: sha256(token) };
}

/** The session of the request's cookie; undefined when absent, expired or revoked. */
export async function sessionOf(db: Db, req: Request): Promise<SessionRow | undefined> {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token || token.length > 100) return undefined;
  const s = sessionByHash(sha256(token));
  return (await db.query<SessionRow>(s.text, s.values))[0];
}

/** Deletes the request's session and clears the cookie; harmless without one. */
export async function endSession(db: Db, req: Request, res: Response): Promise<void> {
  const token = readCookie(req, SESSION_COOKIE);
  if (token) {
    const d = deleteSession(sha256(token));
    await db.query(d.text, d.values);
  }
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
