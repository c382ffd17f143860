import { own } from '../../shared/own.ts';
import { badRequest } from '../http/errors.ts';

/** A CRS the OGC API offers (Part 2, CRS by reference). */
export interface OgcCrs {
  uri: string;
  srid: 4326 | 3879 | 3067;
  /** Axis order of the CRS as EPSG defines it: latitude/northing first. GeoJSON output follows it. */
  northFirst: boolean;
  /** Decimals in output coordinates: about 1 cm in each CRS. */
  decimals: number;
}

export const CRS84: OgcCrs = {
  uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
  srid: 4326,
  northFirst: false,
  decimals: 7,
};
export const EPSG_4326: OgcCrs = {
  uri: 'http://www.opengis.net/def/crs/EPSG/0/4326',
  srid: 4326,
  northFirst: true,
  decimals: 7,
};
// EPSG:3879 (ETRS89 / GK25FIN) is defined northing first; EPSG:3067 (ETRS-TM35FIN(E,N)) easting first.
export const EPSG_3879: OgcCrs = {
  uri: 'http://www.opengis.net/def/crs/EPSG/0/3879',
  srid: 3879,
  northFirst: true,
  decimals: 2,
};
export const EPSG_3067: OgcCrs = {
  uri: 'http://www.opengis.net/def/crs/EPSG/0/3067',
  srid: 3067,
  northFirst: false,
  decimals: 2,
};

/** Every CRS offered, default first. */
export const SUPPORTED_CRS: readonly OgcCrs[] = [CRS84, EPSG_4326, EPSG_3879, EPSG_3067];
export const STORAGE_CRS = EPSG_3879;

// Other spellings clients use for the same CRS; each keeps the CRS's own axis order.
const ALIASES: Record<string, OgcCrs> = {
  'https://www.opengis.net/def/crs/ogc/1.3/crs84': CRS84,
  'urn:ogc:def:crs:ogc:1.3:crs84': CRS84,
  'ogc:crs84': CRS84,
  crs84: CRS84,
};
for (const c of [EPSG_4326, EPSG_3879, EPSG_3067]) {
  ALIASES[c.uri.replace('http:', 'https:').toLowerCase()] = c;
  ALIASES[`urn:ogc:def:crs:epsg::${c.srid}`] = c;
  ALIASES[`epsg:${c.srid}`] = c;
}

/**
 * Reads a `crs` or `bbox-crs` value: a CRS URI (or its URN, EPSG:n or [EPSG:n] spelling).
 * Absent gives CRS84; anything not offered throws 400 `invalid_crs` listing the accepted URIs.
 */
export function parseCrs(raw: unknown, param: 'crs' | 'bbox-crs'): OgcCrs {
  if (raw === undefined || raw === '') return CRS84;
  const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
  const key = text.trim().replace(/^\[(.*)\]$/, '$1');
  const found = SUPPORTED_CRS.find((c) => c.uri === key) ?? own(ALIASES, key.toLowerCase());
  if (!found) {
    const accepted = SUPPORTED_CRS.map((c) => c.uri);
    throw badRequest(
      'invalid_crs',
      `Unsupported ${param} "${text.slice(0, 200)}"; accepted: ${accepted.join(', ')}.`,
      text.slice(0, 200),
      { param, accepted },
    );
  }
  return found;
}

/** The Content-Crs header value for a CRS. */
export const contentCrs = (c: OgcCrs): string => `<${c.uri}>`;
