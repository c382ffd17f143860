/** All SQL of the staff plot work (list, read, write, workflow, history), as small builders. */
import type { PlotFilter } from '../../shared/filter.ts';
import { own } from '../../shared/own.ts';
import type { Sql } from '../auth/sql.ts';
import { plotFilterSql } from '../plots/filter-sql.ts';
import { PLOT_FIELD_NAMES, type PlotValues } from './fields.ts';
import { staffSearchIdentifiers } from './search.ts';

export const STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

/** Sets the note the version trigger copies into plot_versions; transaction-local. */
export const setChangeNote = (note: string): Sql => ({
  text: `SELECT set_config('tonttiluukku.change_note', $1, true)`,
  values: [note.slice(0, 500)],
});

export interface StaffListRow {
  id: number;
  property_id: string;
  block_plot: string;
  address: string | null;
  use_code: string;
  availability: string;
  area_m2: number;
  building_right_kem2: number | null;
  status: Status;
  publish_at: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
  is_demo: boolean;
  sub_district_number: number | null;
}

export const staffListSql = (o: {
  filter: PlotFilter;
  statuses?: Status[];
  scheduled?: boolean;
  sort: string;
  limit: number;
  offset: number;
}): Sql => {
  // A text naming plots by identifier or block/plot finds them, and whatever it matches as text.
  const ids = o.filter.q ? staffSearchIdentifiers(o.filter.q) : undefined;
  const filter = ids ? { ...o.filter, q: undefined } : o.filter;
  const f = plotFilterSql(filter, { alias: 'p', firstParam: 1, publishedOnly: false });
  const values = [...f.values];
  const conds = [f.text];
  if (ids) {
    const like = '%' + o.filter.q!.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    values.push(ids, like);
    conds.push(
      `(p.property_id = ANY($${values.length - 1}::text[]) OR p.search_text LIKE $${values.length})`,
    );
  }
  if (o.statuses?.length) {
    values.push(o.statuses);
    conds.push(`p.status = ANY($${values.length}::text[])`);
  }
  if (o.scheduled) conds.push(`p.publish_at IS NOT NULL AND p.status = 'draft'`);
  const order: Record<string, string> = {
    property_id: 'p.property_id',
    '-updated_at': 'p.updated_at DESC, p.id DESC',
    updated_at: 'p.updated_at, p.id',
    '-area_m2': 'p.area_m2 DESC, p.id',
    area_m2: 'p.area_m2, p.id',
  };
  values.push(o.limit, o.offset);
  return {
    text: `SELECT p.id::int, p.property_id, p.block_plot, p.address, p.use_code, p.availability, p.area_m2::float8,
             p.building_right_kem2::float8, p.status, p.publish_at, p.version, p.updated_at, p.updated_by, p.is_demo,
             p.sub_district_number, count(*) OVER ()::int AS total
           FROM plots p WHERE ${conds.join(' AND ')}
           ORDER BY ${own(order, o.sort) ?? 'p.property_id'}
           LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  };
};

export const staffPlotSql = (id: string | number): Sql => ({
  text: `SELECT p.id::int, p.property_id, p.block_plot, p.district_number, p.sub_district_number, p.address, p.postal_code,
           p.use_code, p.use_class, p.area_m2::float8, p.building_right_kem2::float8, p.efficiency::float8, p.plan_number,
           p.plan_state, p.registered, p.availability, to_char(p.draw_ends_on, 'YYYY-MM-DD') AS draw_ends_on,
           p.allocation_method, p.tenure, p.sale_price_eur::float8, p.lease_basis_eur_kem2::float8,
           p.price_eur_kem2::float8, p.build_obligation_years,
           to_char(p.earliest_construction_on, 'YYYY-MM-DD') AS earliest_construction_on, p.building_prohibition,
           p.transit_zone, p.plan_regulations_url, p.notes, p.status, p.publish_at, p.version, p.is_demo,
           p.created_at, p.created_by, p.updated_at, p.updated_by,
           ST_AsGeoJSON(ST_Transform(p.geom, 4326), 7)::json AS geometry
         FROM plots p WHERE p.id = $1`,
  values: [id],
});

/**
 * The geometry expression for a GeoJSON parameter in `srid`: made valid, polygons only,
 * multi, in EPSG:3879.
 */
export const geomFromGeoJson = (param: string, srid: string) =>
  `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${param}), ${srid}::int), 3879)), 3))`;

/** Checks a geometry before it is written: validity, area, inside the city. */
export const checkGeometrySql = (geojson: string, srid: number): Sql => ({
  text: `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), $2::int) AS raw)
         SELECT GeometryType(raw) AS type, ST_IsValid(raw) AS valid,
           ST_Area(${geomFromGeoJson('$1', '$2')}) AS area_m2,
           EXISTS (SELECT 1 FROM city_boundary c WHERE ST_Covers(ST_Buffer(c.geom, 50), ST_Transform(raw, 3879))) AS inside
         FROM g`,
  values: [geojson, srid],
});

export const insertPlotSql = (v: PlotValues, geojson: string, srid: number, by: string): Sql => {
  const cols = PLOT_FIELD_NAMES.filter((f) => v[f] !== undefined);
  const values: unknown[] = cols.map((c) => v[c]);
  values.push(geojson, srid, by);
  const n = values.length;
  return {
    text: `INSERT INTO plots (${[...cols, 'geom', 'status', 'created_by', 'updated_by'].join(', ')})
           VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}${cols.length ? ', ' : ''}${geomFromGeoJson(`$${n - 2}`, `$${n - 1}`)},
             'draft', $${n}, $${n})
           RETURNING id::int, version`,
    values,
  };
};

/**
 * Updates the given fields when the plot is still at `expectedVersion`; no row back means the
 * plot is missing or was changed meanwhile.
 */
export const updatePlotSql = (
  id: string | number,
  expectedVersion: number | null,
  v: PlotValues,
  geom: { geojson: string; srid: number } | null,
  by: string,
  extra: { status?: Status; publishAt?: string | null } = {},
): Sql => {
  const values: unknown[] = [id, expectedVersion, by];
  const sets = [`updated_by = $3`];
  for (const f of PLOT_FIELD_NAMES) {
    if (v[f] === undefined) continue;
    values.push(v[f]);
    sets.push(`${f} = $${values.length}`);
  }
  if (geom) {
    values.push(geom.geojson, geom.srid);
    sets.push(`geom = ${geomFromGeoJson(`$${values.length - 1}`, `$${values.length}`)}`);
  }
  if (extra.status) {
    values.push(extra.status);
    sets.push(`status = $${values.length}`);
  }
  if (extra.publishAt !== undefined) {
    values.push(extra.publishAt);
    sets.push(`publish_at = $${values.length}::timestamptz`);
  }
  return {
    text: `UPDATE plots SET ${sets.join(', ')} WHERE id = $1 AND ($2::int IS NULL OR version = $2::int)
           RETURNING id::int, version, status`,
    values,
  };
};

export const plotStateSql = (id: string | number): Sql => ({
  text: `SELECT id::int, version, status, publish_at FROM plots WHERE id = $1`,
  values: [id],
});

export const plotStatesSql = (ids: number[]): Sql => ({
  text: `SELECT id::int, version, status, property_id FROM plots WHERE id = ANY($1::bigint[]) ORDER BY id`,
  values: [ids],
});

export interface VersionRow {
  version: number;
  status: Status;
  changed_at: string;
  changed_by: string;
  change_note: string | null;
  data: Record<string, unknown>;
}

export const historySql = (id: string | number): Sql => ({
  text: `SELECT version, status, changed_at, changed_by, change_note, data FROM plot_versions
         WHERE plot_id = $1 ORDER BY version`,
  values: [id],
});

export const versionSql = (id: string | number, version: number): Sql => ({
  text: `SELECT version, status, changed_at, changed_by, change_note, data FROM plot_versions
         WHERE plot_id = $1 AND version = $2`,
  values: [id, version],
});

/** Whether any draft's publication time has come (read before writing: see publishDue). */
export const anyDueSql = (): Sql => ({
  text: `SELECT EXISTS (SELECT 1 FROM plots WHERE status = 'draft' AND publish_at <= now()) AS due`,
  values: [],
});

/**
 * Publishes every draft whose time has come. Row locks make instances racing on this agree:
 * each plot is published once.
 */
export const publishDueSql = (): Sql => ({
  text: `UPDATE plots SET status = 'published', updated_by = 'scheduler'
         WHERE id IN (SELECT id FROM plots WHERE status = 'draft' AND publish_at <= now() FOR UPDATE SKIP LOCKED)
         RETURNING id::int, property_id, version`,
  values: [],
});

export interface DraftRow {
  base_version: number;
  changes: Record<string, unknown>;
  geom: string | null;
  geometry: unknown;
  note: string | null;
  import_job: string | null;
  created_by: string;
  created_at: string;
}

/** A plot's pending draft (geometry in EPSG:3879 for writing and 4326 for showing). */
export const pendingDraftSql = (id: number, forUpdate = false): Sql => ({
  text: `SELECT d.base_version, d.changes, ST_AsGeoJSON(d.geom, 3) AS geom,
    ST_AsGeoJSON(ST_Transform(d.geom, 4326), 7)::json AS geometry, d.note, d.import_job, d.created_by, d.created_at
  FROM plot_drafts d WHERE d.plot_id = $1${forUpdate ? ' FOR UPDATE OF d' : ''}`,
  values: [id],
});
