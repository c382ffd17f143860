/**
 * All SQL of the public plot API (list, card, districts, config), as small builders returning
 * { text, values }. Public reads see published plots only.
 */
import type { PlotFilter } from '../../shared/filter.ts';
import { bboxSql, type Bbox } from './bbox.ts';
import type { PlotCursor, PlotSort } from './cursor.ts';
import { plotFilterSql, type SqlFragment } from './filter-sql.ts';

/** Filter and bbox conditions over `plots p`, parameters from $1. */
export function plotWhere(filter: PlotFilter, bbox: Bbox | undefined): SqlFragment {
  const f = plotFilterSql(filter, { alias: 'p', firstParam: 1 });
  if (!bbox) return f;
  const b = bboxSql(bbox, 'p.geom_3857', f.values.length + 1);
  return { text: `${f.text} AND ${b.text}`, values: [...f.values, ...b.values] };
}

export interface PlotListRow {
  id: number;
  property_id: string;
  block_plot: string;
  address: string | null;
  use_code: string;
  use_class: string;
  availability: string;
  area_m2: number;
  building_right_kem2: number | null;
  price_eur_kem2: number | null;
  tenure: string;
  sub_district_number: number | null;
  sub_district_name_fi: string | null;
  sub_district_name_sv: string | null;
  lon: number;
  lat: number;
  is_demo: boolean;
}

const SORT_COLUMN: Record<PlotSort, { column: string; desc: boolean }> = {
  property_id: { column: 'property_id', desc: false },
  area_m2: { column: 'area_m2', desc: false },
  '-area_m2': { column: 'area_m2', desc: true },
  building_right_kem2: { column: 'building_right_kem2', desc: false },
  '-building_right_kem2': { column: 'building_right_kem2', desc: true },
  price_eur_kem2: { column: 'price_eur_kem2', desc: false },
  '-price_eur_kem2': { column: 'price_eur_kem2', desc: true },
};

/** The sort column's value in a row, as a cursor stores it. */
export const sortValue = (row: PlotListRow, sort: PlotSort): string | number | null =>
  row[SORT_COLUMN[sort].column as keyof PlotListRow] as string | number | null;

/**
 * One page of the plot list: `limit + 1` rows (the extra one tells there is a next page), in the
 * sort's order, the id breaking ties in the same direction, rows without a value last. Keyset
 * paging: the cursor becomes a condition, so a deep page costs what the first one does. City-wide
 * the page is read as two runs in the order of the (column, id) indexes of published plots
 * (migration 004): rows with a value, then rows without one, each stopping at the page size.
 */
export function plotListSql(opts: {
  filter: PlotFilter;
  bbox?: Bbox;
  sort: PlotSort;
  limit: number;
  cursor?: PlotCursor;
}): SqlFragment {
  const where = plotWhere(opts.filter, opts.bbox);
  const values = [...where.values];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const { column, desc } = SORT_COLUMN[opts.sort];
  const col = `p.${column}`;
  const dir = desc ? 'DESC' : 'ASC';
  const beyond = desc ? '<' : '>';
  const c = opts.cursor;
  const v = c && c.value !== null ? param(c.value) : undefined;
  // The id is a parameter only where the SQL uses it: PostgreSQL cannot type an unused one.
  let idParam: string | undefined;
  const id = () => (idParam ??= param(c!.id));
  // After the cursor, among rows with a value (false once the cursor is among rows without).
  const afterValued = !c
    ? 'true'
    : v === undefined
      ? 'false'
      : column === 'property_id' // unique: the value alone places the cursor
        ? `${col} > ${v}`
        : `(${col}, p.id) ${beyond} (${v}, ${id()})`;
  const afterBlank = !c || v !== undefined ? 'true' : `p.id ${beyond} ${id()}`;
  const limit = param(opts.limit + 1);
  let runs: string;
  if (opts.bbox === undefined && opts.filter.within === undefined) {
    // City-wide: two runs in index order, each stopping at the page size.
    runs = `(SELECT p.id, ${col} AS sort_value, 0 AS run FROM plots p
          WHERE ${where.text} AND ${col} IS NOT NULL AND ${afterValued} ORDER BY ${col} ${dir}, p.id ${dir} LIMIT ${limit})
        UNION ALL
        (SELECT p.id, ${col}, 1 FROM plots p WHERE ${where.text} AND ${col} IS NULL AND ${afterBlank}
          ORDER BY p.id ${dir} LIMIT ${limit})`;
  } else {
    // In a bbox or drawn area the spatial index finds the few plots and sorting them is cheap;
    // walking a sort index city-wide testing each geometry is not (the planner cannot tell).
    runs = `SELECT p.id, ${col} AS sort_value, CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END AS run FROM plots p
        WHERE ${where.text} AND ((${col} IS NOT NULL AND ${afterValued}) OR (${col} IS NULL AND ${afterBlank}))`;
  }
  const order = (a: string) => `${a}.run, ${a}.sort_value ${dir}, ${a}.id ${dir}`;
  // Names and coordinates are added to the page's rows only, which also keeps the planner's cost
  // estimate (and any JIT compilation) proportional to the page.
  return {
    text: `SELECT p.id, p.property_id, p.block_plot, p.address, p.use_code, p.use_class, p.availability,
        p.area_m2, p.building_right_kem2, p.price_eur_kem2, p.tenure, p.sub_district_number,
        s.name_fi AS sub_district_name_fi, s.name_sv AS sub_district_name_sv,
        ST_X(c.c) AS lon, ST_Y(c.c) AS lat, p.is_demo
      FROM (SELECT * FROM (${runs}) u ORDER BY ${order('u')} LIMIT ${limit}) page
      JOIN plots p ON p.id = page.id
      LEFT JOIN sub_districts s ON s.number = p.sub_district_number
      CROSS JOIN LATERAL (SELECT ST_Transform(p.point_3857, 4326) AS c) c
      ORDER BY ${order('page')}`,
    values,
  };
}

