import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import { ROOT_DIR } from './config.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { companyRoutes } from './auth/oidc/company.ts';
import { oidcRoutes } from './auth/oidc/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { readYourWrites } from './plots/read-your-writes.ts';
import { staffRoutes } from './staff/routes.ts';
import { importRoutes } from './import/routes.ts';
import { mountTiles } from './tiles/index.ts';
import { basemapRoutes } from './basemap/routes.ts';
import { metaRoutes } from './meta/routes.ts';
import { plotRoutes } from './plots/routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { searchRoutes } from './search/routes.ts';
import { permitsRoutes } from './permits/routes.ts';
import { exportRoutes } from './export/routes.ts';
import { mailRoutes } from './mail/index.ts';
import { mountApplications } from './applications/index.ts';
import { mountKeyProjects } from './key-projects/index.ts';
import { mountSavedSearches } from './saved-searches/index.ts';
import { jsonBody } from './http/json-body.ts';
import { apiNotFound, errorHandler, finalHandler, lastResort } from './http/middleware.ts';
import { pathRateLimits, type TrustFn } from './http/path-limits.ts';
import { apiRateLimit, publicCors, securityHeaders } from './http/security.ts';
import type { AppDeps, FastPath } from './feature.ts';

export interface App {
  /** The request listener to hand to http.createServer. */
  handle: http.RequestListener;
  express: express.Express;
  /** Ends long-lived responses (live timelines) so that closing the server can finish. */
  stopping(): void;
  /** Releases what the features hold (caches, listeners); does not close the database. */
  close(): Promise<void>;
}

/** The app as node:http calls it, with the final handler Express otherwise picks itself. */
type ExpressHandle = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  done: (err?: unknown) => void,
) => void;

export const CLIENT_DIST = path.join(ROOT_DIR, 'dist', 'client');

/** Builds the application; never listens (see main.ts), so tests run many on port 0. */
export function createApp(deps: AppDeps): App {
  const { config, db, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  // Decides req.ip (rate limits, sessions, audit) and req.secure (the Secure cookie flag).
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders(config));
  app.use(publicCors);
  app.use('/api', apiRateLimit(config.apiRateLimitPerMin));
  app.use(compression());
  app.use(jsonBody('1mb'));

  // Checked before the fast paths, which Express's middleware never sees; same client address.
  const overBudget = pathRateLimits(config, () => app.get('trust proxy fn') as TrustFn);
  const fastPaths: FastPath[] = [];
  const closers: Array<() => Promise<void> | void> = [];
  const stoppers: Array<() => void> = [];

  app.use(healthRoutes(db));
  // Feature routers are mounted here, one line each.
  app.use(mountTiles(deps, fastPaths, closers));
  app.use(basemapRoutes(log));
  app.use(oidcRoutes(db, config, log), companyRoutes(db, config));
  app.use(authRoutes(db, config), auditRoutes(db));
  app.use('/api/staff', readYourWrites(deps.dataVersion));
  app.use(staffRoutes(db, log, (fn) => closers.push(fn)));
  app.use(importRoutes(db, config));
  app.use(metaRoutes(config, db, deps.dataVersion));
  app.use(plotRoutes(db, deps.dataVersion));
  app.use(ogcRoutes(db, deps.dataVersion));
  app.use(searchRoutes(db, deps.dataVersion));
  app.use(permitsRoutes(db));
  app.use(exportRoutes(db, config));
  app.use(mailRoutes(db, config));
  app.use(
    mountApplications(deps, { onStopping: (fn) => stoppers.push(fn), onClose: (fn) => closers.push(fn) }),
  );
  app.use(
    mountKeyProjects(deps, { onStopping: (fn) => stoppers.push(fn), onClose: (fn) => closers.push(fn) }),
  );
  app.use(mountSavedSearches(deps, (fn) => closers.push(fn)));

  app.use(['/api', '/tiles', '/ogc', '/basemap', '/outbox'], apiNotFound);
  if (config.serveClient) mountClient(app);
  app.use(errorHandler(log));

  return {
    express: app,
    handle(req, res) {
      // Whatever fails here answers as JSON: never Express's HTML page, never an uncaught throw.
      try {
        if (overBudget(req, res)) return;
        for (const fp of fastPaths) if (fp(req, res)) return;
        (app as unknown as ExpressHandle)(req, res, finalHandler(log, req, res));
      } catch (err) {
        log.error({ err, path: req.url }, 'request failed');
        lastResort(res);
      }
    },
    stopping() {
      for (const s of stoppers) s();
    },
    async close() {
      for (const c of closers) await c();
    },
  };
}

/** Serves the built client; unknown non-API paths get index.html so deep links work. */
function mountClient(app: express.Express): void {
  const index = path.join(CLIENT_DIST, 'index.html');
  app.use(
    express.static(CLIENT_DIST, {
      index: false,
      setHeaders(res, file) {
        // Vite puts a content hash in asset names: they never change, cache them for a year.
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get(/^\/(?!api\/|tiles\/|ogc|basemap\/).*/, (_req, res, next) => {
    if (!fs.existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
