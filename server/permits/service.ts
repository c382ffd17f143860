import type { Queryable } from '../db/index.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { Text, UseCode } from './catalogue.ts';
import { resolveContacts, type Contact } from './contacts.ts';
import { FACT_DEFINITIONS, parseFacts, type Facts, type FactDefinition } from './facts.ts';
import { MEASURED_MONTHS, measuredRange, type MeasuredTime, type MeasuredTimesSource } from './measured.ts';
import { permitNeeds, permitNotes } from './rules/index.ts';
import { schedulePath, type DayRange } from './schedule.ts';
import * as sql from './sql.ts';

export const GUIDANCE_NOTE: Text = {
  fi: 'Tämä lista on suuntaa-antava opastus, ei viranomaisen päätös. Kukin viranomainen päättää omista luvistaan; tarkista tarpeet yhteyshenkilöiltä ennen hakemista. Ajat ovat tyypillisiä käsittelyaikoja, eivät lupauksia.',
  sv: 'Listan är vägledande, inte ett myndighetsbeslut. Varje myndighet beslutar om sina egna tillstånd; kontrollera behoven med kontaktpersonerna innan du ansöker. Tiderna är typiska handläggningstider, inga löften.',
  en: 'This list is guidance, not a decision. Each authority decides on its own permits; check the needs with the contacts before applying. Times are typical processing times, not promises.',
};

const run = <R>(db: Queryable, q: sql.Sql) => db.query<R>(q.text, q.values);
/** Rows of a query built with asJsonRows (one JSON text). */
const jsonRows = async <R>(db: Queryable, q: sql.Sql): Promise<R[]> => {
  const [r] = await db.query<{ rows: string }>(q.text, q.values);
  return JSON.parse(r?.rows ?? '[]') as R[];
};
const names = (r: { name_fi: string; name_sv: string; name_en: string }): Text => ({
  fi: r.name_fi,
  sv: r.name_sv,
  en: r.name_en,
});

/**
 * A plot id from a path segment: a positive integer within bigint. Throws 400 invalid_plot_id
 * with the value otherwise.
 */
export function parsePlotId(raw: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(raw))
    throw badRequest('invalid_plot_id', 'Plot id must be a positive integer.', raw);
  return raw;
}

export interface ActivitiesResponse {
  activities: Array<{
    code: string;
    kind: 'business' | 'event';
    names: Text;
    fits_use_codes: string[];
    facts: string[];
    defaults: Record<string, unknown>;
  }>;
  facts: FactDefinition[];
}

/** Activities with the facts each asks, and the definitions of those facts. */
export async function listActivities(db: Queryable): Promise<ActivitiesResponse> {
  const rows = await jsonRows<sql.ActivityRow>(db, sql.selectActivities());
  return {
    activities: rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      names: names(r),
      fits_use_codes: r.fits_use_codes,
      facts: r.facts,
      defaults: r.defaults,
    })),
    facts: FACT_DEFINITIONS,
  };
}

interface PermitTypeOut {
  code: string;
  names: Text;
  when: Text;
  authority: { id: string; names: Text; url: string | null };
  typical_days: DayRange;
  timing: 'processing' | 'notice';
  url: string | null;
  attachments: Text[];
}

function toPermitType(r: sql.PermitTypeRow): PermitTypeOut {
  return {
    code: r.code,
    names: names(r),
    when: { fi: r.when_fi, sv: r.when_sv, en: r.when_en },
    authority: {
      id: r.department_id,
      names: { fi: r.department_name_fi, sv: r.department_name_sv, en: r.department_name_en },
      url: r.department_url,
    },
    typical_days: { min: r.typical_days_min, max: r.typical_days_max },
    timing: r.timing,
    url: r.url,
    attachments: r.attachments,
  };
}

/** Every permit type of the catalogue with its authority, in catalogue order. */
export async function listPermitTypes(db: Queryable): Promise<{ permit_types: PermitTypeOut[] }> {
  const rows = await jsonRows<sql.PermitTypeRow>(db, sql.selectPermitTypes());
  return { permit_types: rows.map(toPermitType) };
}

async function findPlot(db: Queryable, id: string): Promise<sql.PlotRow> {
  const [plot] = await run<sql.PlotRow>(db, sql.selectPlot(id));
  if (!plot) throw notFound('plot_not_found', `No published plot with id ${id}.`, id);
  return plot;
}

/** The contacts of a published plot. Throws 404 plot_not_found. */
export async function plotContacts(
  db: Queryable,
  plotId: string,
): Promise<{ plot_id: number; contacts: Contact[] }> {
  const plot = await findPlot(db, plotId);
  const rows = await jsonRows<sql.ContactRow>(
    db,
    sql.selectContactCandidates(plot.id, plot.sub_district_number),
  );
  return { plot_id: Number(plot.id), contacts: resolveContacts(rows).list };
}

/**
 * The days a plan counts on for a permit and where they come from: the decisions of the last
 * months (median to p90) when there are enough of them, else the catalogue's typical_days.
 */
export type Expected =
  | { days: DayRange; source: 'catalogue' }
  | {
      days: DayRange;
      source: 'measured';
      cases: number;
      period_months: number;
      median_days: number;
      p90_days: number;
      /** Some of the measured cases are demo data. */
      includes_demo: boolean;
    };

