import { filterKey, parsePlotFilter, type PlotFilter } from '../../shared/filter.ts';
import type { Db } from '../db/index.ts';
import type { DataVersion } from '../plots/data-version.ts';
import type { TileAddress } from './address.ts';
import { TileCache, type CachedTile, type TileCacheStats } from './cache.ts';
import { defaultEncoder, renderPlotTile, type TileEncoder } from './render.ts';

/** Plot tiles made on demand and cached per data version. */
export interface PlotTiles {
  /** The tile for a filter, from the cache or made now (one query however many ask at once). */
  get(a: TileAddress, filter: PlotFilter): Promise<CachedTile>;
  /** The cached tile, or undefined; never queries. */
  peek(a: TileAddress, filterKey: string): CachedTile | undefined;
  /** Current data version (goes into TileJSON URLs and ETags). */
  version(): number;
  stats(): TileCacheStats;
  close(): void;
}

export interface PlotTilesOptions {
  cacheBytes: number; // upper bound of the in-memory cache
  /** Forces an encoder (tests compare both on one database); default: what the database supports. */
  encoder?: TileEncoder;
}

const keyOf = (version: number, a: TileAddress, fkey: string) => `${version}/${a.z}/${a.x}/${a.y}?${fkey}`;

export function createPlotTiles(db: Db, dataVersion: DataVersion, opts: PlotTilesOptions): PlotTiles {
  const encoder = opts.encoder ?? defaultEncoder(db);
  const cache = new TileCache(opts.cacheBytes, dataVersion.current());
  const unsubscribe = dataVersion.onChange((v) => cache.setVersion(v));
  return {
    get(a, filter) {
      const v = dataVersion.current();
      return cache.get(keyOf(v, a, filterKey(filter)), v, () => renderPlotTile(db, a, filter, { encoder }));
    },
    peek(a, fkey) {
      return cache.peek(keyOf(dataVersion.current(), a, fkey));
    },
    version: () => dataVersion.current(),
    stats: () => cache.stats(),
    close() {
      unsubscribe();
      cache.clear();
    },
  };
}

/** The filter of a raw query string and its key, or undefined when it is invalid (the router answers 400). */
export function filterOfQuery(search: string): { filter: PlotFilter; key: string } | undefined {
  const { filter, problems } = parsePlotFilter(new URLSearchParams(search));
  return problems.length ? undefined : { filter, key: filterKey(filter) };
}
