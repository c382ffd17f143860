/**
 * Which coordinate system a file's coordinates are in, and in which axis order. Declared names
 * are read from every form files use; when nothing is declared, or the declaration does not fit
 * the coordinates, Helsinki's known coordinate ranges decide. Axis order is decided the same way:
 * the EPSG definitions of 3879 and 4326 put northing (latitude) first and some files follow them,
 * so a file read in the wrong order would land far from Helsinki.
 */

export const SUPPORTED_CRS = [3879, 3067, 4326] as const;
export type Epsg = (typeof SUPPORTED_CRS)[number];

export interface DeclaredCrs {
  /** EPSG code as named by the file; undefined when the file names none. */
  epsg?: number;
  /** The file's text, for messages. */
  name?: string;
}

/**
 * EPSG code from a CRS name: EPSG:3879, urn:ogc:def:crs:EPSG::3879, urn:ogc:def:crs:EPSG:6.18.3:3879,
 * http://www.opengis.net/def/crs/EPSG/0/3879, .../gml/srs/epsg.xml#3879, CRS84 (-> 4326).
 * Undefined when the name is not one of these.
 */
export function epsgFromName(name: string | undefined | null): number | undefined {
  if (!name) return undefined;
  const s = name.trim();
  if (/CRS:?84$/i.test(s) || /OGC\/1\.3\/CRS84$/i.test(s)) return 4326;
  const m =
    /^EPSG:(\d+)$/i.exec(s) ??
    /^urn:(?:x-)?ogc:def:crs:EPSG:[\d.]*:(\d+)$/i.exec(s) ??
    /opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d+)$/i.exec(s) ??
    /epsg\.xml#(\d+)$/i.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** EPSG code from a .prj (ESRI WKT): by AUTHORITY, else by the projection's well-known name. */
export function epsgFromPrj(wkt: string): number | undefined {
  const auth = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/i.exec(wkt.trim());
  if (auth) return Number(auth[1]);
  const name = /^(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\["([^"]+)"/i.exec(wkt.trim())?.[1] ?? '';
  const n = name.toLowerCase().replace(/[\s-]+/g, '_');
  if (n.includes('gk25') || n.includes('gk25fin')) return 3879;
  if (n.includes('tm35fin') || n.includes('utm_zone_35n') || n.includes('euref_fin_tm35')) return 3067;
  if (/^(gcs_)?(wgs_1984|wgs_84|etrs_?89|euref_fin)$/.test(n)) return 4326;
  // ESRI names the GK25 zone by its central meridian.
  if (
    /transverse_mercator/i.test(wkt) &&
    /"central_meridian",\s*25(\.0+)?\]/i.test(wkt) &&
    /"false_easting",\s*25500000/i.test(wkt)
  )
    return 3879;
  if (
    /transverse_mercator/i.test(wkt) &&
    /"central_meridian",\s*27(\.0+)?\]/i.test(wkt) &&
    /"false_easting",\s*500000/i.test(wkt)
  )
    return 3067;
  return undefined;
}

/** Helsinki with a margin, per CRS, as [minX, minY, maxX, maxY] in easting/longitude-first order. */
const HELSINKI: Record<Epsg, [number, number, number, number]> = {
  3879: [25_470_000, 6_650_000, 25_530_000, 6_710_000],
  3067: [360_000, 6_650_000, 420_000, 6_710_000],
  4326: [24.5, 59.9, 25.6, 60.5],
};

export type Position = [number, number];

export interface CrsGuess {
  epsg: Epsg;
  /** The file writes northing (latitude) first: coordinates are flipped on the way in. */
  swapAxes: boolean;
  /** Share of the sampled positions that fall in Helsinki this way, 0-1. */
  share: number;
}

const within = (x: number, y: number, r: [number, number, number, number]) =>
  x >= r[0] && y >= r[1] && x <= r[2] && y <= r[3];

/** Every (CRS, axis order) with the share of sample positions it puts in Helsinki, best first. */
export function rankCrs(sample: Position[]): CrsGuess[] {
  const out: CrsGuess[] = [];
  if (!sample.length) return out;
  for (const epsg of SUPPORTED_CRS) {
    for (const swapAxes of [false, true]) {
      let n = 0;
      for (const [x, y] of sample)
        if (swapAxes ? within(y, x, HELSINKI[epsg]) : within(x, y, HELSINKI[epsg])) n++;
      if (n) out.push({ epsg, swapAxes, share: n / sample.length });
    }
  }
  return out.sort((a, b) => b.share - a.share);
}

export type CrsDecision =
  | { ok: true; epsg: Epsg; swapAxes: boolean; source: 'declared' | 'inferred'; needsConfirmation: boolean }
  | {
      ok: false;
      code: 'crs_mismatch' | 'coordinates_outside_helsinki' | 'unsupported_crs';
      suggestion?: CrsGuess;
    };

/**
 * Decides the CRS from a sample of positions (one per feature): the declared one when most
 * positions fit it in some axis order; otherwise crs_mismatch naming what they do fit, or
 * coordinates_outside_helsinki when they fit nothing. Without a declaration the best fit is
 * inferred and must be confirmed by the user. Single stray features do not decide: they are
 * flagged row by row in the preview.
 */
export function decideCrs(declared: DeclaredCrs, sample: Position[]): CrsDecision {
  if (declared.epsg !== undefined && !(SUPPORTED_CRS as readonly number[]).includes(declared.epsg))
    return { ok: false, code: 'unsupported_crs' };
  if (!sample.length)
    return {
      ok: true,
      epsg: (declared.epsg as Epsg) ?? 3879,
      swapAxes: false,
      source: declared.epsg ? 'declared' : 'inferred',
      needsConfirmation: false,
    };
  const ranked = rankCrs(sample).filter((g) => g.share >= 0.5);
  if (declared.epsg !== undefined) {
    const mine = ranked.find((f) => f.epsg === declared.epsg);
    if (mine)
      return {
        ok: true,
        epsg: mine.epsg,
        swapAxes: mine.swapAxes,
        source: 'declared',
        needsConfirmation: false,
      };
    if (ranked.length) return { ok: false, code: 'crs_mismatch', suggestion: ranked[0] };
    return { ok: false, code: 'coordinates_outside_helsinki' };
  }
  if (!ranked.length) return { ok: false, code: 'coordinates_outside_helsinki' };
  return {
    ok: true,
    epsg: ranked[0]!.epsg,
    swapAxes: ranked[0]!.swapAxes,
    source: 'inferred',
    needsConfirmation: true,
  };
}

/** The first position of a GeoJSON geometry's coordinates (any nesting); undefined when none. */
export function firstPosition(coords: unknown): Position | undefined {
  let c = coords;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] : undefined;
}
