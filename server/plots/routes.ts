import { Router } from 'express';
import type { Db } from '../db/index.ts';
import { notFound } from '../http/errors.ts';
import { parseBbox } from './bbox.ts';
import { createCountCache } from './count-cache.ts';
import { createFacetCounts } from './facets.ts';
import { decodeCursor, parseSort } from './cursor.ts';
import type { DataVersion } from './data-version.ts';
import { plotFilterFromQuery } from './filter-sql.ts';
import { answeredNotModified, versionedEtag } from './http-cache.ts';
import { outlineOf } from './outlines.ts';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, parseLimit, parsePlotId } from './params.ts';
import { getPlotCard, listDistricts, listPlots, type PlotCard } from './service.ts';
import { createVersionedCache } from './versioned-cache.ts';

/** GET /api/plots, /api/plots/{id}, /api/districts, /api/districts/counts, /api/outline: published plots only. */
export function plotRoutes(db: Db, dataVersion: DataVersion): Router {
  const r = Router();
  const countCache = createCountCache(dataVersion);
  const facetCounts = createFacetCounts(db, dataVersion);
  // Cards change only with the data version; a few thousand (a few kB each) cover a busy day,
  // so a popular plot's card costs no query at all.
  const cardCache = createVersionedCache<PlotCard | undefined>(dataVersion, 5_000);

  r.get('/api/plots', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const filter = plotFilterFromQuery(q);
    const bbox = parseBbox(q.bbox);
    const sort = parseSort(q.sort);
    const limit = parseLimit(q.limit, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX);
    const cursor = decodeCursor(q.cursor, sort);
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), req.originalUrl))) return;
    res.json(await listPlots(db, { filter, bbox, sort, limit, cursor }, countCache));
  });

  r.get('/api/plots/:id', async (req, res) => {
    const id = parsePlotId(req.params.id);
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), `plot:${id}`))) return;
    const card = await cardCache(String(id), () => getPlotCard(db, id));
    if (!card) {
      res.removeHeader('ETag');
      throw notFound('plot_not_found', `No published plot with id ${id}.`, req.params.id);
    }
    res.json(card);
  });

  // Sub-district counts under the other active filters (facets.ts); the filter parameters of /api/plots.
  r.get('/api/districts/counts', async (req, res) => {
    const filter = plotFilterFromQuery(req.query as Record<string, unknown>);
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), req.originalUrl))) return;
    res.json(await facetCounts(filter));
  });

  r.get('/api/outline', async (req, res) => {
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), req.originalUrl))) return;
    res.json(await outlineOf(db, req.query as Record<string, unknown>));
  });

  r.get('/api/districts', async (req, res) => {
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), 'districts'))) return;
    res.json(await listDistricts(db));
  });

  return r;
}
