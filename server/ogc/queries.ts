/**
 * All SQL of the OGC API: feature pages, counts, single features and extents of the two
 * collections, as small builders returning { text, values }. Plots: published only.
 */
import type { PlotFilter } from '../../shared/filter.ts';
import type { Bbox } from '../plots/bbox.ts';
import { bboxSql } from '../plots/bbox.ts';
import type { SqlFragment } from '../plots/filter-sql.ts';
import { plotWhere } from '../plots/queries.ts';
import type { OgcCrs } from './crs.ts';

export type PropertyType = 'integer' | 'number' | 'string' | 'boolean' | 'date' | 'date-time';

/** Feature properties of each collection, in output order, with their JSON types. */
export const PLOT_PROPERTIES: ReadonlyArray<readonly [name: string, type: PropertyType, sql: string]> = [
  ['property_id', 'string', 'p.property_id'],
  ['block_plot', 'string', 'p.block_plot'],
  ['address', 'string', 'p.address'],
  ['postal_code', 'string', 'p.postal_code'],
  ['district_number', 'integer', 'p.district_number'],
  ['district_name_fi', 'string', 'd.name_fi'],
  ['district_name_sv', 'string', 'd.name_sv'],
  ['sub_district_number', 'integer', 'p.sub_district_number'],
  ['sub_district_name_fi', 'string', 's.name_fi'],
  ['sub_district_name_sv', 'string', 's.name_sv'],
  ['use_code', 'string', 'p.use_code'],
  ['use_class', 'string', 'p.use_class'],
  ['area_m2', 'number', 'p.area_m2'],
  ['building_right_kem2', 'number', 'p.building_right_kem2'],
  ['efficiency', 'number', 'p.efficiency'],
  ['plan_number', 'string', 'p.plan_number'],
  ['plan_state', 'string', 'p.plan_state'],
  ['registered', 'boolean', 'p.registered'],
  ['availability', 'string', 'p.availability'],
  ['draw_ends_on', 'date', `to_char(p.draw_ends_on, 'YYYY-MM-DD')`],
  ['allocation_method', 'string', 'p.allocation_method'],
  ['tenure', 'string', 'p.tenure'],
  ['sale_price_eur', 'number', 'p.sale_price_eur'],
  ['lease_basis_eur_kem2', 'number', 'p.lease_basis_eur_kem2'],
  ['price_eur_kem2', 'number', 'p.price_eur_kem2'],
  ['build_obligation_years', 'integer', 'p.build_obligation_years'],
  ['earliest_construction_on', 'date', `to_char(p.earliest_construction_on, 'YYYY-MM-DD')`],
  ['building_prohibition', 'boolean', 'p.building_prohibition'],
  ['transit_zone', 'string', 'p.transit_zone'],
  ['plan_regulations_url', 'string', 'p.plan_regulations_url'],
  ['notes', 'string', 'p.notes'],
  ['is_demo', 'boolean', 'p.is_demo'],
  ['updated_at', 'date-time', `to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`],
];

export const DISTRICT_PROPERTIES: ReadonlyArray<readonly [name: string, type: PropertyType, sql: string]> = [
  ['number', 'integer', 'd.number'],
  ['name_fi', 'string', 'd.name_fi'],
  ['name_sv', 'string', 'd.name_sv'],
];

/**
 * GeoJSON of a 3879 geometry column in `crs`, in the CRS's own axis order, rounded to ~1 cm.
 * Options 0: no per-geometry `crs` member (PostGIS adds one for any SRID but 4326); the
 * response's Content-Crs header names the system, as OGC API Features part 2 says.
 */
export function geometrySql(column: string, crs: OgcCrs): string {
  let g = crs.srid === 3879 ? column : `ST_Transform(${column}, ${crs.srid})`;
  if (crs.northFirst) g = `ST_FlipCoordinates(${g})`;
  return `ST_AsGeoJSON(${g}, ${crs.decimals}, 0)`;
}

export interface FeatureRow {
  id: number;
  geometry: string;
  [property: string]: unknown;
}

export interface PageRequest {
  crs: OgcCrs;
  bbox?: Bbox;
  limit: number;
  /** Page after this id (next) or before it (prev); neither: the first page. */
  after?: number;
  before?: number;
}

