/**
 * The one plot filter model, shared by the map, the list, the counts, the OGC items and every
 * export, so the same filter always means the same set of plots. Pure: used by client and server.
 *
 * Query parameters (all optional, lists comma-separated):
 *   use_class=industrial,office   use_code=T,TY   availability=available,draw   tenure=lease
 *   area_min / area_max (m²)   building_right_min / building_right_max (k-m²)
 *   price_min / price_max (EUR per k-m² of building right)   district=45,46   sub_district=456
 *   q=free text (property id, address, plan number)   ids=12,15 (a selection)
 *   within=GeoJSON Polygon or MultiPolygon in CRS84 lon,lat (a drawn area)
 */
import { jsonDepth } from './json-depth.ts';

export const USE_CLASSES = ['commercial', 'office', 'industrial'] as const;
export const USE_CODES = [
  'K',
  'KL',
  'KM',
  'KT',
  'KTY',
  'T',
  'TT',
  'TV',
  'TY',
  'T/kem',
  'C',
  'P',
  'LTA',
] as const;
export const AVAILABILITIES = ['available', 'draw', 'reserved', 'leased', 'coming'] as const;
export const TENURES = ['lease', 'sale'] as const;

export type UseClass = (typeof USE_CLASSES)[number];
export type UseCode = (typeof USE_CODES)[number];
export type Availability = (typeof AVAILABILITIES)[number];
export type Tenure = (typeof TENURES)[number];

/** Zoning code -> user-facing class: K, KL, KM and C commercial; KT, KTY and P office; the rest industrial. */
export function useClassOf(code: string): UseClass {
  if (['K', 'KL', 'KM', 'C'].includes(code)) return 'commercial';
  if (['KT', 'KTY', 'P'].includes(code)) return 'office';
  return 'industrial';
}

export interface DrawnArea {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface PlotFilter {
  useClass?: UseClass[];
  useCode?: UseCode[];
  availability?: Availability[];
  tenure?: Tenure[];
  areaMin?: number; // m²
  areaMax?: number; // m²
  buildingRightMin?: number; // k-m²
  buildingRightMax?: number; // k-m²
  priceMin?: number; // EUR / k-m²
  priceMax?: number; // EUR / k-m²
  district?: number[];
  subDistrict?: number[];
  q?: string;
  ids?: number[];
  within?: DrawnArea;
}

export interface FilterProblem {
  /** Stable code: invalid_number, unknown_value, invalid_area, too_long, too_many. */
  code: string;
  param: string;
  value: string;
  /** Accepted values, when the parameter takes a fixed list. */
  accepted?: readonly string[];
}

export const FILTER_PARAMS = [
  'use_class',
  'use_code',
  'availability',
  'tenure',
  'area_min',
  'area_max',
  'building_right_min',
  'building_right_max',
  'price_min',
  'price_max',
  'district',
  'sub_district',
  'q',
  'ids',
  'within',
] as const;

const MAX_Q = 200; // characters
const MAX_IDS = 1000;
const MAX_AREA_VERTICES = 2000;
// A drawn area must lie in and around Helsinki (lon, lat); anything else is a mistake.
const AREA_BOUNDS = [24.5, 59.9, 25.6, 60.5];

type Getter = (name: string) => string | null | undefined;

/**
 * Reads the filter from query parameters. Never throws: bad parameters are left out of the
 * filter and reported in `problems` (the server answers 400 with them, the client ignores
 * them with a notice).
 */
export function parsePlotFilter(get: Getter | URLSearchParams | Record<string, unknown>): {
  filter: PlotFilter;
  problems: FilterProblem[];
} {
  const read: Getter =
    typeof get === 'function'
      ? get
      : get instanceof URLSearchParams
        ? (n) => get.get(n)
        : (n) => {
            const v = (get as Record<string, unknown>)[n];
            return Array.isArray(v) ? v.map(String).join(',') : v == null ? undefined : String(v);
          };
  const filter: PlotFilter = {};
  const problems: FilterProblem[] = [];

  const list = <T extends string>(param: string, accepted: readonly T[]): T[] | undefined => {
    const raw = read(param);
    if (raw == null || raw === '') return undefined;
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = items.filter((i) => !accepted.includes(i as T));
    if (bad.length) {
      problems.push({ code: 'unknown_value', param, value: bad.join(','), accepted });
      return undefined;
    }
    return [...new Set(items)] as T[];
  };
  const num = (param: string): number | undefined => {
    const raw = read(param);
    if (raw == null || raw === '') return undefined;
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n) || n < 0 || n > 1e12) {
      problems.push({ code: 'invalid_number', param, value: raw });
      return undefined;
    }
    return n;
  };
  const ints = (param: string, max: number): number[] | undefined => {
    const raw = read(param);
    if (raw == null || raw === '') return undefined;
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length > max) {
      problems.push({ code: 'too_many', param, value: `${items.length} values` });
      return undefined;
    }
    if (items.some((i) => !/^\d{1,12}$/.test(i))) {
      problems.push({ code: 'invalid_number', param, value: raw.slice(0, 100) });
      return undefined;
    }
    return [...new Set(items.map(Number))];
  };

  const set = <K extends keyof PlotFilter>(k: K, v: PlotFilter[K] | undefined) => {
    if (v !== undefined) filter[k] = v;
  };
  set('useClass', list('use_class', USE_CLASSES));
  set('useCode', list('use_code', USE_CODES));
  set('availability', list('availability', AVAILABILITIES));
  set('tenure', list('tenure', TENURES));
  set('areaMin', num('area_min'));
  set('areaMax', num('area_max'));
  set('buildingRightMin', num('building_right_min'));
  set('buildingRightMax', num('building_right_max'));
  set('priceMin', num('price_min'));
  set('priceMax', num('price_max'));
  set('district', ints('district', 100));
  set('subDistrict', ints('sub_district', 200));
  set('ids', ints('ids', MAX_IDS));

  const q = read('q');
  if (q != null && q.trim() !== '') {
    if (q.length > MAX_Q) problems.push({ code: 'too_long', param: 'q', value: q.slice(0, 50) + '…' });
    else filter.q = q.trim();
  }
  const within = read('within');
  if (within != null && within !== '') {
    const area = parseDrawnArea(within);
    if (area) filter.within = area;
    else problems.push({ code: 'invalid_area', param: 'within', value: within.slice(0, 100) });
  }
  return { filter, problems };
}

