import type { PlotFilter } from '../../shared/filter.ts';
import { csvTextField, csvTextFieldSql } from '../http/csv.ts';
import type { PlotSort } from '../plots/cursor.ts';
import { plotFilterSql, type SqlFragment } from '../plots/filter-sql.ts';
import { columnSql, type ExportColumn } from './columns.ts';
import { TEXT, VALUE_LABELS, type Lang } from './i18n.ts';
import { SRID, type Crs } from './params.ts';

/** What geometry each format asks PostGIS for; PostGIS does every transform and encoding. */
export type GeometryEncoding = 'none' | 'geojson' | 'wkt' | 'wkb' | 'gml' | 'kml';

/** Decimal places: millimetres in metric CRSs, about a centimetre in degrees. */
export const precisionOf = (crs: Crs): number => (SRID[crs] === 4326 ? 7 : 3);

const FROM = `FROM plots p
  LEFT JOIN sub_districts sd ON sd.number = p.sub_district_number
  LEFT JOIN districts d ON d.number = p.district_number`;

function valueSql(c: ExportColumn, lang: Lang): string {
  const s = columnSql(c, lang);
  // Dates as ISO text: drivers would turn them into local-midnight timestamps.
  if (c.type === 'date') return `${s}::text`;
  if (c.type === 'integer') return `${s}::integer`;
  if (c.type === 'real') return `${s}::float8`;
  return s;
}

/** Geometry in the output CRS; the stored EPSG:3879 column as it is when no transform is needed. */
function geomSql(crs: Crs): string {
  const srid = SRID[crs];
  return srid === 3879 ? 'p.geom' : `ST_Transform(p.geom, ${srid})`;
}

/**
 * GML 3.2 geometry with the CRS named by URN, in the axis order the EPSG registry gives:
 * EPSG:3879 (GK25FIN) is northing, easting and EPSG:4326 latitude, longitude, so PostGIS's x,y
 * are flipped; EPSG:3067 is defined as "TM35FIN(E,N)", easting first, and stays. CRS84 keeps
 * longitude, latitude (its srsName is rewritten by the GML writer).
 */
function gmlSql(crs: Crs): string {
  const g = 't.g';
  const flipped = crs === 'EPSG:3879' || crs === 'EPSG:4326' ? `ST_FlipCoordinates(${g})` : g;
  return `ST_AsGML(3, ${flipped}, ${precisionOf(crs)}, 1, 'gml', 'plot.' || p.id || '.g')`;
}

function geometryColumns(enc: GeometryEncoding, crs: Crs): string[] {
  // `t.g`: the geometry in the output CRS, from the lateral join in exportRowsQuery.
  const g = 't.g';
  const prec = precisionOf(crs);
  switch (enc) {
    case 'none':
      return [];
    case 'geojson':
      return [`ST_AsGeoJSON(${g}, ${prec}) AS geom_json`];
    case 'wkt':
      return [`ST_AsText(${g}, ${prec}) AS geom_wkt`];
    case 'wkb': {
      return [
        `ST_AsBinary(${g}) AS geom_wkb`,
        `ST_XMin(${g}) AS minx`,
        `ST_XMax(${g}) AS maxx`,
        `ST_YMin(${g}) AS miny`,
        `ST_YMax(${g}) AS maxy`,
      ];
    }
    case 'gml':
      return [`${gmlSql(crs)} AS geom_gml`];
    case 'kml':
      return [`ST_AsKML(${g}, 7) AS geom_kml`];
  }
}

/**
 * The stream key that gives an export the result list's order (plots/queries.ts plotListSql):
 * the sort column, rows without a value last, the id breaking ties in the sort's direction. A
 * descending sort pages on negated values, as a row comparison only runs ascending. Property
 * identifiers are unique and never null: they are the key alone.
 */
export function sortKey(sort: PlotSort): { select: string[]; key: string[] } {
  if (sort === 'property_id') return { select: ['p.property_id AS sort_value'], key: ['sort_value'] };
  const desc = sort.startsWith('-');
  const col = `p.${sort.replace(/^-/, '')}`;
  const sign = desc ? '-' : '';
  return {
    select: [
      `CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END AS sort_run`,
      `coalesce(${sign}${col}, 0) AS sort_value`,
      `${sign}p.id AS sort_id`,
    ],
    key: ['sort_run', 'sort_value', 'sort_id'],
  };
}

