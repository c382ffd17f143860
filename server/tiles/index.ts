import type { Router } from 'express';
import type { AppDeps, FastPath } from '../feature.ts';
import { tileFastPath, tileRoutes } from './routes.ts';
import { createPlotTiles } from './service.ts';

export type { PlotTiles } from './service.ts';

/**
 * The plot tile feature: returns its router, registers its fast path for cached tiles and
 * what releases its cache on close.
 */
export function mountTiles(deps: AppDeps, fastPaths: FastPath[], closers: Array<() => void>): Router {
  const tiles = createPlotTiles(deps.db, deps.dataVersion, {
    cacheBytes: deps.config.tileCacheMb * 1024 * 1024,
  });
  fastPaths.push(tileFastPath(tiles, deps.log));
  closers.push(() => tiles.close());
  return tileRoutes(deps.db, tiles);
}
