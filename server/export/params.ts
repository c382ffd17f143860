import type { PlotFilter } from '../../shared/filter.ts';
import { badRequest } from '../http/errors.ts';
import { parseSort, type PlotSort } from '../plots/cursor.ts';
import { plotFilterFromQuery } from '../plots/filter-sql.ts';
import { COLUMNS, COLUMN_KEYS, type ExportColumn } from './columns.ts';
import { LANGS, type Lang } from './i18n.ts';

export const FORMATS = ['csv', 'xlsx', 'geojson', 'gpkg', 'gml', 'kml'] as const;
export type Format = (typeof FORMATS)[number];

export const CRSES = ['EPSG:3879', 'EPSG:3067', 'EPSG:4326', 'CRS84'] as const;
export type Crs = (typeof CRSES)[number];

export const DELIMITERS = ['comma', 'semicolon'] as const;

/** SRID stored in PostGIS for each output CRS (CRS84 and EPSG:4326 share coordinates, not axis order). */
export const SRID: Record<Crs, number> = {
  'EPSG:3879': 3879,
  'EPSG:3067': 3067,
  'EPSG:4326': 4326,
  CRS84: 4326,
};

export interface ExportRequest {
  format: Format;
  crs: Crs;
  lang: Lang;
  columns: ExportColumn[];
  /** CSV only. */
  delimiter: 'comma' | 'semicolon';
  /** CSV only: add the geometry as WKT in the requested CRS. */
  wkt: boolean;
  filter: PlotFilter;
  /** The result list's sort (plots/cursor.ts): the file's rows come in the order the list shows. */
  sort: PlotSort;
}

type Query = Record<string, unknown>;

const one = (q: Query, name: string): string | undefined => {
  const v = q[name];
  if (v == null || v === '') return undefined;
  return Array.isArray(v) ? String(v[0]) : String(v);
};

/** The user's language; 'fi' when absent. Throws 400 invalid_language naming fi, sv, en. */
export function parseLang(q: Query): Lang {
  const raw = one(q, 'lang') ?? 'fi';
  if (!(LANGS as readonly string[]).includes(raw))
    throw badRequest('invalid_language', `Unknown language "${raw}"; accepted: ${LANGS.join(', ')}.`, raw, {
      param: 'lang',
      accepted: LANGS,
    });
  return raw as Lang;
}

function choice<T extends string>(
  q: Query,
  name: string,
  accepted: readonly T[],
  fallback: T,
  code: string,
): T {
  const raw = one(q, name);
  if (raw === undefined) return fallback;
  // CRS names are matched without regard to case: "epsg:3879" is a common spelling.
  const hit = accepted.find((a) => a === raw || (name === 'crs' && a.toLowerCase() === raw.toLowerCase()));
  if (!hit)
    throw badRequest(code, `Unknown ${name} "${raw}"; accepted: ${accepted.join(', ')}.`, raw, {
      param: name,
      accepted,
    });
  return hit;
}

/**
 * Reads and checks an export request. Absent values take defaults: format csv, lang fi, every
 * column, comma, no WKT, the list's default sort (property identifier), and the CRS each format
 * is made for (GeoJSON and KML CRS84, the others EPSG:3879). Throws a 400 HttpError naming the parameter, the bad value and the accepted ones.
 */
export function parseExportRequest(q: Query): ExportRequest {
  const format = choice(q, 'format', FORMATS, 'csv', 'invalid_format');
  const defaultCrs: Crs = format === 'geojson' || format === 'kml' ? 'CRS84' : 'EPSG:3879';
  const crs = choice(q, 'crs', CRSES, defaultCrs, 'invalid_crs');
  if (format === 'kml' && SRID[crs] !== 4326)
    throw badRequest(
      'invalid_crs',
      `KML is always in WGS84 longitude/latitude; accepted: CRS84, EPSG:4326.`,
      crs,
      {
        param: 'crs',
        accepted: ['CRS84', 'EPSG:4326'],
      },
    );
  const lang = parseLang(q);
  const delimiter = choice(q, 'delimiter', DELIMITERS, 'comma', 'invalid_delimiter');
  const geometry = one(q, 'geometry');
  if (geometry !== undefined && geometry !== 'wkt' && geometry !== 'none')
    throw badRequest('invalid_geometry', `Unknown geometry "${geometry}"; accepted: wkt, none.`, geometry, {
      param: 'geometry',
      accepted: ['wkt', 'none'],
    });
  let columns: ExportColumn[] = [...COLUMNS];
  const rawColumns = one(q, 'columns');
  if (rawColumns !== undefined) {
    const keys = [
      ...new Set(
        rawColumns
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    const unknown = keys.filter((k) => !COLUMN_KEYS.includes(k));
    if (unknown.length || keys.length === 0)
      throw badRequest(
        'invalid_columns',
        `Unknown columns "${unknown.join(',')}"; accepted: ${COLUMN_KEYS.join(', ')}.`,
        rawColumns.slice(0, 200),
        {
          param: 'columns',
          accepted: COLUMN_KEYS,
        },
      );
    // File order follows the catalogue, not the parameter: the same columns give the same file.
    columns = COLUMNS.filter((c) => keys.includes(c.key));
  }
  const filter = plotFilterFromQuery(q);
  const sort = parseSort(q.sort);
  return { format, crs, lang, columns, delimiter, wkt: geometry === 'wkt', filter, sort };
}
