import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROOT_DIR } from '../config.ts';
import { FACT_KEYS, parseFacts } from './facts.ts';

/** A text in the three languages of the service. */
export interface Text {
  fi: string;
  sv: string;
  en: string;
}

export const CATALOGUE_DIR = path.join(ROOT_DIR, 'data', 'permits');

/** Zoning codes a plot may carry (002_plots.sql). */
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
export type UseCode = (typeof USE_CODES)[number];

const text = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) }).strict();
const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case slug');

const department = z
  .object({
    id: slug,
    name: text,
    kind: z.enum(['city', 'state', 'utility']),
    url: z.string().url(),
  })
  .strict();

const permitType = z
  .object({
    code: slug,
    department: slug,
    name: text,
    when: text,
    typical_days: z
      .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
      .strict()
      .refine((d) => d.max >= d.min, 'max below min'),
    timing: z.enum(['processing', 'notice']),
    url: z.string().url(),
    attachments: z.array(text),
  })
  .strict();

const factKey = z.enum(FACT_KEYS);

const activity = z
  .object({
    code: slug,
    kind: z.enum(['business', 'event']),
    name: text,
    fits_use_codes: z.array(z.enum(USE_CODES)).min(1),
    environmental: z.enum(['none', 'notification', 'permit']),
    health_protection: z.boolean(),
    defaults: z.partialRecord(factKey, z.union([z.boolean(), z.number(), z.string()])),
    facts: z.array(factKey),
  })
  .strict();

const contact = z
  .object({
    code: slug,
    kind: z.enum(['key_account', 'department']),
    department: slug,
    sub_district: z.number().int().positive().optional(),
    title: text,
    email: z.string().email(),
    phone: z.string().optional(),
  })
  .strict();

export type Department = z.infer<typeof department>;
export type PermitType = z.infer<typeof permitType>;
export type Activity = z.infer<typeof activity>;
export type CatalogueContact = z.infer<typeof contact>;

export interface Catalogue {
  departments: Department[];
  permitTypes: PermitType[];
  activities: Activity[];
  contacts: CatalogueContact[];
  /** The contacts file holds demo roles with example addresses. */
  contactsAreDemo: boolean;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(CATALOGUE_DIR, file), 'utf8'));
}

/**
 * Reads and validates the catalogue shipped in data/permits. Throws an Error naming the file,
 * the entry and the field when a file is missing, malformed or refers to something undefined.
 */
export function readCatalogueFiles(): Catalogue {
  const parse = <T>(file: string, key: string, schema: z.ZodType<T>): T[] => {
    const raw = readJson(file) as Record<string, unknown>;
    const r = z.array(schema).safeParse(raw[key]);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new Error(`data/permits/${file}: ${key}.${i.path.join('.')}: ${i.message}`);
    }
    return r.data;
  };
  const departments = parse('departments.json', 'departments', department);
  const permitTypes = parse('permit-types.json', 'permit_types', permitType);
  const activities = parse('activities.json', 'activities', activity);
  const contactsFile = readJson('contacts.json') as { demo?: unknown };
  const contacts = parse('contacts.json', 'contacts', contact);

  const depIds = new Set(departments.map((d) => d.id));
  const unique = (what: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) throw new Error(`data/permits: duplicate ${what} '${k}'`);
      seen.add(k);
    }
  };
  unique(
    'department',
    departments.map((d) => d.id),
  );
  unique(
    'permit type',
    permitTypes.map((p) => p.code),
  );
  unique(
    'activity',
    activities.map((a) => a.code),
  );
  unique(
    'contact',
    contacts.map((c) => c.code),
  );
  for (const p of permitTypes)
    if (!depIds.has(p.department))
      throw new Error(`data/permits/permit-types.json: ${p.code}: unknown department '${p.department}'`);
  for (const c of contacts)
    if (!depIds.has(c.department))
      throw new Error(`data/permits/contacts.json: ${c.code}: unknown department '${c.department}'`);
  for (const a of activities) {
    // Defaults must be values the facts accept, or the rules would read nonsense.
    try {
      parseFacts(a.defaults, Object.keys(a.defaults), {});
    } catch (err) {
      throw new Error(`data/permits/activities.json: ${a.code}: defaults: ${(err as Error).message}`);
    }
  }
  return { departments, permitTypes, activities, contacts, contactsAreDemo: contactsFile.demo === true };
}
