import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { requirePermission, requireSession, staffOf } from '../auth/guard.ts';
import { audit } from '../audit/log.ts';
import { HttpError } from '../http/errors.ts';
import { localisedError, parseNewSavedSearch, requestLang } from './input.ts';
import { mapUrl } from './mails.ts';
import { storedFilter } from './matching.ts';
import { renderPage, type PageSpec } from './page.ts';
import {
  confirmSavedSearch,
  createSavedSearch,
  deleteSavedSearch,
  searchesOfAddress,
  searchOfToken,
  unsubscribeSavedSearch,
  type SavedSearchDeps,
} from './service.ts';
import type { SavedSearchRow } from './sql.ts';
import { text, type Lang } from './texts.ts';

export interface SavedSearchRouteOptions {
  /** New saved searches per client address per hour; 0 disables the limit. */
  perIpPerHour: number;
}

/**
 * /api/saved-searches: save a search (JSON, anyone), and the confirmation and unsubscribe links
 * of the mails (no sign-in; HTML pages, or JSON when asked for). /api/staff/saved-searches:
 * admins list the searches of an address and delete one (personal-data requests).
 */
export function savedSearchRoutes(deps: SavedSearchDeps, opts: SavedSearchRouteOptions): Router {
  const { db, config } = deps;
  const r = express.Router();

  r.post('/api/saved-searches', ipLimit(opts.perIpPerHour), async (req, res) => {
    const lang = requestLang(req);
    // A JSON body cannot be sent cross-site without a CORS preflight: no forged sign-ups.
    if (!req.is('application/json'))
      throw localisedError(415, 'json_required', lang, req.get('content-type') ?? null);
    const created = await createSavedSearch(deps, parseNewSavedSearch(req.body, lang));
    res.setHeader('Cache-Control', 'no-store');
    res.status(202).json({ savedSearch: created, status: 'confirmation_sent' });
  });

  const page = (req: Request, res: Response, status: number, spec: Omit<PageSpec, 'mapUrl'>) => {
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(renderPage({ ...spec, mapUrl: mapUrl(config.publicBaseUrl, spec.lang, {}) }));
  };
  const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';
  /** Errors of the link pages as a page in the user's language (JSON clients get the usual body). */
  const linkPage =
    (fn: (req: Request, res: Response, lang: Lang) => Promise<void>): RequestHandler =>
    async (req, res) => {
      const lang = requestLang(req);
      try {
        await fn(req, res, lang);
      } catch (err) {
        if (!(err instanceof HttpError) || wantsJson(req)) throw err;
        page(req, res, err.status, { lang, title: 'errorTitle', paragraphs: [err.message], code: err.code });
      }
    };
  const state = (s: SavedSearchRow | undefined) =>
    s ? { id: s.id, email: s.email, confirmed: true, frequency: s.frequency, language: s.language } : null;

  r.get(
    '/api/saved-searches/confirm',
    linkPage(async (req, res, lang) => {
      const { search } = await confirmSavedSearch(db, req.query.token, lang);
      if (wantsJson(req)) {
        res.setHeader('Cache-Control', 'no-store');
        res.json({ status: search ? 'confirmed' : 'gone', savedSearch: state(search) });
        return;
      }
      if (!search)
        return page(req, res, 200, { lang, title: 'goneTitle', paragraphs: [text(lang, 'goneBody')] });
      const l = search.language;
      page(req, res, 200, {
        lang: l,
        title: 'confirmedTitle',
        paragraphs: [text(l, 'confirmedBody', { email: search.email })],
        searchUrl: mapUrl(config.publicBaseUrl, l, { filter: storedFilter(search.filter) }),
      });
    }),
  );

  // GET only shows the question: mail scanners that open every link must not end a search.
  r.get(
    '/api/saved-searches/unsubscribe',
    linkPage(async (req, res, lang) => {
      const { search } = await searchOfToken(db, req.query.token, 'unsubscribe', lang);
      if (wantsJson(req)) {
        res.setHeader('Cache-Control', 'no-store');
        res.json({ status: search ? 'subscribed' : 'unsubscribed' });
        return;
      }
      if (!search)
        return page(req, res, 200, {
          lang,
          title: 'unsubscribedTitle',
          paragraphs: [text(lang, 'unsubscribedBody')],
        });
      const l = search.language;
      page(req, res, 200, {
        lang: l,
        title: 'unsubscribeTitle',
        paragraphs: [text(l, 'unsubscribeBody', { email: search.email })],
        form: { action: req.originalUrl, button: 'unsubscribeButton' },
      });
    }),
  );

  // The page's button, or a mail client's one-click unsubscribe (RFC 8058). Idempotent.
  r.post(
    '/api/saved-searches/unsubscribe',
    linkPage(async (req, res, lang) => {
      const { search } = await unsubscribeSavedSearch(db, req.query.token, lang);
      if (wantsJson(req)) {
        res.setHeader('Cache-Control', 'no-store');
        res.json({ status: 'unsubscribed' });
        return;
      }
      const l = search?.language ?? lang;
      page(req, res, 200, { lang: l, title: 'unsubscribedTitle', paragraphs: [text(l, 'unsubscribedBody')] });
    }),
  );

  const admin = [requireSession(db), requirePermission('saved_searches.manage')];
  r.get('/api/staff/saved-searches', ...admin, async (req, res) => {
    const email = typeof req.query.email === 'string' ? req.query.email.trim() : '';
    if (!email.includes('@'))
      throw localisedError(400, 'invalid_email', requestLang(req), email, { param: 'email' });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: await searchesOfAddress(db, email) });
  });
  r.delete('/api/staff/saved-searches/:id', ...admin, async (req, res) => {
    const id = String(req.params.id);
    const lang = requestLang(req);
    if (!/^\d{1,18}$/.test(id)) throw localisedError(404, 'saved_search_not_found', lang, id);
    const staff = staffOf(res);
    const gone = await db.transaction(async (tx) => {
      const row = await deleteSavedSearch(tx, id);
      // The log names the search, not the address: the point of the request is to forget it.
      if (row)
        await audit(tx, {
          userId: staff.id,
          actor: staff.email,
          action: 'saved_search.delete',
          targetType: 'saved_search',
          targetId: id,
          ip: req.ip,
        });
      return row;
    });
    if (!gone) throw localisedError(404, 'saved_search_not_found', lang, id);
    res.status(204).end();
  });
  return r;
}

/** Per client address (each instance counts its own); the per-address limit lives in the database. */
function ipLimit(perHour: number): RequestHandler {
  if (perHour <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 3600_000,
    limit: perHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, _res, next) =>
      next(localisedError(429, 'too_many_requests', requestLang(req), req.ip ?? null, { param: 'ip' })),
  });
}
