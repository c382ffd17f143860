import type { Catalogue } from './catalogue.ts';

/** All SQL of the permits feature: small builders returning { text, values }. */
export interface Sql {
  text: string;
  values: unknown[];
}

const t3 = (prefix: string, x: { fi: string; sv: string; en: string }) => ({
  [`${prefix}_fi`]: x.fi,
  [`${prefix}_sv`]: x.sv,
  [`${prefix}_en`]: x.en,
});

// Catalogue rows an admin has edited keep the admin's version (admin_edited_at is set).
export function upsertDepartments(c: Catalogue): Sql {
  const rows = c.departments.map((d, i) => ({
    id: d.id,
    ...t3('name', d.name),
    url: d.url,
    kind: d.kind,
    sort_order: i,
  }));
  return {
    text: `INSERT INTO departments (id, name_fi, name_sv, name_en, url, kind, sort_order)
      SELECT id, name_fi, name_sv, name_en, url, kind, sort_order
      FROM jsonb_to_recordset($1::jsonb) AS r(id text, name_fi text, name_sv text, name_en text, url text, kind text, sort_order int)
      ON CONFLICT (id) DO UPDATE SET name_fi = EXCLUDED.name_fi, name_sv = EXCLUDED.name_sv, name_en = EXCLUDED.name_en,
        url = EXCLUDED.url, kind = EXCLUDED.kind, sort_order = EXCLUDED.sort_order
      WHERE departments.admin_edited_at IS NULL`,
    values: [JSON.stringify(rows)],
  };
}

export function upsertPermitTypes(c: Catalogue): Sql {
  const rows = c.permitTypes.map((p, i) => ({
    code: p.code,
    department_id: p.department,
    ...t3('name', p.name),
    ...t3('when', p.when),
    typical_days_min: p.typical_days.min,
    typical_days_max: p.typical_days.max,
    timing: p.timing,
    url: p.url,
    attachments: p.attachments,
    sort_order: i,
  }));
  return {
    text: `INSERT INTO permit_types (code, department_id, name_fi, name_sv, name_en, when_fi, when_sv, when_en,
        typical_days_min, typical_days_max, timing, url, attachments, sort_order)
      SELECT code, department_id, name_fi, name_sv, name_en, when_fi, when_sv, when_en,
        typical_days_min, typical_days_max, timing, url, attachments, sort_order
      FROM jsonb_to_recordset($1::jsonb) AS r(code text, department_id text, name_fi text, name_sv text, name_en text,
        when_fi text, when_sv text, when_en text, typical_days_min int, typical_days_max int, timing text, url text,
        attachments jsonb, sort_order int)
      ON CONFLICT (code) DO UPDATE SET department_id = EXCLUDED.department_id, name_fi = EXCLUDED.name_fi,
        name_sv = EXCLUDED.name_sv, name_en = EXCLUDED.name_en, when_fi = EXCLUDED.when_fi, when_sv = EXCLUDED.when_sv,
        when_en = EXCLUDED.when_en, typical_days_min = EXCLUDED.typical_days_min, typical_days_max = EXCLUDED.typical_days_max,
        timing = EXCLUDED.timing, url = EXCLUDED.url, attachments = EXCLUDED.attachments, sort_order = EXCLUDED.sort_order
      WHERE permit_types.admin_edited_at IS NULL`,
    values: [JSON.stringify(rows)],
  };
}

export function upsertActivities(c: Catalogue): Sql {
  const rows = c.activities.map((a, i) => ({
    code: a.code,
    kind: a.kind,
    ...t3('name', a.name),
    fits_use_codes: a.fits_use_codes,
    environmental: a.environmental,
    health_protection: a.health_protection,
    defaults: a.defaults,
    facts: a.facts,
    sort_order: i,
  }));
  return {
    text: `INSERT INTO permit_activities (code, kind, name_fi, name_sv, name_en, fits_use_codes, environmental,
        health_protection, defaults, facts, sort_order)
      SELECT code, kind, name_fi, name_sv, name_en, ARRAY(SELECT jsonb_array_elements_text(fits_use_codes)), environmental,
        health_protection, defaults, ARRAY(SELECT jsonb_array_elements_text(facts)), sort_order
      FROM jsonb_to_recordset($1::jsonb) AS r(code text, kind text, name_fi text, name_sv text, name_en text,
        fits_use_codes jsonb, environmental text, health_protection boolean, defaults jsonb, facts jsonb, sort_order int)
      ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name_fi = EXCLUDED.name_fi, name_sv = EXCLUDED.name_sv,
        name_en = EXCLUDED.name_en, fits_use_codes = EXCLUDED.fits_use_codes, environmental = EXCLUDED.environmental,
        health_protection = EXCLUDED.health_protection, defaults = EXCLUDED.defaults, facts = EXCLUDED.facts,
        sort_order = EXCLUDED.sort_order
      WHERE permit_activities.admin_edited_at IS NULL`,
    values: [JSON.stringify(rows)],
  };
}

