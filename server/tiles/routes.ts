import type http from 'node:http';
import { Router } from 'express';
import type { FastPath } from '../app.ts';
import type { Db } from '../db/index.ts';
import { notFound } from '../http/errors.ts';
import { plotFilterFromQuery } from '../plots/filter-sql.ts';
import { parseTileAddress, splitTilePath, type TileAddress } from './address.ts';
import { sendTile } from './send.ts';
import { filterKeyOfQuery, type PlotTiles } from './service.ts';
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
 * Serves cached plot tiles straight from node:http, before Express. Anything it cannot answer
 * from the cache (a miss, a bad address or filter, another path) returns false and goes on to
 * the router, which makes the tile or the error.
 */
export function tileFastPath(tiles: PlotTiles): FastPath {
  // Parsed addresses and filter keys by raw URL: a hot tile's URL is parsed once, not per hit.
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
    const tile = tiles.peek(p.a, p.filterKey);
    if (!tile) return false;
    sendTile(req, res, tile, isCurrent(p.v, tiles));
    return true;
  };
}

const MAX_PARSED_URLS = 10_000;

interface ParsedTileUrl {
  a: TileAddress;
  filterKey: string;
  v: string | null;
}

/** A plot tile URL's address, filter key and ?v=, or null when it is not a valid one. */
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
  const filterKey = filterKeyOfQuery(search);
  if (filterKey === undefined) return null;
  return { a, filterKey, v: new URLSearchParams(search).get('v') };
}
