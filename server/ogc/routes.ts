import { Router, type Request, type Response } from 'express';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import type { DataVersion } from '../plots/data-version.ts';
import { createCountCache } from '../plots/count-cache.ts';
import { answeredNotModified, versionedEtag } from '../plots/http-cache.ts';
import { contentCrs, parseCrs } from './crs.ts';
import { collection, collections, conformance, landingPage } from './documents.ts';
import { negotiate, type Representation } from './negotiate.ts';
import { openApi } from './openapi.ts';
import { parseCollection, parseItemsQuery, rejectUnknownParams } from './params.ts';
import { createExtents, itemsPage, itemText } from './service.ts';

/** Absolute URL of /ogc as the client reached it (links must be absolute for GIS clients). */
const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}/ogc`;

/**
 * Negotiates the representation and answers 304 when the client holds the current version.
 * Returns the media type to send, or undefined when already answered.
 */
function prepare(req: Request, res: Response, kind: Representation, version: number): string | undefined {
  const type = negotiate(req, kind);
  res.vary('Accept');
  if (answeredNotModified(req, res, versionedEtag(version, `${type} ${req.get('host')} ${req.originalUrl}`)))
    return undefined;
  return type;
}

/** OGC API - Features (Part 1 core and GeoJSON, Part 2 CRS) over the plots and districts. */
export function ogcRoutes(db: Db, dataVersion: DataVersion): Router {
  const r = Router();
  const extents = createExtents(db, dataVersion);
  const countCache = createCountCache(dataVersion);
  const send = (res: Response, type: string, body: unknown) =>
    res.type(type).send(typeof body === 'string' ? body : JSON.stringify(body));

  r.get('/ogc', (req, res) => {
    rejectUnknownParams(req.query, ['f']);
    const type = prepare(req, res, 'json', dataVersion.current());
    if (type) send(res, type, landingPage(baseUrl(req)));
  });

  r.get('/ogc/conformance', (req, res) => {
    rejectUnknownParams(req.query, ['f']);
    const type = prepare(req, res, 'json', dataVersion.current());
    if (type) send(res, type, conformance(baseUrl(req)));
  });

  r.get('/ogc/api', (req, res) => {
    rejectUnknownParams(req.query, ['f']);
    const type = prepare(req, res, 'openapi', dataVersion.current());
    if (type) send(res, type, openApi(baseUrl(req)));
  });

  r.get('/ogc/collections', async (req, res) => {
    rejectUnknownParams(req.query, ['f']);
    const type = prepare(req, res, 'json', dataVersion.current());
    if (type) send(res, type, collections(baseUrl(req), await extents()));
  });

  r.get('/ogc/collections/:collectionId', async (req, res) => {
    const id = parseCollection(req.params.collectionId);
    rejectUnknownParams(req.query, ['f']);
    const type = prepare(req, res, 'json', dataVersion.current());
    if (type) send(res, type, collection(baseUrl(req), id, await extents()));
  });

  r.get('/ogc/collections/:collectionId/items', async (req, res) => {
    const id = parseCollection(req.params.collectionId);
    const q = parseItemsQuery(id, req.query);
    const type = prepare(req, res, 'geojson', dataVersion.current());
    if (!type) return;
    const self = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
    const urls = {
      self,
      collection: `${baseUrl(req)}/collections/${id}`,
      root: `${req.protocol}://${req.get('host')}`,
    };
    const body = await itemsPage(db, id, q, urls, countCache);
    res.setHeader('Content-Crs', contentCrs(q.crs));
    send(res, type, body);
  });

  r.get('/ogc/collections/:collectionId/items/:featureId', async (req, res) => {
    const id = parseCollection(req.params.collectionId);
    rejectUnknownParams(req.query, ['f', 'crs']);
    const crs = parseCrs(req.query.crs, 'crs');
    const raw = req.params.featureId;
    const notFound = () =>
      new HttpError(404, 'feature_not_found', `No feature "${raw.slice(0, 50)}" in ${id}.`, {
        value: raw.slice(0, 50),
      });
    // Feature ids are whole numbers; anything else names no feature.
    if (!/^\d{1,15}$/.test(raw)) throw notFound();
    const type = prepare(req, res, 'geojson', dataVersion.current());
    if (!type) return;
    const base = baseUrl(req);
    const self = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`).toString();
    const body = await itemText(db, id, Number(raw), crs, self, `${base}/collections/${id}`);
    if (!body) {
      res.removeHeader('ETag');
      throw notFound();
    }
    res.setHeader('Content-Crs', contentCrs(crs));
    send(res, type, body);
  });

  return r;
}