export function upsertContacts(c: Catalogue): Sql {
  const rows = c.contacts.map((k, i) => ({
    code: k.code,
    kind: k.kind,
    department_id: k.department,
    ...t3('title', k.title),
    email: k.email,
    phone: k.phone ?? null,
    sub_district_number: k.sub_district ?? null,
    is_demo: c.contactsAreDemo,
    sort_order: i,
  }));
  return {
    text: `INSERT INTO contacts (code, kind, department_id, title_fi, title_sv, title_en, email, phone,
        sub_district_number, is_demo, sort_order)
      SELECT code, kind, department_id, title_fi, title_sv, title_en, email, phone, sub_district_number, is_demo, sort_order
      FROM jsonb_to_recordset($1::jsonb) AS r(code text, kind text, department_id text, title_fi text, title_sv text,
        title_en text, email text, phone text, sub_district_number smallint, is_demo boolean, sort_order int)
      ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, department_id = EXCLUDED.department_id,
        title_fi = EXCLUDED.title_fi, title_sv = EXCLUDED.title_sv, title_en = EXCLUDED.title_en, email = EXCLUDED.email,
        phone = EXCLUDED.phone, sub_district_number = EXCLUDED.sub_district_number, is_demo = EXCLUDED.is_demo,
        sort_order = EXCLUDED.sort_order
      WHERE contacts.admin_edited_at IS NULL`,
    values: [JSON.stringify(rows)],
  };
}

/** Serialises catalogue loading of instances starting together; any constant, same everywhere. */
export const CATALOGUE_LOCK = 74_390_705;
export const lockCatalogue = (): Sql => ({
  text: 'SELECT pg_advisory_xact_lock($1)',
  values: [CATALOGUE_LOCK],
});

export interface ActivityRow {
  code: string;
  kind: 'business' | 'event';
  name_fi: string;
  name_sv: string;
  name_en: string;
  fits_use_codes: string[];
  environmental: 'none' | 'notification' | 'permit';
  health_protection: boolean;
  defaults: Record<string, unknown>;
  facts: string[];
}

/**
 * Wraps a query so all its rows come back as one JSON text (column `rows`), sorted by `orderBy`
 * (columns of the query). On the embedded engine one text row costs a fraction of many rows
 * of many columns; parse it with JSON.parse.
 */
const asJsonRows = (text: string, orderBy: string, values: unknown[] = []): Sql => ({
  text: `SELECT coalesce(json_agg(x ORDER BY ${orderBy}), '[]')::text AS rows FROM (${text}) x`,
  values,
});

export const selectActivities = (): Sql =>
  asJsonRows(
    `SELECT code, kind, name_fi, name_sv, name_en, fits_use_codes, environmental, health_protection, defaults, facts,
       sort_order FROM permit_activities`,
    'x.sort_order, x.code',
  );

export interface PermitTypeRow {
  code: string;
  name_fi: string;
  name_sv: string;
  name_en: string;
  when_fi: string;
  when_sv: string;
  when_en: string;
  typical_days_min: number;
  typical_days_max: number;
  timing: 'processing' | 'notice';
  url: string | null;
  attachments: Array<{ fi: string; sv: string; en: string }>;
  department_id: string;
  department_name_fi: string;
  department_name_sv: string;
  department_name_en: string;
  department_url: string | null;
  department_kind: string;
}

export const selectPermitTypes = (): Sql =>
  asJsonRows(
    `SELECT p.code, p.name_fi, p.name_sv, p.name_en, p.when_fi, p.when_sv, p.when_en, p.typical_days_min,
       p.typical_days_max, p.timing, p.url, p.attachments, p.sort_order, d.id AS department_id,
       d.name_fi AS department_name_fi, d.name_sv AS department_name_sv, d.name_en AS department_name_en,
       d.url AS department_url, d.kind AS department_kind
     FROM permit_types p JOIN departments d ON d.id = p.department_id`,
    'x.sort_order, x.code',
  );

export interface PlotRow {
  id: string;
  property_id: string;
  use_code: string;
  registered: boolean;
  building_prohibition: boolean;
  plan_state: 'valid' | 'pending';
  availability: 'available' | 'draw' | 'reserved' | 'leased' | 'coming';
  tenure: 'lease' | 'sale';
  draw_ends_on: string | null;
  earliest_construction_on: string | null;
  build_obligation_years: number | null;
  sub_district_number: number | null;
  is_demo: boolean;
}

/** A published plot by id (public reads never see drafts or withdrawn plots). */
export const selectPlot = (id: string): Sql => ({
  text: `SELECT id::text AS id, property_id, use_code, registered, building_prohibition, plan_state, availability, tenure,
      draw_ends_on::text AS draw_ends_on, earliest_construction_on::text AS earliest_construction_on,
      build_obligation_years, sub_district_number, is_demo
    FROM plots WHERE id = $1::bigint AND status = 'published'`,
  values: [id],
});

export interface ContactRow {
  id: string;
  code: string | null;
  kind: 'key_account' | 'department';
  department_id: string | null;
  title_fi: string;
  title_sv: string;
  title_en: string;
  email: string;
  phone: string | null;
  sub_district_number: number | null;
  is_demo: boolean;
  assigned: boolean;
  department_name_fi: string | null;
  department_name_sv: string | null;
  department_name_en: string | null;
  department_url: string | null;
}

