import type { Position } from './crs.ts';

/** A polygon as rings (first exterior, then holes), each a closed or open list of x,y. */
export type Rings = Position[][];

/** Even-odd ray casting over all rings: inside the exterior and outside every hole. */
export function pointInRings(x: number, y: number, rings: Rings): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export interface IndexedPolygon<T> {
  rings: Rings;
  bbox: [number, number, number, number]; // [minX, minY, maxX, maxY]
  value: T;
}

export function ringsBbox(rings: Rings): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of rings[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** GeoJSON Polygon or MultiPolygon coordinates -> list of polygons' rings. */
export function polygonsOf(geometry: { type: string; coordinates: unknown }): Rings[] {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Rings];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Rings[];
  return [];
}
