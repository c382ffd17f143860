import type { Rings } from '../../geo/point-in-polygon.ts';

/** [xStart, xEnd] stretches of a horizontal line y that lie inside the rings (even-odd). */
export function intervalsAt(polygons: Rings[], y: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const rings of polygons) {
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) out.push([xs[k]!, xs[k + 1]!]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** True when [x0, x1] lies wholly inside one of the intervals. */
export function spanInside(intervals: Array<[number, number]>, x0: number, x1: number): number {
  for (let k = 0; k < intervals.length; k++) {
    const [a, b] = intervals[k]!;
    if (a <= x0 && x1 <= b) return k;
    if (a > x0) break;
  }
  return -1;
}
