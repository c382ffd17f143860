/**
 * Which CSV column holds the geometry, decided by the values of the first rows rather than by
 * the header: a city export names it `geometria_wkt`, `sijainti` or `SHAPE`, and coordinate
 * pairs come as x/y, e/n, lon/lat or itä/pohjoinen in any of the three languages.
 */
import wkx from 'wkx';
import { parseNumber } from '../staff/fields.ts';
import { rankCrs, type Position } from './crs.ts';
import type { GeometryCandidate, GeometryChoice, GeometryFacts, GeometryKind, RawGeometry } from './types.ts';

export type { GeometryCandidate, GeometryChoice, GeometryFacts, GeometryKind } from './types.ts';

/** Rows sampled to decide; enough for a few blank or broken cells not to mislead. */
export const SAMPLE_ROWS = 100;

const WKT_RE =
  /^\s*(srid\s*=\s*\d+\s*;\s*)?(multi)?(point|linestring|polygon|curvepolygon|surface|geometrycollection)\s*(z|m|zm)?\s*(\(|empty\b)/i;
const WKB_RE = /^(00|01)[0-9a-f]{16,}$/i;
const GEOJSON_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]);

/** Lower case, no diacritics (ä → a, ö → o, å → a), words split on anything else. */
export const words = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const X_WORDS = new Set([
  'x',
  'e',
  'lon',
  'lng',
  'long',
  'longitude',
  'pituus',
  'pituusaste',
  'easting',
  'east',
  'ita',
  'itainen',
  'itakoordinaatti',
  'ost',
  'ostlig',
  'ostkoordinat',
  'longitud',
]);
const Y_WORDS = new Set([
  'y',
  'n',
  'lat',
  'latitude',
  'leveys',
  'leveysaste',
  'northing',
  'north',
  'pohjoinen',
  'pohjoiskoordinaatti',
  'nord',
  'nordlig',
  'nordkoordinat',
  'latitud',
]);

/** 'x', 'y' or undefined: the name's first or last word says which axis it is. */
function axisOf(name: string): 'x' | 'y' | undefined {
  const w = words(name);
  if (!w.length) return undefined;
  const ends = w.length === 1 ? [w[0]!] : [w[0]!, w[w.length - 1]!];
  // One-letter words only count first ("e_gk25"), so "hinta_e" is not an easting.
  const pick = (set: Set<string>) => ends.some((e, i) => set.has(e) && (e.length > 1 || i === 0));
  const x = pick(X_WORDS);
  const y = pick(Y_WORDS);
  return x === y ? undefined : x ? 'x' : 'y';
}

