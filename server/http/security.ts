import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { basemapOrigins } from '../basemap/catalog.ts';
import type { Config } from '../config.ts';

/**
 * Security headers with a Content-Security-Policy under which MapLibre works: its workers are
 * loaded from blob: URLs, and its canvas images come from blob:/data:. A configured external
 * basemap style and the configured background services (BASEMAPS) add their origins, and only
 * theirs, to connect-src and img-src.
 */
export function securityHeaders(config: Pick<Config, 'basemapStyleUrl' | 'basemaps'>): RequestHandler {
  const external = [
    ...new Set([
      ...(config.basemapStyleUrl ? [new URL(config.basemapStyleUrl).origin] : []),
      ...basemapOrigins(config.basemaps ?? []),
    ]),
  ];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:', ...external],
        'connect-src': ["'self'", ...external],
        // React and MapLibre set element styles; the stylesheet itself is same-origin.
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    // Tiles, styles and OGC documents are read by other origins (GIS tools, other web maps).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: false, // set by the TLS-terminating proxy, which knows the host
  });
}

const PUBLIC_READ =
  /^\/(tiles|basemap|ogc)(\/|\.|$)|^\/api\/(config|plots|search|districts|export|shortlist\.pdf|permits\/(activities|types))(\/|$|\?)/;
// Staff, sign-in, applicant and personal-data paths: never opened to other origins, whatever
// is added under the public prefixes later. Matched by prefix, so new routes inherit it.
const PRIVATE = /^\/api\/(staff|auth|applications|applicant|outbox|saved-searches|me)(\/|$)|^\/outbox(\/|$)/;

/**
 * The public read API is open to every origin (read-only: GET/HEAD, no credentials); staff and
 * applicant APIs get no CORS headers, so browsers keep them same-origin.
 */
export const publicCors: RequestHandler = (req, res, next) => {
  if (PRIVATE.test(req.path) || !PUBLIC_READ.test(req.path)) return next();
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, Content-Crs, Link, Content-Disposition');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Accept, If-None-Match, Content-Type');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};

/** Per-IP request budget for the JSON API; 0 disables it (load tests from one address). */
export function apiRateLimit(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      res
        .status(429)
        .json({ error: { code: 'rate_limited', message: 'Too many requests; try again in a minute.' } });
    },
  });
}
