import type http from 'node:http';
import { Router } from 'express';
import type { FastPath } from '../feature.ts';
import type { Db } from '../db/index.ts';
import { notFound } from '../http/errors.ts';
import { toHttpError } from '../http/middleware.ts';
import type { Logger } from '../log.ts';
import { plotFilterFromQuery } from '../plots/filter-sql.ts';
import type { PlotFilter } from '../../shared/filter.ts';
import { parseTileAddress, splitTilePath, type TileAddress } from './address.ts';
import { sendTile } from './send.ts';
import { filterOfQuery, type PlotTiles } from './service.ts';
import { plotTileJson, readTileSetFacts, type TileSetFacts } from './tilejson.ts';

const TILE_PREFIX = '/tiles/plots/';
const TILE_EXT = '.mvt';

// A request naming the current data version (?v=) may be cached for good; see send.ts.
const isCurrent = (v: unknown, tiles: PlotTiles) => v === String(tiles.version());

/** /tiles/plots.json (TileJSON) and /tiles/plots/{z}/{x}/{y}.mvt?<filter>. */
export function tileRoutes(db: Db, tiles: PlotTiles): Router {
  const r = Router();
  let facts: { version: number; p: Promise<TileSetFacts> } | undefined;

  r.get('/tiles/plots.json', async (req, res) => {
    const filter = plotFilterFromQuery(req.query);
    const version = tiles.version();
    if (facts?.version !== version) {
      const p = readTileSetFacts(db);
      facts = { version, p };
      // A failed read is not kept: the next request tries again.
      p.catch(() => {
        if (facts?.p === p) facts = undefined;
      });
    }
    const doc = plotTileJson(`${req.protocol}://${req.get('host')}`, version, filter, await facts.p);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.json(doc);
  });

  r.get('/tiles/plots/:z/:x/:file', async (req, res) => {
    const { z, x, file } = req.params;
    if (!file.endsWith(TILE_EXT)) throw notFound('not_found', `Plot tiles end in ${TILE_EXT}.`, file);
    const a = parseTileAddress(z, x, file.slice(0, -TILE_EXT.length));
    const filter = plotFilterFromQuery(req.query);
    const tile = await tiles.get(a, filter);
    sendTile(req, res, tile, isCurrent(req.query.v, tiles));
  });
  return r;
}

/**
 * Serves plot tiles straight from node:http, before Express: cached ones at once, missing ones
 * once made (database failures answered like the error middleware would). Requests it cannot
 * parse (another path, a bad address or filter) return false and go on to the router, which
 * answers the error.
 */
export function tileFastPath(tiles: PlotTiles, log: Logger): FastPath {
  // Parsed addresses and filters by raw URL: a hot tile's URL is parsed once, not per request.
  const parsed = new Map<string, ParsedTileUrl | null>();
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url;
    if (!url || !url.startsWith(TILE_PREFIX) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    let p = parsed.get(url);
    if (p === undefined) {
      p = parseTileUrl(url);
      if (parsed.size >= MAX_PARSED_URLS) parsed.clear();
      parsed.set(url, p);
    }
    if (!p) return false;
    const immutable = isCurrent(p.v, tiles);
    const hit = tiles.peek(p.a, p.filterKey);
    if (hit) {
      sendTile(req, res, hit, immutable);
      return true;
    }
    tiles.get(p.a, p.filter).then(
      (tile) => sendTile(req, res, tile, immutable),
      (err: unknown) => sendError(res, err, log, url),
    );
    return true;
  };
}

const MAX_PARSED_URLS = 10_000;

interface ParsedTileUrl {
  a: TileAddress;
  filter: PlotFilter;
  filterKey: string;
  v: string | null;
}

/** A plot tile URL's address, filter and ?v=, or null when it is not a valid one. */
function parseTileUrl(url: string): ParsedTileUrl | null {
  const q = url.indexOf('?');
  const parts = splitTilePath(q < 0 ? url : url.slice(0, q), TILE_PREFIX, TILE_EXT);
  if (!parts) return null;
  let a: TileAddress;
  try {
    a = parseTileAddress(...parts);
  } catch {
    return null;
  }
  const search = q < 0 ? '' : url.slice(q + 1);
  const f = filterOfQuery(search);
  if (!f) return null;
  return { a, filter: f.filter, filterKey: f.key, v: new URLSearchParams(search).get('v') };
}

/** The error body and status the error middleware gives, for requests Express never saw. */
function sendError(res: http.ServerResponse, err: unknown, log: Logger, path: string): void {
  const e = toHttpError(err);
  if (e.status >= 500) log.error({ err, path }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(e.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { code: e.code, message: e.message, ...e.details } }));
}
