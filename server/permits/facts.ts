import { badRequest } from '../http/errors.ts';

/**
 * The project facts the permit-needs rules understand. An activity asks a subset of them
 * (activities.json); its defaults fill what the user leaves out.
 */
export const FACT_KEYS = [
  'new_building',
  'extension',
  'change_of_use',
  'demolition',
  'earthworks',
  'signs',
  'street_works',
  'noise',
  'deviation',
  'emissions',
  'large_plant',
  'chemicals',
  'food',
  'alcohol',
  'terrace',
  'foreign_buyer',
  'venue',
  'visitors',
  'amplified_sound',
  'fire_or_stage',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export type ChemicalsScale = 'none' | 'small' | 'large';
export type Venue = 'plot' | 'public_area';

/** Facts after validation, defaults applied; absent means "no" (or 'none', or 0 visitors). */
export interface Facts {
  new_building?: boolean;
  extension?: boolean;
  change_of_use?: boolean;
  demolition?: boolean;
  earthworks?: boolean;
  signs?: boolean;
  street_works?: boolean;
  noise?: boolean;
  deviation?: boolean;
  emissions?: boolean;
  large_plant?: boolean;
  chemicals?: ChemicalsScale;
  food?: boolean;
  alcohol?: boolean;
  terrace?: boolean;
  foreign_buyer?: boolean;
  venue?: Venue;
  visitors?: number; // people expected at the event at the same time
  amplified_sound?: boolean;
  fire_or_stage?: boolean;
}

interface Label {
  fi: string;
  sv: string;
  en: string;
}

export type FactDefinition =
  | { key: FactKey; type: 'boolean'; label: Label }
  | { key: FactKey; type: 'choice'; label: Label; options: Array<{ value: string; label: Label }> }
  | { key: FactKey; type: 'integer'; label: Label; min: number; max: number };

const yes = (key: FactKey, fi: string, sv: string, en: string): FactDefinition => ({
  key,
  type: 'boolean',
  label: { fi, sv, en },
});

/** Largest accepted visitor count; more than a whole city's crowd is a typing error. */
export const MAX_VISITORS = 1_000_000;

export const FACT_DEFINITIONS: FactDefinition[] = [
  yes('new_building', 'Uusi rakennus', 'Ny byggnad', 'New building'),
  yes(
    'extension',
    'Olemassa olevan rakennuksen laajennus',
    'Tillbyggnad av en befintlig byggnad',
    'Extension of an existing building',
  ),
  yes(
    'change_of_use',
    'Tilojen käyttötarkoituksen muutos',
    'Ändrat användningsändamål för lokaler',
    'Change of use of existing premises',
  ),
  yes('demolition', 'Purkaminen', 'Rivning', 'Demolition'),
  yes(
    'earthworks',
    'Kaivu, louhinta tai puiden kaataminen ennen rakentamista',
    'Grävning, brytning eller trädfällning före byggandet',
    'Excavation, quarrying or tree felling before building',
  ),
  yes(
    'signs',
    'Mainoslaitteet, säiliöt tai muut pienet rakennelmat',
    'Reklamanordningar, cisterner eller andra små konstruktioner',
    'Signs, tanks or other minor structures',
  ),
  yes(
    'street_works',
    'Työt ulottuvat katualueelle',
    'Arbetena når gatuområdet',
    'Works reach the street or a public area',
  ),
  yes(
    'noise',
    'Meluisia töitä (paalutus, louhinta, purku)',
    'Bullrande arbeten (pålning, brytning, rivning)',
    'Noisy works (piling, quarrying, demolition)',
  ),
  yes(
    'deviation',
    'Hanke poikkeaa asemakaavasta',
    'Projektet avviker från detaljplanen',
    'The project deviates from the detailed plan',
  ),
  yes(
    'emissions',
    'Päästöjä ilmaan, veteen tai maaperään (esim. maalaamo, polttolaitos, pesupaikka)',
    'Utsläpp till luft, vatten eller mark (t.ex. målning, förbränning, tvätthall)',
    'Emissions to air, water or soil (e.g. painting, boilers, washing bay)',
  ),
  yes(
    'large_plant',
    'Suuri laitos (esim. yli 50 MW polttolaitos, suuri jätelaitos)',
    'Stor anläggning (t.ex. förbränning över 50 MW, stor avfallsanläggning)',
    'Large plant (e.g. boilers over 50 MW, large waste plant)',
  ),
  {
    key: 'chemicals',
    type: 'choice',
    label: { fi: 'Vaarallisia kemikaaleja', sv: 'Farliga kemikalier', en: 'Hazardous chemicals' },
    options: [
      { value: 'none', label: { fi: 'Ei', sv: 'Inga', en: 'None' } },
      { value: 'small', label: { fi: 'Vähäinen määrä', sv: 'Liten mängd', en: 'Small scale' } },
      { value: 'large', label: { fi: 'Laajamittainen', sv: 'Omfattande', en: 'Large scale' } },
    ],
  },
  yes(
    'food',
    'Elintarvikkeita valmistetaan, tarjoillaan tai myydään',
    'Livsmedel tillverkas, serveras eller säljs',
    'Food is made, served or sold',
  ),
  yes('alcohol', 'Alkoholin anniskelu', 'Servering av alkohol', 'Alcohol is served'),
  yes(
    'terrace',
    'Terassi tai myynti kadulla',
    'Terrass eller försäljning på gatan',
    'Terrace or sales on the street',
  ),
  yes(
    'foreign_buyer',
    'Ostaja EU:n tai ETA:n ulkopuolelta',
    'Köpare från ett land utanför EU eller EES',
    'Buyer from outside the EU or EEA',
  ),
  {
    key: 'venue',
    type: 'choice',
    label: { fi: 'Tapahtumapaikka', sv: 'Evenemangsplats', en: 'Venue' },
    options: [
      { value: 'plot', label: { fi: 'Tällä tontilla', sv: 'På den här tomten', en: 'On this plot' } },
      {
        value: 'public_area',
        label: {
          fi: 'Kadulla, torilla tai puistossa',
          sv: 'På gata, torg eller i park',
          en: 'On a street, square or in a park',
        },
      },
    ],
  },
  {
    key: 'visitors',
    type: 'integer',
    label: { fi: 'Odotettu yleisömäärä', sv: 'Förväntat antal besökare', en: 'Expected visitors' },
    min: 0,
    max: MAX_VISITORS,
  },
  yes(
    'amplified_sound',
    'Kovaääninen musiikki tai äänentoisto ulkona',
    'Hög musik eller ljudförstärkning utomhus',
    'Loud music or sound system outdoors',
  ),
  yes(
    'fire_or_stage',
    'Tulta, pyrotekniikkaa, lava tai teltta',
    'Eld, pyroteknik, scen eller tält',
    'Fire, pyrotechnics, a stage or tents',
  ),
];

const BY_KEY = new Map(FACT_DEFINITIONS.map((d) => [d.key, d]));

/**
 * Validates user-given facts against the facts the activity asks and merges them over the
 * activity's defaults. Absent or null `raw` means no facts given. Throws a 400 HttpError:
 * invalid_facts (not an object), unknown_fact / fact_not_applicable (key, with the accepted
 * keys), invalid_fact (value of the wrong type or out of range).
 */
export function parseFacts(
  raw: unknown,
  asked: readonly string[],
  defaults: Readonly<Record<string, unknown>>,
): Facts {
  const given = raw ?? {};
  if (typeof given !== 'object' || Array.isArray(given))
    throw badRequest('invalid_facts', 'facts must be an object of fact names and values.', raw);
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    const def = BY_KEY.get(key as FactKey);
    if (!def) throw badRequest('unknown_fact', `Unknown fact '${key}'.`, key, { accepted: asked });
    // A fixed fact of the activity given back as it is (a stored project's facts) says nothing new.
    if (!asked.includes(key) && Object.is(defaults[key], value)) continue;
    if (!asked.includes(key))
      throw badRequest('fact_not_applicable', `The activity does not ask the fact '${key}'.`, key, {
        accepted: asked,
      });
    out[key] = checkValue(def, value);
  }
  return out as Facts;
}

function checkValue(def: FactDefinition, value: unknown): unknown {
  const fail = (expected: string) =>
    badRequest('invalid_fact', `Fact '${def.key}' must be ${expected}.`, value, { fact: def.key });
  switch (def.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      return value;
    case 'choice':
      if (typeof value !== 'string' || !def.options.some((o) => o.value === value))
        throw fail(`one of ${def.options.map((o) => o.value).join(', ')}`);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < def.min || value > def.max)
        throw fail(`an integer from ${def.min} to ${def.max}`);
      return value;
  }
}
