/**
 * The editable fields of a plot, their validation and normalisation. Shared by the edit form
 * API and the import pipeline, so a value accepted in one is accepted in the other.
 */
import { own } from '../../shared/own.ts';

export const USE_CODES = [
  'K',
  'KL',
  'KM',
  'KT',
  'KTY',
  'T',
  'TT',
  'TV',
  'TY',
  'T/kem',
  'C',
  'P',
  'LTA',
] as const;
export const AVAILABILITY = ['available', 'draw', 'reserved', 'leased', 'coming'] as const;
export const ALLOCATION = ['lease', 'sale', 'draw', 'competition', 'direct'] as const;
export const TENURE = ['lease', 'sale'] as const;
export const PLAN_STATE = ['valid', 'pending'] as const;

type Kind = 'text' | 'number' | 'int' | 'bool' | 'date' | 'enum' | 'url' | 'property_id' | 'plan_number';

interface FieldSpec {
  kind: Kind;
  values?: readonly string[];
  min?: number;
  max?: number;
  maxLength?: number;
  required?: boolean;
}

/** Column name -> rule. Order is the order of the edit form and the import mapping. */
export const PLOT_FIELDS = {
  property_id: { kind: 'property_id', required: true },
  address: { kind: 'text', maxLength: 200 },
  postal_code: { kind: 'text', maxLength: 5 },
  use_code: { kind: 'enum', values: USE_CODES, required: true },
  building_right_kem2: { kind: 'number', min: 0, max: 999_999 },
  plan_number: { kind: 'plan_number' },
  plan_state: { kind: 'enum', values: PLAN_STATE },
  registered: { kind: 'bool' },
  availability: { kind: 'enum', values: AVAILABILITY },
  draw_ends_on: { kind: 'date' },
  allocation_method: { kind: 'enum', values: ALLOCATION },
  tenure: { kind: 'enum', values: TENURE },
  sale_price_eur: { kind: 'number', min: 0, max: 1e10 },
  lease_basis_eur_kem2: { kind: 'number', min: 0, max: 100_000 },
  build_obligation_years: { kind: 'int', min: 0, max: 50 },
  earliest_construction_on: { kind: 'date' },
  building_prohibition: { kind: 'bool' },
  plan_regulations_url: { kind: 'url', maxLength: 500 },
  notes: { kind: 'text', maxLength: 4000 },
} as const satisfies Record<string, FieldSpec>;

export type PlotField = keyof typeof PLOT_FIELDS;
export const PLOT_FIELD_NAMES = Object.keys(PLOT_FIELDS) as PlotField[];
export type PlotValues = Partial<Record<PlotField, string | number | boolean | null>>;

export interface FieldProblem {
  field: string;
  code: string;
  value: unknown;
  severity: 'error' | 'warning';
}

/**
 * Property identifier in any of Helsinki's three forms (091-045-0012-0003, 91-45-12-3,
 * 09104500120003) -> the dashed long form; null when it is none of them.
 */
export function toPropertyId(input: string): string | null {
  const s = input.trim();
  let m = /^(\d{1,3})-(\d{1,3})-(\d{1,4})-(\d{1,4})$/.exec(s);
  if (!m) {
    const d = /^(\d{3})(\d{3})(\d{4})(\d{4})$/.exec(s);
    if (d) m = d;
  }
  if (!m) return null;
  const [, k, sss, r, y] = m;
  const out = `${k!.padStart(3, '0')}-${sss!.padStart(3, '0')}-${r!.padStart(4, '0')}-${y!.padStart(4, '0')}`;
  return out;
}

/** Decimal numbers with a point or a comma, spaces as thousands separators. */
export function parseNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string') return NaN;
  const s = v.trim().replace(/[\s\u00a0]/g, '');
  if (s === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return NaN;
  return Number(s.replace(',', '.'));
}

function parseBool(v: unknown): boolean | null | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === '') return null;
  if (['true', '1', 'yes', 'kyllä', 'k', 'ja', 'x'].includes(s)) return true;
  if (['false', '0', 'no', 'ei', 'e', 'nej'].includes(s)) return false;
  return undefined;
}

/** ISO date or Finnish d.m.yyyy -> yyyy-mm-dd; undefined when unreadable. */
function parseDate(v: unknown): string | null | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === '') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s)))
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || y < 1900 || y > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

