/** Every text the export files and fact sheets show, in Finnish, Swedish and English. */
import { own } from '../../shared/own.ts';

import type { Lang } from '../../shared/i18n.ts';
export { LANGS, type Lang } from '../../shared/i18n.ts';

type Texts = Record<Lang, string>;

/**
 * The data licences every exported file carries: the city's plot data and the urban-structure
 * zones (YKR) of SYKE and Statistics Finland, both CC BY 4.0 (data/SOURCES.md).
 */
export const LICENCES: readonly string[] = [
  'Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0',
  'YKR © SYKE ja TK 2021, CC BY 4.0',
];

export const TEXT = {
  title: {
    fi: 'Tonttiluukku: yritystontit',
    sv: 'Tonttiluukku: företagstomter',
    en: 'Tonttiluukku: business plots',
  },
  fileStem: { fi: 'tontit', sv: 'tomter', en: 'plots' },
  sheet: { fi: 'Tontit', sv: 'Tomter', en: 'Plots' },
  aboutSheet: { fi: 'Tietoja', sv: 'Om data', en: 'About' },
  demoNote: {
    fi: 'Esittelyaineisto: tontit on tuotettu ohjelmallisesti todellisten yritysalueiden sisälle, eivätkä ne ole kaupungin tontteja.',
    sv: 'Demodata: tomterna är genererade inom verkliga företagsområden och är inte stadens tomter.',
    en: 'Demo data: the plots are generated inside real business areas and are not the city’s plots.',
  },
  licencesHeading: { fi: 'Aineistojen lisenssit', sv: 'Datalicenser', en: 'Data licences' },
  crs: { fi: 'Koordinaattijärjestelmä', sv: 'Koordinatsystem', en: 'Coordinate reference system' },
  generated: { fi: 'Luotu', sv: 'Skapad', en: 'Generated' },
  filter: { fi: 'Rajaus', sv: 'Filter', en: 'Filter' },
  noFilter: { fi: 'ei rajausta', sv: 'inget filter', en: 'none' },
  count: { fi: 'Tontteja', sv: 'Tomter', en: 'Plots' },
  columns: { fi: 'Sarakkeet', sv: 'Kolumner', en: 'Columns' },
  yes: { fi: 'kyllä', sv: 'ja', en: 'yes' },
  no: { fi: 'ei', sv: 'nej', en: 'no' },
  geometry: { fi: 'Geometria (WKT)', sv: 'Geometri (WKT)', en: 'Geometry (WKT)' },
} satisfies Record<string, Texts>;

/** Labels of coded values, by column key then code. */
export const VALUE_LABELS: Record<string, Record<string, Texts>> = {
  use_class: {
    commercial: { fi: 'liike', sv: 'affär', en: 'commercial' },
    office: { fi: 'toimisto', sv: 'kontor', en: 'office' },
    industrial: { fi: 'teollisuus', sv: 'industri', en: 'industrial' },
  },
  availability: {
    available: { fi: 'vapaa', sv: 'ledig', en: 'available' },
    draw: { fi: 'haussa', sv: 'i utlysning', en: 'in a draw' },
    reserved: { fi: 'varattu', sv: 'reserverad', en: 'reserved' },
    leased: { fi: 'vuokrattu/myyty', sv: 'utarrenderad/såld', en: 'leased/sold' },
    coming: { fi: 'tulossa', sv: 'kommande', en: 'coming' },
  },
  tenure: {
    lease: { fi: 'vuokra', sv: 'arrende', en: 'lease' },
    sale: { fi: 'myynti', sv: 'försäljning', en: 'sale' },
  },
  allocation_method: {
    lease: { fi: 'vuokraus', sv: 'utarrendering', en: 'lease' },
    sale: { fi: 'myynti', sv: 'försäljning', en: 'sale' },
    draw: { fi: 'julkinen haku', sv: 'offentlig utlysning', en: 'public draw' },
    competition: { fi: 'kilpailu', sv: 'tävling', en: 'competition' },
    direct: { fi: 'suoravaraus', sv: 'direktreservering', en: 'direct reservation' },
  },
  plan_state: {
    valid: { fi: 'voimassa', sv: 'gällande', en: 'valid' },
    pending: { fi: 'vireillä', sv: 'anhängig', en: 'pending' },
  },
  use_code: {
    K: {
      fi: 'liike- ja toimistorakennukset',
      sv: 'affärs- och kontorsbyggnader',
      en: 'commercial and office buildings',
    },
    KL: { fi: 'liikerakennukset', sv: 'affärsbyggnader', en: 'commercial buildings' },
    KM: {
      fi: 'liikerakennukset, suuryksikkö sallittu',
      sv: 'affärsbyggnader, stor detaljhandelsenhet tillåten',
      en: 'commercial buildings, large retail unit allowed',
    },
    KT: { fi: 'toimistorakennukset', sv: 'kontorsbyggnader', en: 'office buildings' },
    KTY: { fi: 'toimitilarakennukset', sv: 'verksamhetsbyggnader', en: 'business premises' },
    T: {
      fi: 'teollisuus- ja varastorakennukset',
      sv: 'industri- och lagerbyggnader',
      en: 'industrial and warehouse buildings',
    },
    TT: { fi: 'teollisuusrakennukset', sv: 'industribyggnader', en: 'industrial buildings' },
    TV: { fi: 'varastorakennukset', sv: 'lagerbyggnader', en: 'warehouse buildings' },
    TY: {
      fi: 'teollisuusrakennukset, ympäristö asettaa erityisvaatimuksia',
      sv: 'industribyggnader med särskilda miljökrav',
      en: 'industrial buildings with special environmental requirements',
    },
    'T/kem': {
      fi: 'teollisuus, merkittävä vaarallisten kemikaalien käsittely',
      sv: 'industri med betydande hantering av farliga kemikalier',
      en: 'industry handling significant amounts of hazardous chemicals',
    },
    C: { fi: 'keskustatoimintojen alue', sv: 'område för centrumfunktioner', en: 'central area' },
    P: { fi: 'palvelurakennukset', sv: 'servicebyggnader', en: 'service buildings' },
    LTA: { fi: 'tavaraterminaali', sv: 'godsterminal', en: 'freight terminal' },
  },
};

/** The label of a coded value in `lang`; the code itself when it has no label. */
export function valueLabel(column: string, code: string, lang: Lang): string {
  const labels = own(VALUE_LABELS, column);
  return (labels && own(labels, code)?.[lang]) ?? code;
}

/** The multi-line notice (demo note, licences) used where a format carries free text. */
export function noticeText(lang: Lang, demo: boolean): string {
  const lines = [TEXT.title[lang]];
  if (demo) lines.push(TEXT.demoNote[lang]);
  lines.push(`${TEXT.licencesHeading[lang]}: ${LICENCES.join('; ')}`);
  return lines.join('\n');
}
