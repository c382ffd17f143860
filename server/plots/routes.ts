import { Router } from 'express';
import type { Db } from '../db/index.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { parseBbox } from './bbox.ts';
import { decodeCursor, parseSort } from './cursor.ts';
import type { DataVersion } from './data-version.ts';
import { plotFilterFromQuery } from './filter-sql.ts';
import { answeredNotModified, versionedEtag } from './http-cache.ts';
import { getPlotCard, listDistricts, listPlots } from './service.ts';

export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 5000;

/**
 * A positive integer no larger than `max`; absent gives `dflt`. Anything else throws 400
 * `invalid_limit` naming the range.
 */
export function parseLimit(raw: unknown, dflt: number, max: number): number {
  if (raw === undefined || raw === '') return dflt;
  const s = String(raw);
  const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= max))
    throw badRequest(
      'invalid_limit',
      `Invalid limit "${s.slice(0, 50)}": give a whole number from 1 to ${max}.`,
      s.slice(0, 50),
      {
        max,
      },
    );
  return n;
}

/** A plot id from the path: digits only (400 `invalid_id` otherwise). */
export function parsePlotId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw))
    throw badRequest(
      'invalid_id',
      `Invalid plot id "${raw.slice(0, 50)}": plot ids are whole numbers.`,
      raw.slice(0, 50),
    );
  return Number(raw);
}

/** GET /api/plots, /api/plots/{id}, /api/districts: published plots only. */
export function plotRoutes(db: Db, dataVersion: DataVersion): Router {
  const r = Router();

  r.get('/api/plots', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const filter = plotFilterFromQuery(q);
    const bbox = parseBbox(q.bbox);
    const sort = parseSort(q.sort);
    const limit = parseLimit(q.limit, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX);
    const cursor = decodeCursor(q.cursor, sort);
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), req.originalUrl))) return;
    res.json(await listPlots(db, { filter, bbox, sort, limit, cursor }));
  });

  r.get('/api/plots/:id', async (req, res) => {
    const id = parsePlotId(req.params.id);
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), `plot:${id}`))) return;
    const card = await getPlotCard(db, id);
    if (!card) {
      res.removeHeader('ETag');
      throw notFound('plot_not_found', `No published plot with id ${id}.`, req.params.id);
    }
    res.json(card);
  });

  r.get('/api/districts', async (req, res) => {
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), 'districts'))) return;
    res.json(await listDistricts(db));
  });

  return r;
}
