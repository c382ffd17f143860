import { Router } from 'express';
import type { Db } from '../db/index.ts';
import { badRequest } from '../http/errors.ts';
import type { DataVersion } from '../plots/data-version.ts';
import { answeredNotModified, versionedEtag } from '../plots/http-cache.ts';
import { parseLimit } from '../plots/params.ts';
import { LANGS, search, type Lang } from './service.ts';

export const SEARCH_LIMIT_DEFAULT = 10;
export const SEARCH_LIMIT_MAX = 50;
const MAX_QUERY = 200; // characters

/** The reader's language; absent gives Finnish, anything else 400 `invalid_lang`. */
function parseLang(raw: unknown): Lang {
  if (raw === undefined || raw === '') return 'fi';
  const s = String(raw);
  if (!(LANGS as readonly string[]).includes(s))
    throw badRequest(
      'invalid_lang',
      `Unknown language "${s.slice(0, 20)}"; accepted: ${LANGS.join(', ')}.`,
      s.slice(0, 20),
      {
        accepted: LANGS,
      },
    );
  return s as Lang;
}

/** GET /api/search?q=&limit=&lang=: published plots, addresses, areas and plans. */
export function searchRoutes(db: Db, dataVersion: DataVersion): Router {
  const r = Router();
  r.get('/api/search', async (req, res) => {
    const raw = req.query.q;
    if (Array.isArray(raw) || (raw !== undefined && typeof raw !== 'string'))
      throw badRequest('invalid_query', 'Give the search text once, as q.', String(raw).slice(0, 50));
    const q = raw ?? '';
    if (q.length > MAX_QUERY)
      throw badRequest(
        'query_too_long',
        `The search text is longer than ${MAX_QUERY} characters.`,
        q.slice(0, 50) + '…',
      );
    const limit = parseLimit(req.query.limit, SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX);
    const lang = parseLang(req.query.lang);
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), `search ${lang} ${limit} ${q}`)))
      return;
    res.json({ results: await search(db, q, { limit, lang }) });
  });
  return r;
}
