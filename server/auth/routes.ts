import express, { type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { PERMISSIONS, requirePermission, requireSession, staffOf } from './guard.ts';
import { changePassword, login, logout } from './login.ts';
import { langOfRequest } from './passwords.ts';
import { allUsers, changeUser, createUser } from './users.ts';

/**
 * /api/auth: login, logout, the current user, password change; /api/staff/users: accounts
 * (admins only).
 */
export function authRoutes(db: Db, config: Config): Router {
  const r = express.Router();
  const session = requireSession(db);

  // Per client address; the per-account lockout in the database covers distributed guessing.
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.loginRateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, opts) =>
      next(
        new HttpError(429, 'too_many_requests', 'Too many sign-in attempts; wait a minute and try again.', {
          value: null,
          retry_after_s: Math.ceil(opts.windowMs / 1000),
        }),
      ),
  });

  // Switched off, the password routes answer as if absent, with a code the pages can name.
  const passwords: express.RequestHandler = (_req, _res, next) => {
    if (!config.passwordLogin)
      throw new HttpError(404, 'password_login_off', 'Sign-in with a password is switched off here.', {
        value: null,
      });
    next();
  };

  r.post('/api/auth/login', passwords, limiter, async (req, res) => {
    // A JSON body cannot be sent cross-site without a CORS preflight: that is the login's CSRF guard.
    if (!req.is('application/json'))
      throw new HttpError(415, 'json_required', 'Send the credentials as application/json.', {
        value: req.get('content-type') ?? null,
      });
    const out = await login(db, config, req, res);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ user: out.user, csrfToken: out.csrfToken, permissions: permissionsOf(out.user.role) });
  });

  r.post('/api/auth/logout', session, async (req, res) => {
    await logout(db, req, res, staffOf(res));
    res.status(204).end();
  });

  r.get('/api/auth/me', session, async (_req, res) => {
    const s = staffOf(res);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      user: { id: s.id, email: s.email, role: s.role, displayName: s.displayName },
      csrfToken: s.csrfToken,
      permissions: permissionsOf(s.role),
      companies: s.companies ?? [],
      company: s.company ?? null,
    });
  });

  r.post('/api/auth/password', passwords, session, async (req, res) => {
    await changePassword(db, req, staffOf(res));
    res.status(204).end();
  });

  const admin = [session, requirePermission('users.manage')];
  r.get('/api/staff/users', ...admin, async (_req, res) => {
    res.json({ users: await allUsers(db) });
  });
  r.post('/api/staff/users', ...admin, async (req, res) => {
    const s = staffOf(res);
    res.status(201).json({
      user: await createUser(
        db,
        req.body ?? {},
        { userId: s.id, actor: s.email, ip: req.ip },
        langOfRequest(req),
      ),
    });
  });
  r.patch('/api/staff/users/:id', ...admin, async (req, res) => {
    const s = staffOf(res);
    res.json({
      user: await changeUser(db, String(req.params.id), req.body ?? {}, {
        userId: s.id,
        actor: s.email,
        ip: req.ip,
      }),
    });
  });
  return r;
}

function permissionsOf(role: string): string[] {
  return Object.entries(PERMISSIONS)
    .filter(([, roles]) => (roles as readonly string[]).includes(role))
    .map(([p]) => p);
}
