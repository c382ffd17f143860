/**
 * Drawn-area and measurement geometry (loaded on demand: turf is not in the initial bundle).
 * Lengths and areas are geodesic (turf measures on the sphere), in metres and square metres.
 */
import { area, circle, distance, length, lineString, polygon } from '@turf/turf';
import type { DrawnArea } from '../../../shared/filter.ts';

type Pos = [number, number]; // lon, lat

// Six decimals of a degree is ~0.1 m: plenty for a drawn area, and keeps links short.
const round = (p: Pos): Pos => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];

/** Closed polygon from at least three clicked points; undefined for fewer. */
export function polygonFrom(points: Pos[]): DrawnArea | undefined {
  if (points.length < 3) return undefined;
  const ring = points.map(round);
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Circle polygon around `center` through `edge` (48 segments). */
export function circleFrom(center: Pos, edge: Pos): DrawnArea | undefined {
  const km = distance(center, edge, { units: 'kilometers' });
  if (!(km > 0)) return undefined;
  const c = circle(center, km, { steps: 48, units: 'kilometers' });
  const ring = (c.geometry.coordinates[0] as Pos[]).map(round);
  ring[ring.length - 1] = ring[0]!;
  return { type: 'Polygon', coordinates: [ring] };
}

export const radiusM = (center: Pos, edge: Pos): number =>
  distance(center, edge, { units: 'kilometers' }) * 1000;

export function lengthM(points: Pos[]): number {
  return points.length < 2 ? 0 : length(lineString(points), { units: 'kilometers' }) * 1000;
}

export function areaM2(points: Pos[]): number {
  if (points.length < 3) return 0;
  return area(polygon([[...points, points[0]!]]));
}

/** True when two screen-near clicks are the same point (a double click's second click). */
export const samePoint = (a: Pos | undefined, b: Pos): boolean =>
  !!a && Math.abs(a[0] - b[0]) < 1e-7 && Math.abs(a[1] - b[1]) < 1e-7;
