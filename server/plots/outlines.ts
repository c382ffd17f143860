/**
 * The outline of an area the user has filtered to: a sub-district's boundary, or the union of a
 * detailed plan's published plots (plan areas themselves are not in the data), in CRS84 with its
 * box, for the map to draw and fit.
 */
import type { Db } from '../db/index.ts';
import { badRequest, notFound } from '../http/errors.ts';

export interface Outline {
  type: 'Feature';
  bbox: [number, number, number, number];
  properties: { kind: 'sub_district' | 'plan'; ref: string };
  geometry: GeoJSON.Geometry;
}

const SQL = {
  sub_district: `SELECT ST_Transform(geom, 4326) AS g FROM sub_districts WHERE number = $1::bigint`,
  plan: `SELECT ST_Transform(ST_Union(geom), 4326) AS g FROM plots
           WHERE status = 'published' AND plan_number = $1 HAVING count(*) > 0`,
};

/**
 * Reads ?sub_district=N or ?plan=N. Throws 400 invalid_outline for anything else (with the
 * value), 404 outline_not_found when nothing has that number.
 */
export async function outlineOf(db: Db, query: Record<string, unknown>): Promise<Outline> {
  const sub = query.sub_district;
  const plan = query.plan;
  let kind: Outline['properties']['kind'];
  let ref: string;
  if (typeof sub === 'string' && plan === undefined && /^\d{1,9}$/.test(sub)) {
    kind = 'sub_district';
    ref = sub;
  } else if (typeof plan === 'string' && sub === undefined && /^[\dA-Za-z-]{1,20}$/.test(plan)) {
    kind = 'plan';
    ref = plan;
  } else
    throw badRequest(
      'invalid_outline',
      'Give one sub_district (a number) or one plan (a plan number).',
      String(sub ?? plan ?? '').slice(0, 50),
    );
  const rows = await db.query<{ geometry: string; xmin: number; ymin: number; xmax: number; ymax: number }>(
    `SELECT ST_AsGeoJSON(g, 7) AS geometry, ST_XMin(g) AS xmin, ST_YMin(g) AS ymin, ST_XMax(g) AS xmax,
       ST_YMax(g) AS ymax FROM (${SQL[kind]}) x WHERE g IS NOT NULL`,
    [ref],
  );
  const r = rows[0];
  if (!r) throw notFound('outline_not_found', `No ${kind.replace('_', '-')} ${ref} with an outline.`, ref);
  return {
    type: 'Feature',
    bbox: [Number(r.xmin), Number(r.ymin), Number(r.xmax), Number(r.ymax)],
    properties: { kind, ref },
    geometry: JSON.parse(r.geometry) as GeoJSON.Geometry,
  };
}