/** Number of published plots matching the filter and bbox. */
export function plotCountSql(filter: PlotFilter, bbox?: Bbox): SqlFragment {
  const where = plotWhere(filter, bbox);
  return { text: `SELECT count(*)::int AS total FROM plots p WHERE ${where.text}`, values: where.values };
}

export interface PlotCardRow {
  id: number;
  property_id: string;
  block_plot: string;
  address: string | null;
  postal_code: string | null;
  district_number: number;
  district_name_fi: string | null;
  district_name_sv: string | null;
  sub_district_number: number | null;
  sub_district_name_fi: string | null;
  sub_district_name_sv: string | null;
  use_code: string;
  use_class: string;
  area_m2: number;
  building_right_kem2: number | null;
  efficiency: number | null;
  plan_number: string | null;
  plan_state: string;
  registered: boolean;
  availability: string;
  draw_ends_on: string | null;
  allocation_method: string | null;
  tenure: string;
  sale_price_eur: number | null;
  lease_basis_eur_kem2: number | null;
  price_eur_kem2: number | null;
  build_obligation_years: number | null;
  earliest_construction_on: string | null;
  building_prohibition: boolean;
  transit_zone: string | null;
  plan_regulations_url: string | null;
  notes: string | null;
  version: number;
  is_demo: boolean;
  updated_at: string;
  geometry: string;
  bbox: string;
  lon: number;
  lat: number;
}

/** One published plot with its district and sub-district names; no row when unknown or unpublished. */
export function plotCardSql(id: number): SqlFragment {
  return {
    text: `SELECT p.id, p.property_id, p.block_plot, p.address, p.postal_code,
        p.district_number, d.name_fi AS district_name_fi, d.name_sv AS district_name_sv,
        p.sub_district_number, s.name_fi AS sub_district_name_fi, s.name_sv AS sub_district_name_sv,
        p.use_code, p.use_class, p.area_m2, p.building_right_kem2, p.efficiency, p.plan_number,
        p.plan_state, p.registered, p.availability, to_char(p.draw_ends_on, 'YYYY-MM-DD') AS draw_ends_on,
        p.allocation_method, p.tenure, p.sale_price_eur, p.lease_basis_eur_kem2, p.price_eur_kem2,
        p.build_obligation_years, to_char(p.earliest_construction_on, 'YYYY-MM-DD') AS earliest_construction_on,
        p.building_prohibition, p.transit_zone, p.plan_regulations_url, p.notes, p.version, p.is_demo,
        to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
        ST_AsGeoJSON(g.g4326, 7) AS geometry,
        concat_ws(',', ST_XMin(g.g4326), ST_YMin(g.g4326), ST_XMax(g.g4326), ST_YMax(g.g4326)) AS bbox,
        ST_X(ST_Transform(p.point_3857, 4326)) AS lon, ST_Y(ST_Transform(p.point_3857, 4326)) AS lat
      FROM plots p
      CROSS JOIN LATERAL (SELECT ST_Transform(p.geom, 4326) AS g4326) g
      LEFT JOIN districts d ON d.number = p.district_number
      LEFT JOIN sub_districts s ON s.number = p.sub_district_number
      WHERE p.id = $1 AND p.status = 'published'`,
    values: [id],
  };
}

export interface DistrictRow {
  number: number;
  name_fi: string;
  name_sv: string | null;
  sub_number: number | null;
  sub_name_fi: string | null;
  sub_name_sv: string | null;
  is_business_area: boolean | null;
  plot_count: number;
}

/** Every district with its sub-districts and their published plot counts, ordered by number. */
export function districtsSql(): SqlFragment {
  return {
    text: `SELECT d.number, d.name_fi, d.name_sv, s.number AS sub_number, s.name_fi AS sub_name_fi,
        s.name_sv AS sub_name_sv, s.is_business_area, coalesce(c.n, 0)::int AS plot_count
      FROM districts d
      LEFT JOIN sub_districts s ON s.district_number = d.number
      LEFT JOIN (SELECT sub_district_number, count(*) AS n FROM plots WHERE status = 'published'
                 GROUP BY sub_district_number) c ON c.sub_district_number = s.number
      ORDER BY d.number, s.number`,
    values: [],
  };
}

/** Helsinki's outline extent in CRS84 and whether any published plot is demo data. */
export function configSql(): SqlFragment {
  return {
    text: `SELECT (SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
                   FROM (SELECT ST_Extent(ST_Transform(geom, 4326)) AS e FROM city_boundary) b) AS bounds,
                  -- The sub-districts holding published plots: the business areas the map opens on.
                  (SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))
                   FROM (SELECT ST_Extent(ST_Transform(s.geom, 4326)) AS e FROM sub_districts s
                         WHERE EXISTS (SELECT 1 FROM plots p WHERE p.sub_district_number = s.number
                                       AND p.status = 'published')) b) AS start_bounds,
                  EXISTS (SELECT 1 FROM plots WHERE status = 'published' AND is_demo) AS demo`,
    values: [],
  };
}
