import type { Text, UseCode } from '../catalogue.ts';

/** Building blocks of the reasons: three-language texts and the meaning of zoning codes. */

export const INDUSTRIAL: readonly string[] = ['T', 'TT', 'TY', 'T/kem'];

export const USE_CODE_TEXT: Record<UseCode, Text> = {
  K: {
    fi: 'liike- ja toimistorakennuksia',
    sv: 'affärs- och kontorsbyggnader',
    en: 'commercial and office buildings',
  },
  KL: { fi: 'liikerakennuksia', sv: 'affärsbyggnader', en: 'commercial buildings' },
  KM: {
    fi: 'liikerakennuksia, myös vähittäiskaupan suuryksikkö',
    sv: 'affärsbyggnader, även en stor detaljhandelsenhet',
    en: 'commercial buildings, incl. a large retail unit',
  },
  KT: { fi: 'toimistorakennuksia', sv: 'kontorsbyggnader', en: 'office buildings' },
  KTY: { fi: 'toimitilarakennuksia', sv: 'verksamhetsbyggnader', en: 'business premises' },
  T: {
    fi: 'teollisuus- ja varastorakennuksia',
    sv: 'industri- och lagerbyggnader',
    en: 'industrial and warehouse buildings',
  },
  TT: { fi: 'teollisuusrakennuksia', sv: 'industribyggnader', en: 'industrial buildings' },
  TV: { fi: 'varastorakennuksia', sv: 'lagerbyggnader', en: 'warehouse buildings' },
  TY: {
    fi: 'teollisuusrakennuksia, joille ympäristö asettaa erityisiä vaatimuksia',
    sv: 'industribyggnader där miljön ställer särskilda krav',
    en: 'industrial buildings where the environment sets special requirements',
  },
  'T/kem': {
    fi: 'teollisuutta, joka voi käsitellä tai varastoida merkittäviä määriä vaarallisia kemikaaleja',
    sv: 'industri som får hantera eller lagra betydande mängder farliga kemikalier',
    en: 'industry that may handle or store significant amounts of hazardous chemicals',
  },
  C: { fi: 'keskustatoimintoja', sv: 'centrumfunktioner', en: 'central-area functions' },
  P: { fi: 'palvelurakennuksia', sv: 'servicebyggnader', en: 'service buildings' },
  LTA: { fi: 'tavaraterminaalia', sv: 'en godsterminal', en: 'a freight terminal' },
};

export const t = (fi: string, sv: string, en: string): Text => ({ fi, sv, en });
export const zoning = (code: UseCode): Text => {
  const m = USE_CODE_TEXT[code];
  return t(`kaavamerkintä ${code} (${m.fi})`, `planbeteckning ${code} (${m.sv})`, `zoning ${code} (${m.en})`);
};
export const join = (a: Text, b: Text, sep = ': '): Text =>
  t(a.fi + sep + b.fi, a.sv + sep + b.sv, a.en + sep + b.en);
export const cap = (x: Text): Text => {
  const up = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return t(up(x.fi), up(x.sv), up(x.en));
};
