/**
 * Attribute mapping: which source attribute fills which plot field. Presets for the city's
 * open WFS layers (DOMAIN.md) and for Tonttiluukku's own exports; otherwise matched by name.
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

/** Names (lower case) that mean a field, in Finnish, Swedish and English. */
const SYNONYMS: Partial<Record<PlotField, string[]>> = {
  property_id: [
    'property_id',
    'kiinteistotunnus',
    'kiinteistötunnus',
    'jhs_tunnus',
    'kiinteisto',
    'fastighetsbeteckning',
    'tunnus',
    'kaavayksikkotunnus',
  ],
  address: ['address', 'osoite', 'katuosoite', 'adress'],
  postal_code: ['postal_code', 'postinumero', 'postnummer', 'zip'],
  use_code: [
    'use_code',
    'kaytto',
    'kayttotark',
    'kayttotarkoitusmerkinta',
    'käyttötarkoitusmerkintä',
    'kayttotarkoitus',
    'käyttötarkoitus',
    'kaavamerkinta',
    'anvandning',
  ],
  building_right_kem2: [
    'building_right_kem2',
    'rakoikeus',
    'rak_oikeus',
    'building_right',
    'rakennusoikeus',
    'kem2',
    'byggratt',
    'byggrätt',
  ],
  plan_number: ['plan_number', 'kaavatunnus', 'kaavanumero', 'asemakaava', 'detaljplan'],
  plan_state: ['plan_state', 'kaavan_tila'],
  registered: ['registered', 'rekisteroity', 'rekisteröity'],
  availability: ['availability', 'saatavuus', 'tila', 'tillganglighet'],
  draw_ends_on: ['draw_ends_on', 'haku_paattyy', 'haku päättyy'],
  allocation_method: ['allocation_method', 'luovutustapa', 'overlatelse'],
  tenure: ['tenure', 'hallintamuoto', 'upplatelse'],
  sale_price_eur: ['sale_price_eur', 'hinta', 'myyntihinta', 'pris'],
  lease_basis_eur_kem2: ['lease_basis_eur_kem2', 'vuokraperuste', 'vuokran_perusteena_oleva_hinta'],
  build_obligation_years: ['build_obligation_years', 'rakentamisvelvoite'],
  earliest_construction_on: ['earliest_construction_on', 'rakentaminen_alkaen'],
  building_prohibition: ['building_prohibition', 'rakennuskielto'],
  plan_regulations_url: ['plan_regulations_url', 'kaavamaaraykset', 'url', 'linkki'],
  notes: ['notes', 'lisatiedot', 'lisätiedot', 'huomautus', 'anmarkning'],
};

/** The preset for a layer name or attribute set; undefined when none fits. */
export function findPreset(layer: string | undefined, attributes: string[]): Preset | undefined {
  const l = (layer ?? '').toLowerCase().replace(/^.*:/, '');
  const attrs = new Set(attributes.map((a) => a.toLowerCase()));
  return (
    PRESETS.find((p) => p.layers.includes(l)) ?? PRESETS.find((p) => p.signature.every((s) => attrs.has(s)))
  );
}

/** A preset's mapping restricted to the attributes the file has, plus name matches for the rest. */
export function autoMapping(attributes: string[], preset?: Preset): Mapping {
  const byLower = new Map(attributes.map((a) => [a.toLowerCase(), a]));
  const out: Mapping = {};
  for (const field of PLOT_FIELD_NAMES) {
    const fromPreset = preset?.mapping[field];
    const hit = fromPreset && byLower.get(fromPreset.toLowerCase());
    if (hit) {
      out[field] = hit;
      continue;
    }
    const syn = SYNONYMS[field]?.map((s) => byLower.get(s)).find(Boolean);
    if (syn && !Object.values(out).includes(syn)) out[field] = syn;
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
