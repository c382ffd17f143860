import type { PlotFilter } from '../../shared/filter.ts';
import type { Db } from '../db/index.ts';
import type { TileAddress } from './address.ts';
import { encodeTile, type TileFeatureText } from './encode.ts';
import { plotTileSql, TILE_LIMITS, type TileLimits } from './sql.ts';

/** `sql`: PostGIS encodes (ST_AsMVT); `node`: PostGIS selects and clips, Node encodes. */
export type TileEncoder = 'sql' | 'node';

/** The encoder a database supports: ST_AsMVT where it exists (PostgreSQL), Node otherwise (PGlite). */
export const defaultEncoder = (db: Db): TileEncoder => (db.capabilities.mvt ? 'sql' : 'node');

/**
 * Makes one plot tile (uncompressed MVT bytes) for the published plots matching `filter`.
 * Returns an empty buffer when nothing is in the tile. Database errors propagate.
 */
export async function renderPlotTile(
  db: Db,
  a: TileAddress,
  filter: PlotFilter,
  opts: { encoder?: TileEncoder; limits?: TileLimits } = {},
): Promise<Buffer> {
  const limits = opts.limits ?? TILE_LIMITS;
  if ((opts.encoder ?? defaultEncoder(db)) === 'sql') {
    const q = plotTileSql(a, filter, 'mvt', limits);
    const rows = await db.query<{ mvt: Buffer | Uint8Array | null }>(q.text, q.values);
    const mvt = rows[0]?.mvt;
    return mvt ? Buffer.from(mvt.buffer, mvt.byteOffset, mvt.byteLength) : Buffer.alloc(0);
  }
  const q = plotTileSql(a, filter, 'geojson', limits);
  // The embedded engine's worker runs the statement and the encoding, off the HTTP thread.
  const bytes = db.encodeGeojsonTile
    ? await db.encodeGeojsonTile(q.text, q.values, a)
    : encodeTile(a, (await db.query<TileFeatureText>(q.text, q.values))[0] ?? {});
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
