/**
 * Attribute mapping: which source attribute fills which plot field. Presets for the city's
 * open WFS layers (vapaat_yritystontit, kiinteisto_alue, kaavayksikot) and for Tonttiluukku's
 * own exports; otherwise matched by name.
 */
import { PLOT_FIELD_NAMES, type PlotField } from '../staff/fields.ts';

export type Mapping = Partial<Record<PlotField, string>>;

export interface Preset {
  id: string;
  /** Layer (feature type) names this preset is for. */
  layers: string[];
  /** Attributes whose presence identifies the layer when the name is not known. */
  signature: string[];
  mapping: Mapping;
}

export const PRESETS: Preset[] = [
  {
    // Free business plots: points linked to property polygons by jhs_tunnus (14 digits).
    id: 'vapaat_yritystontit',
    layers: ['vapaat_yritystontit'],
    signature: ['jhs_tunnus'],
    mapping: {
      property_id: 'jhs_tunnus',
      address: 'osoite',
      building_right_kem2: 'rakennusoikeus',
      use_code: 'kayttotarkoitusmerkinta',
      plan_number: 'kaavatunnus',
      postal_code: 'postinumero',
    },
  },
  {
    id: 'kiinteisto_alue',
    layers: ['kiinteisto_alue'],
    signature: ['kiinteistotunnus'],
    mapping: { property_id: 'kiinteistotunnus', address: 'osoite', registered: 'rekisteroity' },
  },
  {
    // Plan units share the property identifier's form; the layer reclassifies the use field,
    // so staff give the zoning code themselves (a default in the mapping).
    id: 'kaavayksikot',
    layers: ['kaavayksikot'],
    signature: ['kaavayksikkotunnus'],
    mapping: {
      property_id: 'kaavayksikkotunnus',
      plan_number: 'kaavatunnus',
      building_right_kem2: 'rakennusoikeus',
      use_code: 'kayttotarkoitus',
    },
  },
  {
    id: 'tonttiluukku',
    layers: ['plots'],
    signature: ['property_id', 'use_code'],
    mapping: Object.fromEntries(PLOT_FIELD_NAMES.map((f) => [f, f])) as Mapping,
  },
];

/**
 * Names that mean a field, in Finnish, Swedish and English, compared in normal form (lower
 * case, no diacritics, words joined by "_"): "Käyttötarkoitus" is kayttotarkoitus.
 */
const SYNONYMS: Partial<Record<PlotField, string[]>> = {
  property_id: [
    'property_id',
    'kiinteistotunnus',
    'kiinteiston_tunnus',
    'jhs_tunnus',
    'kiinteisto',
    'kiinteistotun',
    'tonttitunnus',
    'fastighetsbeteckning',
    'fastighet',
    'property',
    'parcel_id',
    'tunnus',
    'kaavayksikkotunnus',
  ],
  address: ['address', 'osoite', 'katuosoite', 'adress', 'gatuadress', 'street_address'],
  postal_code: ['postal_code', 'postinumero', 'postinro', 'postnummer', 'zip', 'postcode'],
  use_code: [
    'use_code',
    'kaytto',
    'kayttotark',
    'kayttotarkoitusmerkinta',
    'kayttotarkoitus',
    'kaavamerkinta',
    'anvandning',
    'anvandningsandamal',
    'land_use',
    'zoning',
  ],
  building_right_kem2: [
    'building_right_kem2',
    'rakoikeus',
    'rak_oikeus',
    'building_right',
    'rakennusoikeus',
    'kerrosala',
    'kem2',
    'byggratt',
    'vaningsyta',
    'floor_area',
  ],
  plan_number: [
    'plan_number',
    'kaavatunnus',
    'kaavanumero',
    'asemakaava',
    'asemakaavatunnus',
    'kaava',
    'detaljplan',
    'detaljplanenummer',
    'plan_id',
  ],
  plan_state: ['plan_state', 'kaavan_tila', 'kaavatilanne', 'planstatus', 'planens_status'],
  registered: ['registered', 'rekisteroity', 'registrerad'],
  availability: ['availability', 'saatavuus', 'tila', 'tillganglighet', 'status'],
  draw_ends_on: ['draw_ends_on', 'haku_paattyy', 'hakuaika_paattyy', 'ansokan_slutar', 'deadline'],
  allocation_method: ['allocation_method', 'luovutustapa', 'overlatelse', 'overlatelsesatt'],
  tenure: ['tenure', 'hallintamuoto', 'upplatelse', 'upplatelseform'],
  sale_price_eur: [
    'sale_price_eur',
    'hinta',
    'myyntihinta',
    'kauppahinta',
    'pris',
    'forsaljningspris',
    'price',
  ],
  lease_basis_eur_kem2: [
    'lease_basis_eur_kem2',
    'vuokraperuste',
    'vuokran_perusteena_oleva_hinta',
    'vuokrahinta',
    'arrendegrund',
    'lease_basis',
  ],
  build_obligation_years: ['build_obligation_years', 'rakentamisvelvoite', 'byggskyldighet'],
  earliest_construction_on: ['earliest_construction_on', 'rakentaminen_alkaen', 'byggstart'],
  building_prohibition: ['building_prohibition', 'rakennuskielto', 'byggforbud'],
  plan_regulations_url: [
    'plan_regulations_url',
    'kaavamaaraykset',
    'planbestammelser',
    'url',
    'linkki',
    'lank',
  ],
  notes: ['notes', 'lisatiedot', 'huomautus', 'huomautukset', 'anmarkning', 'tillaggsuppgifter', 'kommentti'],
};