/**
 * The SELECT an export streams (through Db.stream with the key of sortKey(sort)): one row per published
 * plot matching the filter, the chosen columns under their keys, the geometry as `enc` says.
 */
export function exportRowsQuery(
  filter: PlotFilter,
  columns: readonly ExportColumn[],
  lang: Lang,
  enc: GeometryEncoding,
  crs: Crs,
  sort: PlotSort = 'property_id',
): SqlFragment {
  const where = plotFilterSql(filter, { alias: 'p' });
  const select = [
    'p.id AS row_id',
    ...sortKey(sort).select,
    ...columns.map((c) => `${valueSql(c, lang)} AS ${c.key}`),
    ...geometryColumns(enc, crs),
  ];
  // Binary geometry is snapped to the grid the text formats round to: every format gives the
  // same coordinates, and the envelope read from the snapped geometry contains it.
  const g = enc === 'wkb' ? `ST_SnapToGrid(${geomSql(crs)}, ${10 ** -precisionOf(crs)})` : geomSql(crs);
  const lateral = enc === 'none' ? '' : ` CROSS JOIN LATERAL (SELECT ${g} AS g) AS t`;
  return {
    text: `SELECT ${select.join(', ')} ${FROM}${lateral} WHERE ${where.text}`,
    values: where.values,
  };
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * CSV rows made by PostgreSQL: one text `line` per plot (and `row_id`), its fields quoted as
 * RFC 4180 says, text that a spreadsheet would take for a formula neutralised, coded values and yes/no in `lang`, numbers with a decimal comma when the
 * delimiter is a semicolon, the WKT geometry last when asked. One text column per row is what
 * brings the export near COPY's speed: the driver then parses one value, not thirty.
 */
export function exportCsvQuery(
  filter: PlotFilter,
  columns: readonly ExportColumn[],
  lang: Lang,
  opts: { delimiter: 'comma' | 'semicolon'; wkt: boolean; crs: Crs; sort: PlotSort },
): SqlFragment {
  const sep = opts.delimiter === 'semicolon' ? ';' : ',';
  const quote = (s: string) => csvTextField(s, sep);
  const field = (c: ExportColumn): string => {
    const v = `(${columnSql(c, lang)})`;
    if (c.type === 'boolean')
      return `CASE WHEN ${v} THEN ${lit(quote(TEXT.yes[lang]))} WHEN NOT ${v} THEN ${lit(quote(TEXT.no[lang]))} ELSE '' END`;
    if (c.coded) {
      const labels = Object.entries(VALUE_LABELS[c.key] ?? {}).map(
        ([code, l]) => `WHEN ${lit(code)} THEN ${lit(quote(l[lang]))}`,
      );
      return `CASE ${v} ${labels.join(' ')} ELSE ${csvTextFieldSql(v, sep)} END`;
    }
    if (c.type === 'real' || c.type === 'integer') {
      const t = `${v}::${c.type === 'real' ? 'float8' : 'integer'}::text`;
      return opts.delimiter === 'semicolon' ? `coalesce(replace(${t}, '.', ','), '')` : `coalesce(${t}, '')`;
    }
    if (c.type === 'date') return `coalesce(${v}::text, '')`;
    return csvTextFieldSql(v, sep);
  };
  const fields = columns.map(field);
  // WKT always holds commas: always quoted.
  if (opts.wkt) fields.push(`'"' || ST_AsText(${geomSql(opts.crs)}, ${precisionOf(opts.crs)}) || '"'`);
  const where = plotFilterSql(filter, { alias: 'p' });
  return {
    text: `SELECT p.id AS row_id, ${sortKey(opts.sort).select.join(', ')}, concat_ws(${lit(sep)}, ${fields.join(', ')}) AS line ${FROM} WHERE ${where.text}`,
    values: where.values,
  };
}

/** How many plots an export holds and how many of them are demo data. */
export function exportCountQuery(filter: PlotFilter): SqlFragment {
  const where = plotFilterSql(filter, { alias: 'p' });
  return {
    text: `SELECT count(*)::integer AS n, count(*) FILTER (WHERE p.is_demo)::integer AS demo FROM plots p WHERE ${where.text}`,
    values: where.values,
  };
}

/** The OGC WKT of a CRS from PostGIS's catalogue (GeoPackage needs it); no row if unknown. */
export function srsDefinitionQuery(srid: number): SqlFragment {
  return {
    text: `SELECT srid, auth_name, auth_srid, srtext FROM spatial_ref_sys WHERE srid = $1`,
    values: [srid],
  };
}

/** A published plot's envelope in EPSG:3879 (metres); no row when absent or not published. */
export function plotEnvelopeQuery(id: number): SqlFragment {
  return {
    text: `SELECT ST_XMin(geom) AS minx, ST_YMin(geom) AS miny, ST_XMax(geom) AS maxx, ST_YMax(geom) AS maxy,
        sub_district_number FROM plots WHERE id = $1 AND status = 'published'`,
    values: [id],
  };
}

/**
 * What the fact-sheet map draws inside the box [minE, minN, maxE, maxN] (EPSG:3879): published
 * plots (the target marked) and sub-district boundaries, clipped to the box, as GeoJSON in
 * EPSG:3879 with decimetre precision (plenty at print scale).
 */
export function mapLayersQuery(id: number, box: readonly [number, number, number, number]): SqlFragment {
  const env = 'ST_MakeEnvelope($2, $3, $4, $5, 3879)';
  return {
    text: `SELECT 'plot' AS kind, (p.id = $1) AS target, ST_AsGeoJSON(ST_Intersection(p.geom, ${env}), 1) AS g, NULL::text AS name
        FROM plots p WHERE p.status = 'published' AND p.geom && ${env}
      UNION ALL
      SELECT 'sub_district', false, ST_AsGeoJSON(ST_Intersection(ST_Boundary(s.geom), ${env}), 1), s.name_fi
        FROM sub_districts s WHERE s.geom && ${env}`,
    values: [id, ...box],
  };
}

/**
 * A plot's contacts: those assigned to it first, then the key customer managers of its
 * sub-district, then the contacts of the departments handling `permitCodes`; empty when the
 * contact tables are empty.
 */
export function plotContactsQuery(
  id: number,
  subDistrict: number | null,
  permitCodes: readonly string[],
): SqlFragment {
  return {
    text: `SELECT c.kind, c.title_fi, c.title_sv, c.title_en, c.email, c.phone, c.is_demo,
        d.name_fi AS department_fi, d.name_sv AS department_sv, d.name_en AS department_en
      FROM contacts c
      LEFT JOIN plot_contacts pc ON pc.contact_id = c.id AND pc.plot_id = $1
      LEFT JOIN departments d ON d.id = c.department_id
      WHERE pc.plot_id IS NOT NULL OR (c.kind = 'key_account' AND c.sub_district_number = $2::smallint)
         OR (c.kind = 'department' AND c.department_id IN
              (SELECT t.department_id FROM permit_types t WHERE t.code = ANY($3::text[])))
      ORDER BY (pc.plot_id IS NULL), (c.kind <> 'key_account'),
        (SELECT min(array_position($3::text[], t.code)) FROM permit_types t WHERE t.department_id = c.department_id), c.id`,
    values: [id, subDistrict, permitCodes],
  };
}

/** The named permit types with their department, in the order of `codes`; absent codes are skipped. */
export function permitTypesQuery(codes: readonly string[]): SqlFragment {
  return {
    text: `SELECT t.code, t.name_fi, t.name_sv, t.name_en, t.typical_days_min, t.typical_days_max,
        d.name_fi AS department_fi, d.name_sv AS department_sv, d.name_en AS department_en
      FROM permit_types t JOIN departments d ON d.id = t.department_id
      WHERE t.code = ANY($1::text[]) ORDER BY array_position($1::text[], t.code)`,
    values: [codes],
  };
}
