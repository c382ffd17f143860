/** Names the plot card shows for stored codes, in Finnish, Swedish and English. */
import { own } from '../../shared/own.ts';

export interface Names {
  name_fi: string;
  name_sv: string;
  name_en: string;
}

/** Zoning use designations (asemakaava) of business plots. */
export const USE_CODE_NAMES: Record<string, Names> = {
  K: {
    name_fi: 'Liike- ja toimistorakennusten korttelialue',
    name_sv: 'Kvartersområde för affärs- och kontorsbyggnader',
    name_en: 'Commercial and office buildings',
  },
  KL: {
    name_fi: 'Liikerakennusten korttelialue',
    name_sv: 'Kvartersområde för affärsbyggnader',
    name_en: 'Commercial buildings',
  },
  KM: {
    name_fi: 'Liikerakennusten korttelialue, jolle saa sijoittaa vähittäiskaupan suuryksikön',
    name_sv: 'Kvartersområde för affärsbyggnader där en stor detaljhandelsenhet får placeras',
    name_en: 'Commercial buildings, may include a large retail unit',
  },
  KT: {
    name_fi: 'Toimistorakennusten korttelialue',
    name_sv: 'Kvartersområde för kontorsbyggnader',
    name_en: 'Office buildings',
  },
  KTY: {
    name_fi: 'Toimitilarakennusten korttelialue',
    name_sv: 'Kvartersområde för verksamhetsbyggnader',
    name_en: 'Business premises',
  },
  T: {
    name_fi: 'Teollisuus- ja varastorakennusten korttelialue',
    name_sv: 'Kvartersområde för industri- och lagerbyggnader',
    name_en: 'Industrial and warehouse buildings',
  },
  TT: {
    name_fi: 'Teollisuusrakennusten korttelialue',
    name_sv: 'Kvartersområde för industribyggnader',
    name_en: 'Industrial buildings',
  },
  TV: {
    name_fi: 'Varastorakennusten korttelialue',
    name_sv: 'Kvartersområde för lagerbyggnader',
    name_en: 'Warehouse buildings',
  },
  TY: {
    name_fi: 'Teollisuusrakennusten korttelialue, jolla ympäristö asettaa toiminnalle erityisiä vaatimuksia',
    name_sv: 'Kvartersområde för industribyggnader där miljön ställer särskilda krav på verksamheten',
    name_en: 'Industrial buildings where the environment sets special requirements',
  },
  'T/kem': {
    name_fi:
      'Teollisuus- ja varastorakennusten korttelialue, jolle saa sijoittaa merkittävän vaarallisia kemikaaleja käsittelevän tai varastoivan laitoksen',
    name_sv:
      'Kvartersområde för industri- och lagerbyggnader där en anläggning som hanterar eller lagrar betydande mängder farliga kemikalier får placeras',
    name_en: 'Industry that may handle or store significant amounts of hazardous chemicals',
  },
  C: {
    name_fi: 'Keskustatoimintojen alue',
    name_sv: 'Område för centrumfunktioner',
    name_en: 'Central area',
  },
  P: {
    name_fi: 'Palvelurakennusten korttelialue',
    name_sv: 'Kvartersområde för servicebyggnader',
    name_en: 'Service buildings',
  },
  LTA: { name_fi: 'Tavaraterminaalialue', name_sv: 'Godsterminalområde', name_en: 'Freight terminal' },
};

// The urban-structure (YKR) zones by their published Finnish names; combined zones are written
// 'a/b' in the source and translated part by part.
export const ZONE_PARTS: Record<string, { sv: string; en: string }> = {
  'keskustan jalankulkuvyöhyke': { sv: 'centrums fotgängarzon', en: 'city-centre pedestrian zone' },
  'keskustan reunavyöhyke': { sv: 'centrums randzon', en: 'city-centre fringe zone' },
  'alakeskuksen jalankulkuvyöhyke': { sv: 'delcentrums fotgängarzon', en: 'sub-centre pedestrian zone' },
  'intensiivinen joukkoliikennevyöhyke': {
    sv: 'intensiv kollektivtrafikzon',
    en: 'intensive public transport zone',
  },
  joukkoliikennevyöhyke: { sv: 'kollektivtrafikzon', en: 'public transport zone' },
  autovyöhyke: { sv: 'bilzon', en: 'car-oriented zone' },
};

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/**
 * The transit zone in three languages, each capitalised, combined zones joined with ' / '.
 * Absent input gives null; a name not in the YKR list keeps its Finnish text in every language
 * (better than hiding what the data says).
 */
export function transitZoneNames(nameFi: string | null | undefined): Names | null {
  if (!nameFi) return null;
  const parts = nameFi.split('/').map((p) => p.trim().toLocaleLowerCase('fi'));
  const sv = parts.map((p) => own(ZONE_PARTS, p)?.sv ?? p);
  const en = parts.map((p) => own(ZONE_PARTS, p)?.en ?? p);
  return {
    name_fi: capitalise(parts.join(' / ')),
    name_sv: capitalise(sv.join(' / ')),
    name_en: capitalise(en.join(' / ')),
  };
}