function page(
  select: string,
  joins: string,
  table: string,
  where: SqlFragment,
  idColumn: string,
  req: PageRequest,
): SqlFragment {
  const values = [...where.values];
  const conds = [where.text];
  if (req.after !== undefined) {
    values.push(req.after);
    // ::bigint: a typed parameter, so an id past the column's range compares instead of overflowing.
    conds.push(`${idColumn} > $${values.length}::bigint`);
  }
  if (req.before !== undefined) {
    values.push(req.before);
    conds.push(`${idColumn} < $${values.length}::bigint`);
  }
  values.push(req.limit + 1);
  // Paging backwards reads the nearest rows below `before`; the caller restores id order.
  const dir = req.before !== undefined ? 'DESC' : 'ASC';
  const alias = idColumn.split('.')[0]!;
  // Ids first, geometry and names for the page's rows only.
  return {
    text: `SELECT ${select} FROM (SELECT ${idColumn} AS page_id FROM ${table} ${alias} WHERE ${conds.join(' AND ')}
        ORDER BY ${idColumn} ${dir} LIMIT $${values.length}) page
      JOIN ${table} ${alias} ON ${idColumn} = page.page_id ${joins} ORDER BY ${idColumn} ${dir}`,
    values,
  };
}

const PLOT_JOINS = `LEFT JOIN districts d ON d.number = p.district_number
  LEFT JOIN sub_districts s ON s.number = p.sub_district_number`;
const plotSelect = (crs: OgcCrs) =>
  `p.id, ${PLOT_PROPERTIES.map(([n, , sql]) => `${sql} AS ${n}`).join(', ')}, ${geometrySql('p.geom', crs)} AS geometry`;

/** Up to limit + 1 published plots in id order (descending when paging back). */
export function plotPageSql(filter: PlotFilter, req: PageRequest): SqlFragment {
  return page(plotSelect(req.crs), PLOT_JOINS, 'plots', plotWhere(filter, req.bbox), 'p.id', req);
}

export function plotCountSql(filter: PlotFilter, bbox?: Bbox): SqlFragment {
  const w = plotWhere(filter, bbox);
  return { text: `SELECT count(*)::int AS n FROM plots p WHERE ${w.text}`, values: w.values };
}

/** One published plot; no row when unknown or unpublished. */
export function plotFeatureSql(id: number, crs: OgcCrs): SqlFragment {
  return {
    text: `SELECT ${plotSelect(crs)} FROM plots p ${PLOT_JOINS} WHERE p.id = $1::bigint AND p.status = 'published'`,
    values: [id],
  };
}

const districtSelect = (crs: OgcCrs) =>
  `d.number AS id, ${DISTRICT_PROPERTIES.map(([n, , sql]) => `${sql} AS ${n}`).join(', ')}, ${geometrySql('d.geom', crs)} AS geometry`;
const districtWhere = (bbox?: Bbox): SqlFragment =>
  bbox ? bboxSql(bbox, 'd.geom_3857', 1) : { text: 'true', values: [] };

export function districtPageSql(req: PageRequest): SqlFragment {
  return page(districtSelect(req.crs), '', 'districts', districtWhere(req.bbox), 'd.number', req);
}

export function districtCountSql(bbox?: Bbox): SqlFragment {
  const w = districtWhere(bbox);
  return { text: `SELECT count(*)::int AS n FROM districts d WHERE ${w.text}`, values: w.values };
}

export function districtFeatureSql(id: number, crs: OgcCrs): SqlFragment {
  return { text: `SELECT ${districtSelect(crs)} FROM districts d WHERE d.number = $1::bigint`, values: [id] };
}

/** Extents in CRS84 as 'minLon,minLat,maxLon,maxLat' (null when a table is empty). */
export function extentsSql(): SqlFragment {
  const ext = (table: string, where: string) =>
    `(SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
      FROM (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 3879), 4326) AS e FROM ${table} WHERE ${where}) x
      WHERE e IS NOT NULL)`;
  return {
    text: `SELECT ${ext('plots', `status = 'published'`)} AS plots, ${ext('districts', 'true')} AS districts`,
    values: [],
  };
}