/** The normal form names are compared in. */
export const normalName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('_');

const MONEY = new Set(['eur', 'e', 'euro', 'euroa', 'hinta', 'pris', 'price']);
const FLOOR_AREA = new Set(['kem2', 'km2', 'kem', 'vy', 'bra']);

/** Technical columns no plot field means; they are not reported as unmapped. */
const TECHNICAL = new Set([
  'gml_id',
  'fid',
  'ogc_fid',
  'objectid',
  'shape_area',
  'shape_leng',
  'shape_length',
  'crs',
  'srid',
  'epsg',
  'koordinaattijarjestelma',
]);

/**
 * How surely a column name means a field, 0-100: the name itself (100); a name cut to a
 * Shapefile's ten characters, "rakennusoi" (80); a price per floor area, "hinta_eur_kem2" (90);
 * the name followed by more words, "rakennusoikeus_kem2" (50 and up); the name inside (30 and
 * up, only enough to name the probable field of an unmapped column).
 */
export function nameScore(column: string, field: PlotField): number {
  const n = normalName(column);
  if (!n) return 0;
  const w = n.split('_');
  const money = w.some((x) => MONEY.has(x));
  const area = w.some((x) => FLOOR_AREA.has(x)) || n.includes('k_m2');
  if (money && area) return field === 'lease_basis_eur_kem2' ? 90 : 0;
  let best = 0;
  for (const s of [field, ...(SYNONYMS[field] ?? [])]) {
    if (n === s) return 100;
    if (n.length >= 6 && s.startsWith(n)) best = Math.max(best, 80);
    else if (n.startsWith(`${s}_`)) best = Math.max(best, 50 + Math.min(s.length, 30));
    else if (s.length >= 5 && n.includes(s)) best = Math.max(best, 30 + Math.min(s.length, 19));
  }
  if (!best && area && field === 'building_right_kem2') best = 70;
  return best;
}

const AUTO = 50;
const PROBABLE = 30;

/** The field a column most probably means (however unsure), or null. */
export function probableField(column: string): PlotField | null {
  let best: [PlotField | null, number] = [null, 0];
  for (const f of PLOT_FIELD_NAMES) {
    const s = nameScore(column, f);
    if (s > best[1]) best = [f, s];
  }
  return best[1] >= PROBABLE ? best[0] : null;
}

/** Columns the mapping does not use (technical ones aside), each with the field it probably means. */
export function unmappedColumns(
  attributes: string[],
  mapping: Mapping,
): Array<{ column: string; probably: PlotField | null }> {
  const used = new Set(Object.values(mapping));
  return attributes
    .filter((a) => !used.has(a) && !TECHNICAL.has(normalName(a)))
    .map((column) => ({ column, probably: probableField(column) }));
}

/** The preset for a layer name or attribute set; undefined when none fits. */
export function findPreset(layer: string | undefined, attributes: string[]): Preset | undefined {
  const l = (layer ?? '').toLowerCase().replace(/^.*:/, '');
  const attrs = new Set(attributes.map((a) => a.toLowerCase()));
  return (
    PRESETS.find((p) => p.layers.includes(l)) ?? PRESETS.find((p) => p.signature.every((s) => attrs.has(s)))
  );
}

/**
 * A preset's mapping restricted to the attributes the file has, then the surest name matches
 * for the rest: each field and each attribute used once, the best-scoring pairs first.
 */
export function autoMapping(attributes: string[], preset?: Preset): Mapping {
  const byLower = new Map(attributes.map((a) => [a.toLowerCase(), a]));
  const out: Mapping = {};
  const taken = new Set<string>();
  for (const field of PLOT_FIELD_NAMES) {
    const fromPreset = preset?.mapping[field];
    const hit = fromPreset && byLower.get(fromPreset.toLowerCase());
    if (hit && !taken.has(hit)) {
      out[field] = hit;
      taken.add(hit);
    }
  }
  const pairs: Array<[PlotField, string, number]> = [];
  for (const field of PLOT_FIELD_NAMES)
    for (const a of attributes) {
      const s = nameScore(a, field);
      if (s >= AUTO) pairs.push([field, a, s]);
    }
  pairs.sort((x, y) => y[2] - x[2] || PLOT_FIELD_NAMES.indexOf(x[0]) - PLOT_FIELD_NAMES.indexOf(y[0]));
  for (const [field, a] of pairs) {
    if (out[field] || taken.has(a)) continue;
    out[field] = a;
    taken.add(a);
  }
  return out;
}

/** Fields of the mapping that are plot fields and attributes that exist; 400-worthy problems listed. */
export function checkMapping(m: unknown, attributes: string[]): { mapping: Mapping; problems: string[] } {
  const problems: string[] = [];
  const mapping: Mapping = {};
  if (!m || typeof m !== 'object') return { mapping, problems: ['mapping must be an object'] };
  for (const [field, attr] of Object.entries(m as Record<string, unknown>)) {
    if (!(PLOT_FIELD_NAMES as string[]).includes(field)) problems.push(`unknown field ${field}`);
    else if (attr === null || attr === '') continue;
    else if (typeof attr !== 'string' || !attributes.includes(attr))
      problems.push(`unknown attribute ${String(attr)}`);
    else mapping[field as PlotField] = attr;
  }
  return { mapping, problems };
}
