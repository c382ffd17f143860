import type http from 'node:http';
import type { CachedTile } from './cache.ts';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

// A URL with the current data version (?v=) never changes content: any cache may keep it a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Without it, caches must ask again (a cheap 304 thanks to the ETag) so a publish shows at once.
const REVALIDATE = 'public, max-age=0, must-revalidate';

/**
 * Answers with a finished tile on a bare node:http response (used by the fast path and by the
 * Express route alike): 304 when If-None-Match matches, 204 for an empty tile, otherwise the
 * bytes, gzip-encoded when the client accepts it. HEAD gets the headers only.
 */
export function sendTile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  tile: CachedTile,
  immutable: boolean,
): void {
  const headers: http.OutgoingHttpHeaders = {
    'Cache-Control': immutable ? IMMUTABLE : REVALIDATE,
    ETag: tile.etag,
    Vary: 'Accept-Encoding',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
  };
  const inm = req.headers['if-none-match'];
  if (inm && (inm === tile.etag || inm.split(',').some((t) => t.trim() === tile.etag))) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (tile.raw.length === 0) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip ? tile.gzip : tile.raw;
  headers['Content-Type'] = MVT_TYPE;
  headers['Content-Length'] = body.length;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