/**
 * A notice is a period the law sets before starting, not a time the authority takes, so it
 * stays as catalogued; a processing permit with enough decisions uses what they took.
 */
function expectedOf(type: PermitTypeOut, m: MeasuredTime | undefined): Expected {
  if (!m || type.timing === 'notice') return { days: type.typical_days, source: 'catalogue' };
  return {
    days: measuredRange(m),
    source: 'measured',
    cases: m.cases,
    period_months: MEASURED_MONTHS,
    median_days: Math.round(m.medianDays * 10) / 10,
    p90_days: Math.round(m.p90Days * 10) / 10,
    includes_demo: m.includesDemo,
  };
}

export interface PermitPathPermit extends PermitTypeOut {
  /** The days the schedule counted on; typical_days stays the catalogue's. */
  expected: Expected;
  contact: Contact | null;
  reasons: Text[];
  depends_on: string[];
  /** Earliest start, days from now (shortest typical times before it). */
  starts_after_days: number;
  finishes_after_days: DayRange;
  on_critical_path: boolean;
}

export interface PermitPath {
  plot: { id: number; property_id: string; use_code: string; is_demo: boolean };
  activity: { code: string; kind: 'business' | 'event'; names: Text };
  facts: Facts;
  permits: PermitPathPermit[];
  total_days_estimate: DayRange;
  critical_path: string[];
  /** What the zoning asks about that the answers settle without a permit (rules/notes.ts). */
  notes: Text[];
  guidance_note: Text;
  /** The plot or the contacts are demo data. */
  is_demo: boolean;
}

/**
 * The permit path of an activity on a published plot. Throws 404 plot_not_found, 400
 * unknown_activity (with the accepted codes), and the 400s of parseFacts. With `measured` (the
 * public plan), permit types with enough recent decisions are timed by them; without it (the
 * cases an application opens, whose "past the expected time" is the catalogue's), by the catalogue.
 */
export async function permitPath(
  db: Queryable,
  plotId: string,
  body: unknown,
  measured?: MeasuredTimesSource,
): Promise<PermitPath> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('invalid_body', 'Send a JSON object { activity, facts }.', body);
  const { activity: code, facts: rawFacts } = body as { activity?: unknown; facts?: unknown };
  const plot = await findPlot(db, plotId);
  const activities = await jsonRows<sql.ActivityRow>(db, sql.selectActivities());
  const activity = activities.find((a) => a.code === code);
  if (!activity)
    throw badRequest('unknown_activity', `Unknown activity: ${String(code)}.`, code ?? null, {
      accepted: activities.map((a) => a.code),
    });
  const facts = parseFacts(rawFacts, activity.facts, activity.defaults);

  const [typeRows, contactRows, times] = await Promise.all([
    jsonRows<sql.PermitTypeRow>(db, sql.selectPermitTypes()),
    jsonRows<sql.ContactRow>(db, sql.selectContactCandidates(plot.id, plot.sub_district_number)),
    measured ? measured() : new Map<string, MeasuredTime>(),
  ]);
  const types = new Map(typeRows.map((r) => [r.code, toPermitType(r)]));
  const order = new Map(typeRows.map((r, i) => [r.code, i]));
  const contacts = resolveContacts(contactRows);

  const needs = permitNeeds(
    { ...plot, use_code: plot.use_code as UseCode },
    { ...activity, name: names(activity) },
    facts,
  )
    // A rule naming a permit type missing from the catalogue is dropped rather than shown half-known.
    .filter((n) => types.has(n.code))
    .sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  const expected = new Map(needs.map((n) => [n.code, expectedOf(types.get(n.code)!, times.get(n.code))]));
  const schedule = schedulePath(needs.map((n) => ({ ...n, typical_days: expected.get(n.code)!.days })));
  const needByCode = new Map(needs.map((n) => [n.code, n]));
  const critical = new Set(schedule.critical_path);

  const permits = schedule.items.map((s): PermitPathPermit => {
    const type = types.get(s.code)!;
    const need = needByCode.get(s.code)!;
    return {
      ...type,
      expected: expected.get(s.code)!,
      contact: contacts.byDepartment.get(type.authority.id) ?? null,
      reasons: need.reasons,
      depends_on: need.depends_on,
      starts_after_days: s.starts_after_days.min,
      finishes_after_days: s.finishes_after_days,
      on_critical_path: critical.has(s.code),
    };
  });
  return {
    plot: {
      id: Number(plot.id),
      property_id: plot.property_id,
      use_code: plot.use_code,
      is_demo: plot.is_demo,
    },
    activity: { code: activity.code, kind: activity.kind, names: names(activity) },
    facts,
    permits,
    total_days_estimate: schedule.total_days_estimate,
    critical_path: schedule.critical_path,
    notes: permitNotes(
      { ...plot, use_code: plot.use_code as UseCode },
      { ...activity, name: names(activity) },
      facts,
    ),
    guidance_note: GUIDANCE_NOTE,
    is_demo: plot.is_demo || permits.some((p) => p.contact?.is_demo),
  };
}
