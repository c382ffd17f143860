/**
 * A point typed as coordinates: one suggestion that flies there, followed by the published plot
 * the point falls in, when it falls in one: the point in CRS84 with the plot under it, then that
 * plot's row when there is one.
 */
import type { Db } from '../db/index.ts';
import type { SearchIntent } from './parse.ts';
import type { SearchRow } from './queries.ts';

type Point = NonNullable<SearchIntent['point']>;

export async function pointRows(db: Db, pt: Point): Promise<SearchRow[]> {
  const [r] = await db.query<{
    lon: number;
    lat: number;
    plot: string | null;
  }>(
    `WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), $3::int) AS g)
     SELECT ST_X(ST_Transform(pt.g, 4326)) AS lon, ST_Y(ST_Transform(pt.g, 4326)) AS lat,
       (SELECT p.id::text FROM plots p WHERE p.status = 'published'
          AND ST_Intersects(p.geom, ST_Transform(pt.g, 3879)) ORDER BY p.id LIMIT 1) AS plot
     FROM pt`,
    [pt.x, pt.y, pt.srid],
  );
  if (!r) return [];
  const lon = Number(r.lon);
  const lat = Number(r.lat);
  const here: SearchRow = {
    kind: 'coordinate',
    ref: `${lat.toFixed(5)},${lon.toFixed(5)}`,
    plot_id: null,
    // The typed numbers, as typed in the CRS they were read in.
    name_fi: pt.srid === 3879 ? `${Math.round(pt.y)} N, ${Math.round(pt.x)} E` : '',
    name_sv: null,
    detail: null,
    area_fi: null,
    area_sv: null,
    // 1 when the point falls in a published plot (offered next).
    count: r.plot ? 1 : 0,
    score: 1,
    ord: 0,
    xmin: lon,
    ymin: lat,
    xmax: lon,
    ymax: lat,
    cx: lon,
    cy: lat,
  };
  if (!r.plot) return [here];
  const [plot] = await db.query<SearchRow>(
    `SELECT 'plot' AS kind, p.id::text AS ref, p.id AS plot_id, p.property_id AS name_fi, p.block_plot AS name_sv,
        p.address AS detail, s.name_fi AS area_fi, s.name_sv AS area_sv, NULL::int AS count, 0.99::float8 AS score,
        0 AS ord, ST_XMin(g.g) AS xmin, ST_YMin(g.g) AS ymin, ST_XMax(g.g) AS xmax, ST_YMax(g.g) AS ymax,
        ST_X(ST_Transform(p.point_3857, 4326)) AS cx, ST_Y(ST_Transform(p.point_3857, 4326)) AS cy
      FROM plots p LEFT JOIN sub_districts s ON s.number = p.sub_district_number
      CROSS JOIN LATERAL (SELECT ST_Transform(p.geom, 4326) AS g) g WHERE p.id = $1`,
    [r.plot],
  );
  return plot ? [here, plot] : [here];
}