/**
 * Contacts that may serve a plot: those staff assigned to it, the key customer managers of its
 * sub-district, and every department's responsible person. Assigned first.
 */
export const selectContactCandidates = (plotId: string, subDistrict: number | null): Sql =>
  asJsonRows(
    `SELECT c.id::text AS id, c.code, c.kind, c.department_id, c.title_fi, c.title_sv, c.title_en, c.email, c.phone,
       c.sub_district_number, c.is_demo, (pc.plot_id IS NOT NULL) AS assigned,
       d.name_fi AS department_name_fi, d.name_sv AS department_name_sv, d.name_en AS department_name_en,
       d.url AS department_url, d.sort_order AS department_order, c.sort_order, c.id AS contact_order
     FROM contacts c
     LEFT JOIN plot_contacts pc ON pc.contact_id = c.id AND pc.plot_id = $1::bigint
     LEFT JOIN departments d ON d.id = c.department_id
     WHERE pc.plot_id IS NOT NULL
        OR (c.kind = 'key_account' AND c.sub_district_number = $2::smallint)
        OR c.kind = 'department'`,
    'NOT x.assigned, x.department_order NULLS LAST, x.sort_order, x.contact_order',
    [plotId, subDistrict],
  );

// ---- staff: contact assignment and catalogue edits -----------------------------------------

/** Any plot, whatever its status (staff work on drafts too). */
export const selectAnyPlot = (id: string): Sql => ({
  text: `SELECT id::text AS id, sub_district_number FROM plots WHERE id = $1::bigint`,
  values: [id],
});

export const selectContact = (id: string): Sql => ({
  text: `SELECT id::text AS id, kind FROM contacts WHERE id = $1::bigint`,
  values: [id],
});

export interface StaffContactRow extends Omit<ContactRow, 'assigned'> {
  plots: number;
}

/** Every contact with the number of plots it is assigned to, for staff to pick from. */
export const selectAllContacts = (): Sql => ({
  text: `SELECT c.id::text AS id, c.code, c.kind, c.department_id, c.title_fi, c.title_sv, c.title_en, c.email, c.phone,
      c.sub_district_number, c.is_demo, d.name_fi AS department_name_fi, d.name_sv AS department_name_sv,
      d.name_en AS department_name_en, d.url AS department_url,
      (SELECT count(*)::int FROM plot_contacts pc WHERE pc.contact_id = c.id) AS plots
    FROM contacts c LEFT JOIN departments d ON d.id = c.department_id
    ORDER BY c.kind DESC, d.sort_order NULLS LAST, c.sort_order, c.id`,
  values: [],
});

/** Returns one row when the assignment is new, none when it already existed. */
export const insertPlotContact = (plotId: string, contactId: string, role: string): Sql => ({
  text: `INSERT INTO plot_contacts (plot_id, contact_id, role) VALUES ($1::bigint, $2::bigint, $3)
    ON CONFLICT (plot_id, contact_id) DO NOTHING RETURNING plot_id`,
  values: [plotId, contactId, role],
});

/** Returns one row when an assignment was removed. */
export const deletePlotContact = (plotId: string, contactId: string): Sql => ({
  text: `DELETE FROM plot_contacts WHERE plot_id = $1::bigint AND contact_id = $2::bigint RETURNING plot_id`,
  values: [plotId, contactId],
});

export interface PermitTypeEdit {
  typical_days?: { min: number; max: number };
  name?: { fi: string; sv: string; en: string };
  when?: { fi: string; sv: string; en: string };
  url?: string | null;
  attachments?: Array<{ fi: string; sv: string; en: string }>;
}

/**
 * Applies an admin's edit to a permit type and marks it edited, so the start-up loader keeps
 * it. Absent fields stay as they are. Returns the code, or no row for an unknown code.
 */
export const updatePermitType = (code: string, e: PermitTypeEdit, by: string): Sql => ({
  text: `UPDATE permit_types SET
      typical_days_min = coalesce(($2::jsonb #>> '{typical_days,min}')::int, typical_days_min),
      typical_days_max = coalesce(($2::jsonb #>> '{typical_days,max}')::int, typical_days_max),
      name_fi = coalesce($2::jsonb #>> '{name,fi}', name_fi),
      name_sv = coalesce($2::jsonb #>> '{name,sv}', name_sv),
      name_en = coalesce($2::jsonb #>> '{name,en}', name_en),
      when_fi = coalesce($2::jsonb #>> '{when,fi}', when_fi),
      when_sv = coalesce($2::jsonb #>> '{when,sv}', when_sv),
      when_en = coalesce($2::jsonb #>> '{when,en}', when_en),
      url = CASE WHEN $2::jsonb ? 'url' THEN $2::jsonb ->> 'url' ELSE url END,
      attachments = coalesce($2::jsonb -> 'attachments', attachments),
      admin_edited_at = now(),
      admin_edited_by = $3
    WHERE code = $1 RETURNING code`,
  values: [code, JSON.stringify(e), by],
});
