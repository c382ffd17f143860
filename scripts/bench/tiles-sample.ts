import type { Db } from '../../server/db/index.ts';
import type { TileAddress } from '../../server/tiles/address.ts';
import { TILE_LIMITS } from '../../server/tiles/sql.ts';

const WORLD_M = 2 * Math.PI * 6378137; // Web Mercator world width, metres

/**
 * Tiles worth measuring at zoom z: the densest ones, and those holding just under each
 * representation limit (the biggest tiles of each form). With `k`, only the k densest.
 */
export async function tilesByDensity(db: Db, z: number, k?: number): Promise<TileAddress[]> {
  const size = WORLD_M / 2 ** z;
  const rows = await db.query<{ x: number; y: number; n: number }>(
    `SELECT floor((ST_X(point_3857) + $1::float8 / 2) / $2::float8)::int AS x,
            floor(($1::float8 / 2 - ST_Y(point_3857)) / $2::float8)::int AS y,
            count(*)::int AS n
       FROM plots WHERE status = 'published' GROUP BY 1, 2 ORDER BY n DESC`,
    [WORLD_M, size],
  );
  const pick = new Map<string, TileAddress>();
  const add = (r: { x: number; y: number } | undefined) => {
    if (r) pick.set(`${r.x}/${r.y}`, { z, x: r.x, y: r.y });
  };
  rows.slice(0, k ?? 4).forEach(add);
  if (k) return [...pick.values()];
  const limits = [
    TILE_LIMITS.maxPoints,
    ...(z >= TILE_LIMITS.polygonMinZoom ? [TILE_LIMITS.maxPolygons] : []),
  ];
  for (const limit of limits) {
    // Counts here are of points in the tile; the tile statement also counts its buffer, so
    // take the two largest under 95% of the limit.
    rows
      .filter((r) => r.n <= limit * 0.95)
      .slice(0, 2)
      .forEach(add);
  }
  return [...pick.values()];
}