// Finnish and Swedish words files use for the enumerated values.
const ALIASES: Record<string, string> = {
  vapaa: 'available',
  ledig: 'available',
  haettavana: 'draw',
  haku: 'draw',
  arvonta: 'draw',
  utlottning: 'draw',
  varattu: 'reserved',
  reserverad: 'reserved',
  vuokrattu: 'leased',
  myyty: 'leased',
  utarrenderad: 'leased',
  såld: 'leased',
  tulossa: 'coming',
  kommande: 'coming',
  vuokra: 'lease',
  arrende: 'lease',
  myynti: 'sale',
  försäljning: 'sale',
  voimassa: 'valid',
  gällande: 'valid',
  vireillä: 'pending',
  anhängig: 'pending',
  kilpailu: 'competition',
  tävling: 'competition',
  suoravaraus: 'direct',
  direktreservering: 'direct',
};

/** Accepts a value in any case ("kt" -> "KT", "t/KEM" -> "T/kem") or as a Finnish/Swedish word. */
function matchEnum(values: readonly string[], v: string): string | undefined {
  const s = v.trim();
  const alias = own(ALIASES, s.toLowerCase());
  return (
    values.find((x) => x === s) ??
    values.find((x) => x.toLowerCase() === s.toLowerCase()) ??
    (alias && values.includes(alias) ? alias : undefined)
  );
}

/**
 * Normalises and checks the given fields. Absent keys stay absent; '' and null clear a field
 * (an error for required fields when `requireAll`). Returns the clean values and every problem.
 */
export function validatePlotValues(
  input: Record<string, unknown>,
  opts: { requireAll?: boolean } = {},
): { values: PlotValues; problems: FieldProblem[] } {
  const values: PlotValues = {};
  const problems: FieldProblem[] = [];
  const bad = (field: string, code: string, value: unknown) =>
    problems.push({ field, code, value, severity: 'error' });
  for (const [field, spec] of Object.entries(PLOT_FIELDS) as Array<[PlotField, FieldSpec]>) {
    if (!Object.hasOwn(input, field)) {
      if (opts.requireAll && spec.required) bad(field, 'required', null);
      continue;
    }
    const raw = input[field];
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      if (spec.required) bad(field, 'required', raw ?? null);
      else values[field] = null;
      continue;
    }
    switch (spec.kind) {
      case 'property_id': {
        const id = typeof raw === 'string' || typeof raw === 'number' ? toPropertyId(String(raw)) : null;
        if (!id) bad(field, 'invalid_property_id', raw);
        else if (!id.startsWith('091-')) bad(field, 'not_helsinki_property', raw);
        else if (id.slice(8, 10) === '99') bad(field, 'public_area_property', raw);
        else values[field] = id;
        break;
      }
      case 'number':
      case 'int': {
        const n = parseNumber(raw);
        if (n === null) values[field] = null;
        else if (Number.isNaN(n) || (spec.kind === 'int' && !Number.isInteger(n)))
          bad(field, 'invalid_number', raw);
        else if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max))
          bad(field, 'out_of_range', raw);
        else values[field] = n;
        break;
      }
      case 'bool': {
        const b = parseBool(raw);
        if (b === undefined) bad(field, 'invalid_boolean', raw);
        else values[field] = b;
        break;
      }
      case 'date': {
        const d = parseDate(raw);
        if (d === undefined) bad(field, 'invalid_date', raw);
        else values[field] = d;
        break;
      }
      case 'enum': {
        const e = typeof raw === 'string' ? matchEnum(spec.values!, raw) : undefined;
        if (!e) bad(field, 'unknown_value', raw);
        else values[field] = e;
        break;
      }
      case 'plan_number': {
        const s = String(raw).trim();
        if (!/^[0-9]{3,6}$/.test(s)) bad(field, 'invalid_plan_number', raw);
        else values[field] = s;
        break;
      }
      case 'url': {
        const s = String(raw).trim();
        if (!/^https?:\/\/\S+$/.test(s) || s.length > (spec.maxLength ?? 500)) bad(field, 'invalid_url', raw);
        else values[field] = s;
        break;
      }
      default: {
        const s = String(raw).trim();
        if (spec.maxLength && s.length > spec.maxLength) bad(field, 'too_long', raw);
        else values[field] = s;
      }
    }
  }
  if (values.postal_code && !/^\d{5}$/.test(String(values.postal_code)))
    bad('postal_code', 'invalid_postal_code', values.postal_code);
  if (values.availability === 'draw' && input.draw_ends_on === undefined && opts.requireAll)
    problems.push({ field: 'draw_ends_on', code: 'draw_without_end_date', value: null, severity: 'warning' });
  return { values, problems };
}