/** What one cell holds, as far as geometry goes. */
export function valueKind(v: string): 'wkt' | 'wkb' | 'geojson' | undefined {
  const s = v.trim();
  if (!s) return undefined;
  if (WKT_RE.test(s)) return 'wkt';
  if (WKB_RE.test(s) && s.length % 2 === 0) return 'wkb';
  if (s.startsWith('{') && s.includes('coordinates')) {
    try {
      const g = JSON.parse(s) as { type?: string; geometry?: { type?: string } };
      if (GEOJSON_TYPES.has(g.type ?? '') || GEOJSON_TYPES.has(g.geometry?.type ?? '')) return 'geojson';
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const numeric = (v: string | undefined) => v !== undefined && v.trim() !== '' && parseNumber(v) !== null;

/**
 * Geometry candidates from the header and the first rows, best first, and the one to use:
 * the user's choice when given (unknown names throw in the caller), else the best candidate.
 */
export function detectGeometry(
  columns: string[],
  rows: Array<Record<string, string>>,
  choice?: GeometryChoice,
): GeometryFacts {
  const candidates: GeometryCandidate[] = [];
  for (const column of columns) {
    const values = rows.map((r) => r[column] ?? '').filter((v) => v.trim());
    if (!values.length) continue;
    const counts: Record<string, number> = {};
    for (const v of values) {
      const k = valueKind(v);
      if (k) counts[k] = (counts[k] ?? 0) + 1;
    }
    const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] / values.length >= 0.5)
      candidates.push({ kind: best[0] as GeometryKind, column, hits: best[1], sampled: values.length });
  }
  candidates.push(...coordinatePairs(columns, rows));
  candidates.sort((a, b) => b.hits / b.sampled - a.hits / a.sampled || b.hits - a.hits);
  if (choice) {
    const kind =
      'column' in choice
        ? (candidates.find((c) => c.column === choice.column)?.kind ?? kindOfColumn(choice.column, rows))
        : 'xy';
    return { chosen: choice, kind, by_user: true, candidates, columns };
  }
  const top = candidates[0];
  const chosen: GeometryChoice | null = !top
    ? null
    : top.kind === 'xy'
      ? { x: top.x!, y: top.y! }
      : { column: top.column! };
  return { chosen, kind: top?.kind ?? null, by_user: false, candidates, columns };
}

/** A chosen column nothing recognised: read as WKT, so every row names what it holds. */
function kindOfColumn(column: string, rows: Array<Record<string, string>>): GeometryKind {
  for (const r of rows) {
    const k = valueKind(r[column] ?? '');
    if (k) return k;
  }
  return 'wkt';
}

/**
 * Pairs of numeric columns named as an axis (x/y, e/n, lon/lat, itä/pohjoinen, öst/nord...),
 * matched on the rest of their names ("itä_gk25" with "pohjoinen_gk25"); failing names, two
 * numeric columns whose values put the rows in Helsinki in a supported system.
 */
function coordinatePairs(columns: string[], rows: Array<Record<string, string>>): GeometryCandidate[] {
  const usable = (c: string) => {
    const values = rows.map((r) => r[c]).filter((v) => v !== undefined && v.trim() !== '');
    return values.length > 0 && values.filter(numeric).length / values.length >= 0.8;
  };
  const num = columns.filter(usable);
  const rest = (c: string) =>
    words(c)
      .filter((w) => !X_WORDS.has(w) && !Y_WORDS.has(w))
      .join('_');
  const out: GeometryCandidate[] = [];
  const xs = num.filter((c) => axisOf(c) === 'x');
  const ys = num.filter((c) => axisOf(c) === 'y');
  for (const x of xs) {
    const y = ys.find((c) => rest(c) === rest(x)) ?? (xs.length === 1 && ys.length === 1 ? ys[0] : undefined);
    if (y) out.push(pair(x, y, rows));
  }
  if (out.length) return out;
  for (const x of num)
    for (const y of num) {
      if (x === y) continue;
      const p = pair(x, y, rows);
      const ranked = rankCrs(positions(x, y, rows)).filter((g) => g.share >= 0.8 && !g.swapAxes);
      if (ranked.length) out.push(p);
    }
  return out.slice(0, 4);
}

const positions = (x: string, y: string, rows: Array<Record<string, string>>): Position[] =>
  rows
    .map((r) => [parseNumber(r[x]), parseNumber(r[y])] as const)
    .filter((p): p is [number, number] => typeof p[0] === 'number' && typeof p[1] === 'number');

function pair(x: string, y: string, rows: Array<Record<string, string>>): GeometryCandidate {
  const sampled = rows.filter((r) => (r[x] ?? '').trim() || (r[y] ?? '').trim()).length;
  return { kind: 'xy', x, y, hits: positions(x, y, rows).length, sampled: Math.max(sampled, 1) };
}

/**
 * The geometry of one record under the choice; `Invalid` with the offending text when the cell
 * cannot be read; null when the cells are empty. An EWKT/EWKB SRID comes back as `srid`.
 */
export function geometryOf(
  record: Record<string, string>,
  choice: GeometryChoice,
): { geometry: RawGeometry | null; srid?: number } {
  if ('x' in choice) {
    const xs = record[choice.x]?.trim();
    const ys = record[choice.y]?.trim();
    if (!xs && !ys) return { geometry: null };
    const x = parseNumber(xs);
    const y = parseNumber(ys);
    if (typeof x !== 'number' || typeof y !== 'number')
      return { geometry: { type: 'Invalid', coordinates: `${xs ?? ''} ${ys ?? ''}`.trim() } };
    return { geometry: { type: 'Point', coordinates: [x, y] } };
  }
  const text = record[choice.column]?.trim();
  if (!text) return { geometry: null };
  try {
    const kind = valueKind(text);
    if (kind === 'geojson') {
      const g = JSON.parse(text) as RawGeometry & { geometry?: RawGeometry };
      return { geometry: g.geometry ?? g };
    }
    const g = wkx.Geometry.parse(
      kind === 'wkb' ? Buffer.from(text, 'hex') : text.toUpperCase(),
    ) as wkx.Geometry & {
      srid?: number;
    };
    return { geometry: g.toGeoJSON() as RawGeometry, srid: g.srid || undefined };
  } catch {
    return { geometry: { type: 'Invalid', coordinates: text.slice(0, 120) } };
  }
}

/** The columns a choice reads, which are then not attributes. */
export const choiceColumns = (c: GeometryChoice | null | undefined): string[] =>
  !c ? [] : 'x' in c ? [c.x, c.y] : [c.column];

/** A choice from untrusted input (query, body, saved mapping); undefined when absent. */
export function parseChoice(v: {
  column?: unknown;
  x?: unknown;
  y?: unknown;
}): GeometryChoice | undefined | 'invalid' {
  const s = (u: unknown) => (typeof u === 'string' && u.trim() ? u.trim() : undefined);
  const column = s(v.column);
  const x = s(v.x);
  const y = s(v.y);
  if (column && !x && !y) return { column };
  if (x && y && !column) return { x, y };
  if (!column && !x && !y && v.column === undefined && v.x === undefined && v.y === undefined)
    return undefined;
  return 'invalid';
}
