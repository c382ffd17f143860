import express, { type Router } from 'express';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { HttpError } from '../../http/errors.ts';
import { requireSession, staffOf } from '../guard.ts';
import { providerOf } from './client.ts';
import { setSessionCompany } from './sql.ts';

/**
 * GET /api/auth/methods: which sign-in methods are on (the pages show only those).
 * POST /api/auth/company: the company the person acts for from now on, one of those the
 * mandates source gave at sign-in (403 company_not_mandated otherwise), or null to act as themself.
 */
export function companyRoutes(db: Db, config: Config): Router {
  const r = express.Router();
  const oidc = providerOf(config) !== null;
  r.get('/api/auth/methods', (_req, res) => {
    res.json({ password: config.passwordLogin, oidc, oidcStaff: oidc && config.oidcStaff });
  });
  r.post('/api/auth/company', requireSession(db), async (req, res) => {
    const s = staffOf(res);
    const raw = (req.body as { businessId?: unknown } | undefined)?.businessId;
    if (raw !== null && typeof raw !== 'string')
      throw new HttpError(400, 'invalid_business_id', 'Give a business ID, or null to act as yourself.', {
        value: raw ?? null,
      });
    const company = raw === null ? null : (s.companies ?? []).find((c) => c.businessId === raw);
    if (company === undefined)
      throw new HttpError(403, 'company_not_mandated', 'You may not act for this company.', { value: raw });
    const u = setSessionCompany(s.tokenHash, company);
    await db.query(u.text, u.values);
    // Live streams opened for the former company were allowed for it only: the streams' owner
    // check runs again now and ends them (the browser's reconnect is judged by the new company).
    await db.query(`SELECT pg_notify('sessions_ended', $1)`, [s.id]);
    res.json({ company, companies: s.companies ?? [] });
  });
  return r;
}