/** A GeoJSON Polygon/MultiPolygon in CRS84 around Helsinki, with closed rings; undefined otherwise. */
export function parseDrawnArea(text: string): DrawnArea | undefined {
  let g: unknown;
  // A MultiPolygon nests four arrays in an object; anything much deeper is not an area.
  if (jsonDepth(text) > 6) return undefined;
  try {
    g = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!g || typeof g !== 'object') return undefined; // "null", "3", "\"x\"" parse too
  const geom = g as { type?: unknown; coordinates?: unknown };
  if (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon') return undefined;
  const polys = (geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates) as unknown;
  if (!Array.isArray(polys) || polys.length === 0) return undefined;
  let vertices = 0;
  for (const rings of polys) {
    if (!Array.isArray(rings) || rings.length === 0) return undefined;
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) return undefined;
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2) return undefined;
        const [x, y] = p as number[];
        if (typeof x !== 'number' || typeof y !== 'number') return undefined;
        if (x < AREA_BOUNDS[0]! || x > AREA_BOUNDS[2]! || y < AREA_BOUNDS[1]! || y > AREA_BOUNDS[3]!)
          return undefined;
      }
      const a = ring[0] as number[];
      const b = ring[ring.length - 1] as number[];
      if (a[0] !== b[0] || a[1] !== b[1]) return undefined;
      vertices += ring.length;
    }
  }
  if (vertices > MAX_AREA_VERTICES) return undefined;
  return { type: geom.type, coordinates: geom.coordinates as DrawnArea['coordinates'] };
}

/** The filter as query parameters, in a fixed order (cache keys, share links, export URLs). */
export function filterToParams(f: PlotFilter): URLSearchParams {
  const p = new URLSearchParams();
  const add = (k: string, v: unknown) => {
    if (v === undefined) return;
    p.set(k, Array.isArray(v) ? [...v].sort().join(',') : String(v));
  };
  add('use_class', f.useClass);
  add('use_code', f.useCode);
  add('availability', f.availability);
  add('tenure', f.tenure);
  add('area_min', f.areaMin);
  add('area_max', f.areaMax);
  add('building_right_min', f.buildingRightMin);
  add('building_right_max', f.buildingRightMax);
  add('price_min', f.priceMin);
  add('price_max', f.priceMax);
  add('district', f.district);
  add('sub_district', f.subDistrict);
  add('q', f.q);
  add('ids', f.ids);
  if (f.within) p.set('within', JSON.stringify(f.within));
  return p;
}

/** Stable text key of a filter: equal filters give equal keys. */
export const filterKey = (f: PlotFilter): string => filterToParams(f).toString();

export const isEmptyFilter = (f: PlotFilter): boolean => Object.keys(f).length === 0;
