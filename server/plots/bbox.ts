import { badRequest } from '../http/errors.ts';

/** A bounding box with x = easting/longitude and y = northing/latitude, in the CRS `srid`. */
export interface Bbox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  srid: 4326 | 3879 | 3067;
}

/**
 * Where each CRS is usable, as [minX, minY, maxX, maxY] in x,y order. A bbox outside these is a
 * mistake (wrong axis order, wrong CRS, or a made-up number), answered with 400. The projected
 * ranges are their EPSG areas of use widened by a margin; CRS84 accepts the whole world.
 */
const VALID_RANGE: Record<Bbox['srid'], readonly [number, number, number, number]> = {
  4326: [-180, -90, 180, 90],
  3879: [24_000_000, 6_000_000, 27_000_000, 8_000_000],
  3067: [-600_000, 6_000_000, 1_500_000, 8_000_000],
};

/**
 * Parses `minX,minY,maxX,maxY` (4 numbers, or 6 with heights, which are ignored). When
 * `northFirst` the text is read in the CRS's latitude/northing-first axis order (EPSG:4326,
 * EPSG:3879 by their URIs) and swapped to x,y. Absent input is undefined; malformed, inverted or
 * out-of-range input throws 400 `invalid_bbox` with the text as value.
 */
export function parseBbox(
  raw: unknown,
  opts: { srid?: Bbox['srid']; northFirst?: boolean; param?: string } = {},
): Bbox | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const param = opts.param ?? 'bbox';
  const srid = opts.srid ?? 4326;
  const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  const fail = (why: string) =>
    badRequest('invalid_bbox', `Invalid ${param} "${text.slice(0, 200)}": ${why}.`, text.slice(0, 200), {
      param,
    });
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 4 && parts.length !== 6)
    throw fail('give minX,minY,maxX,maxY (four numbers, or six with heights)');
  if (parts.some((p) => !/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(p)))
    throw fail('every value must be a number');
  const n = parts.map(Number);
  let [x0, y0, x1, y1] =
    parts.length === 6 ? [n[0]!, n[1]!, n[3]!, n[4]!] : (n as [number, number, number, number]);
  if (opts.northFirst) [x0, y0, x1, y1] = [y0, x0, y1, x1];
  if (x0 > x1 || y0 > y1) throw fail('the minimum corner must come first (the box is inverted)');
  const r = VALID_RANGE[srid];
  if (x0 < r[0] || y0 < r[1] || x1 > r[2] || y1 > r[3])
    throw fail(
      `outside the valid range of EPSG:${srid} (${r.join(', ')} as x,y); check the axis order and CRS`,
    );
  return { minX: x0, minY: y0, maxX: x1, maxY: y1, srid };
}

// Plots only exist in Finland: a CRS84 box is cut to this before it is projected, so a whole-world
// box stays a valid question (projecting it to EPSG:3879 as it is would fail).
const FINLAND_CRS84 = [19, 59, 32, 71] as const;

/**
 * SQL that is true for rows whose `column3857` (the EPSG:3857 copy every geometry table keeps)
 * intersects the box. The stored column is compared with the box projected to its CRS, so the
 * GiST index (for plots the partial index of published plots) is used; a lon/lat box is an exact
 * rectangle in EPSG:3857. Parameters are numbered from firstParam. A CRS84 box that misses
 * Finland altogether gives `false`.
 */
export function bboxSql(
  b: Bbox,
  column3857: string,
  firstParam: number,
): { text: string; values: unknown[] } {
  let { minX, minY, maxX, maxY } = b;
  if (b.srid === 4326) {
    minX = Math.max(minX, FINLAND_CRS84[0]);
    minY = Math.max(minY, FINLAND_CRS84[1]);
    maxX = Math.min(maxX, FINLAND_CRS84[2]);
    maxY = Math.min(maxY, FINLAND_CRS84[3]);
    if (minX > maxX || minY > maxY) return { text: 'false', values: [] };
  }
  const p = (i: number) => `$${firstParam + i}`;
  const env = `ST_MakeEnvelope(${p(0)}::float8, ${p(1)}::float8, ${p(2)}::float8, ${p(3)}::float8, ${b.srid})`;
  return {
    text: `ST_Intersects(${column3857}, ST_Transform(${env}, 3857))`,
    values: [minX, minY, maxX, maxY],
  };
}
