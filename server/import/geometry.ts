import type { RawGeometry } from './types.ts';

export type GeometryKind = 'polygon' | 'point' | 'line' | 'none' | 'invalid';

/** What a file geometry is, for the file-level mixed-types check. */
export function kindOf(g: RawGeometry | null): GeometryKind {
  if (!g) return 'none';
  switch (g.type) {
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
    case 'Point':
    case 'MultiPoint':
      return 'point';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    default:
      return 'invalid';
  }
}

const finite = (p: unknown): p is number[] =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * Prepares a polygon or point for the database: 2D, finite, rings closed. Null with a problem
 * code when the coordinates cannot make that geometry (the row is flagged, the file goes on).
 */
export function cleanGeometry(g: RawGeometry | null): {
  geojson: string | null;
  problem?: string;
  note?: string;
} {
  const kind = kindOf(g);
  if (kind === 'none') return { geojson: null, problem: 'geometry_missing' };
  if (kind === 'invalid') return { geojson: null, problem: 'invalid_geometry' };
  if (kind === 'line') return { geojson: null, problem: 'unsupported_geometry' };
  let closed = false;
  const ring = (r: unknown): number[][] | null => {
    if (!Array.isArray(r) || !r.every(finite)) return null;
    const pts = r.map((p) => [p[0], p[1]] as number[]);
    const a = pts[0];
    const b = pts[pts.length - 1];
    if (a && b && (a[0] !== b[0] || a[1] !== b[1])) {
      pts.push([a[0]!, a[1]!]);
      closed = true;
    }
    return pts.length >= 4 ? pts : null;
  };
  const poly = (p: unknown): number[][][] | null => {
    if (!Array.isArray(p) || !p.length) return null;
    const rings = p.map(ring);
    return rings.every(Boolean) ? (rings as number[][][]) : null;
  };
  let out: { type: string; coordinates: unknown } | null = null;
  const c = g!.coordinates;
  if (g!.type === 'Polygon') {
    const p = poly(c);
    out = p && { type: 'Polygon', coordinates: p };
  } else if (g!.type === 'MultiPolygon') {
    const ps = Array.isArray(c) ? c.map(poly) : [null];
    out = ps.length && ps.every(Boolean) ? { type: 'MultiPolygon', coordinates: ps } : null;
  } else if (g!.type === 'Point') {
    out = finite(c) ? { type: 'Point', coordinates: [c[0], c[1]] } : null;
  } else {
    const ps = Array.isArray(c) ? c : [];
    out =
      ps.length && ps.every(finite) ? { type: 'MultiPoint', coordinates: ps.map((p) => [p[0], p[1]]) } : null;
  }
  if (!out) return { geojson: null, problem: 'invalid_coordinates' };
  return { geojson: JSON.stringify(out), note: closed ? 'ring_closed' : undefined };
}
