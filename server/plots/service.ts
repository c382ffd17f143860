/** The public plot API: list, card and districts, shaped for the app (see the JSON API contract). */
import { filterKey, type PlotFilter } from '../../shared/filter.ts';
import { own } from '../../shared/own.ts';
import type { Db } from '../db/index.ts';
import { plotContacts } from '../permits/service.ts';
import type { Bbox } from './bbox.ts';
import type { CountCache } from './count-cache.ts';
import { encodeCursor, type PlotCursor, type PlotSort } from './cursor.ts';
import { transitZoneNames, USE_CODE_NAMES, type Names } from './labels.ts';
import {
  districtsSql,
  plotCardSql,
  plotCountSql,
  plotListSql,
  sortValue,
  type DistrictRow,
  type PlotCardRow,
  type PlotListRow,
} from './queries.ts';

/** Coordinates in CRS84 rounded to 7 decimals (about 1 cm): enough for any map. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

export interface PlotListItem {
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
  sub_district: { number: number; name_fi: string | null; name_sv: string | null } | null;
  center: [number, number];
  is_demo: boolean;
}

export interface PlotListQuery {
  filter: PlotFilter;
  bbox?: Bbox;
  sort: PlotSort;
  limit: number;
  cursor?: PlotCursor;
}

/**
 * One page of published plots matching the filter, the total number matching (counted once per
 * filter and data version when a count cache is given), and the cursor of the next page (null
 * on the last page).
 */
export async function listPlots(
  db: Db,
  q: PlotListQuery,
  countCache?: CountCache,
): Promise<{ items: PlotListItem[]; total: number; next_cursor: string | null }> {
  const list = plotListSql(q);
  const count = plotCountSql(q.filter, q.bbox);
  const countRows = async () => (await db.query<{ total: number }>(count.text, count.values))[0]?.total ?? 0;
  const [rows, total] = await Promise.all([
    db.query<PlotListRow>(list.text, list.values),
    countCache
      ? countCache(`${filterKey(q.filter)} ${JSON.stringify(q.bbox ?? null)}`, countRows)
      : countRows(),
  ]);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(toListItem),
    total,
    next_cursor:
      more && last ? encodeCursor({ sort: q.sort, value: sortValue(last, q.sort), id: last.id }) : null,
  };
}

function toListItem(r: PlotListRow): PlotListItem {
  return {
    id: r.id,
    property_id: r.property_id,
    block_plot: r.block_plot,
    address: r.address,
    use_code: r.use_code,
    use_class: r.use_class,
    availability: r.availability,
    area_m2: r.area_m2,
    building_right_kem2: r.building_right_kem2,
    price_eur_kem2: r.price_eur_kem2,
    tenure: r.tenure,
    sub_district:
      r.sub_district_number == null
        ? null
        : { number: r.sub_district_number, name_fi: r.sub_district_name_fi, name_sv: r.sub_district_name_sv },
    center: [round7(r.lon), round7(r.lat)],
    is_demo: r.is_demo,
  };
}

export interface PlotCard {
  id: number;
  [field: string]: unknown;
}

/**
 * The plot card of a published plot: every stored field, names of its district, sub-district,
 * zoning code and transit zone in fi/sv/en, its geometry in CRS84, contacts and links.
 * Undefined when the plot does not exist or is not published.
 */
export async function getPlotCard(db: Db, id: number): Promise<PlotCard | undefined> {
  const card = plotCardSql(id);
  const [row] = await db.query<PlotCardRow>(card.text, card.values);
  if (!row) return undefined;
  // The same contacts, in the same order, as GET /api/plots/{id}/contacts.
  const { contacts } = await plotContacts(db, String(id));
  const useCode: Names | null = own(USE_CODE_NAMES, row.use_code) ?? null;
  return {
    id: row.id,
    property_id: row.property_id,
    block_plot: row.block_plot,
    address: row.address,
    postal_code: row.postal_code,
    district: { number: row.district_number, name_fi: row.district_name_fi, name_sv: row.district_name_sv },
    sub_district:
      row.sub_district_number == null
        ? null
        : {
            number: row.sub_district_number,
            name_fi: row.sub_district_name_fi,
            name_sv: row.sub_district_name_sv,
          },
    use_code: row.use_code,
    use_code_text: useCode,
    use_class: row.use_class,
    area_m2: row.area_m2,
    building_right_kem2: row.building_right_kem2,
    efficiency: row.efficiency,
    plan_number: row.plan_number,
    plan_state: row.plan_state,
    registered: row.registered,
    availability: row.availability,
    draw_ends_on: row.draw_ends_on,
    allocation_method: row.allocation_method,
    tenure: row.tenure,
    sale_price_eur: row.sale_price_eur,
    lease_basis_eur_kem2: row.lease_basis_eur_kem2,
    price_eur_kem2: row.price_eur_kem2,
    build_obligation_years: row.build_obligation_years,
    earliest_construction_on: row.earliest_construction_on,
    building_prohibition: row.building_prohibition,
    transit_zone: transitZoneNames(row.transit_zone),
    plan_regulations_url: row.plan_regulations_url,
    notes: row.notes,
    version: row.version,
    updated_at: row.updated_at,
    bbox: row.bbox.split(',').map((v) => round7(Number(v))),
    center: [round7(row.lon), round7(row.lat)],
    geometry: JSON.parse(row.geometry) as unknown,
    contacts: contacts.map((c) => ({
      id: c.id,
      kind: c.kind,
      role: c.source,
      title_fi: c.title.fi,
      title_sv: c.title.sv,
      title_en: c.title.en,
      email: c.email,
      phone: c.phone,
      department: c.department
        ? {
            id: c.department.id,
            name_fi: c.department.names.fi,
            name_sv: c.department.names.sv,
            name_en: c.department.names.en,
            url: c.department.url,
          }
        : null,
      is_demo: c.is_demo,
    })),
    links: {
      self: `/api/plots/${row.id}`,
      ogc: `/ogc/collections/plots/items/${row.id}`,
      permits: `/api/plots/${row.id}/permit-path`,
      contacts: `/api/plots/${row.id}/contacts`,
      plan_regulations: row.plan_regulations_url,
    },
    is_demo: row.is_demo,
  };
}

export interface DistrictsDoc {
  districts: Array<{
    number: number;
    name_fi: string;
    name_sv: string | null;
    sub_districts: Array<{
      number: number;
      name_fi: string;
      name_sv: string | null;
      is_business_area: boolean;
      plot_count: number;
    }>;
  }>;
}

/** Every district with its sub-districts and their numbers of published plots. */
export async function listDistricts(db: Db): Promise<DistrictsDoc> {
  const q = districtsSql();
  const rows = await db.query<DistrictRow>(q.text, q.values);
  const out: DistrictsDoc['districts'] = [];
  for (const r of rows) {
    let d = out[out.length - 1];
    if (!d || d.number !== r.number) {
      d = { number: r.number, name_fi: r.name_fi, name_sv: r.name_sv, sub_districts: [] };
      out.push(d);
    }
    if (r.sub_number != null)
      d.sub_districts.push({
        number: r.sub_number,
        name_fi: r.sub_name_fi!,
        name_sv: r.sub_name_sv,
        is_business_area: r.is_business_area ?? false,
        plot_count: r.plot_count,
      });
  }
  return { districts: out };
}
