import { fill, isLang, type Lang } from '../../shared/i18n.ts';
import { rememberedLang } from '../src/i18n/remembered.ts';

/** The public statistics page's words in fi/sv/en. */
const T = {
  title: {
    fi: 'Tonttiluukku – lupien käsittelyajat',
    sv: 'Tonttiluukku – tillståndens handläggningstider',
    en: 'Tonttiluukku – permit processing times',
  },
  toMap: { fi: '← Karttaan', sv: '← Till kartan', en: '← To the map' },
  brand: { fi: 'Tonttiluukku', sv: 'Tonttiluukku', en: 'Tonttiluukku' },
  langNav: { fi: 'Kieli', sv: 'Språk', en: 'Language' },
  heading: {
    fi: 'Lupien käsittelyajat',
    sv: 'Tillståndens handläggningstider',
    en: 'Permit processing times',
  },
  intro: {
    fi: 'Toteutuneet käsittelyajat viimeisten {months} kuukauden ajalta: hakemuksen jättämisestä päätökseen, lupatyypeittäin ja toimialoittain, luettelon odotetun ajan rinnalla.',
    sv: 'Uppmätta handläggningstider för de senaste {months} månaderna: från inlämnad ansökan till beslut, per tillståndstyp och sektor, bredvid katalogens förväntade tid.',
    en: 'Measured processing times over the last {months} months: from submitting the application to the decision, per permit type and department, next to the catalogue’s expected time.',
  },
  explain: {
    fi: 'Mediaani: puolet asioista ratkaistiin nopeammin. 90 %: yhdeksän kymmenestä ratkaistiin nopeammin. Alle {n} asian ryhmiä ei näytetä, jotta yksittäistä hakijaa ei voi tunnistaa.',
    sv: 'Median: hälften av ärendena avgjordes snabbare. 90 %: nio av tio avgjordes snabbare. Grupper med färre än {n} ärenden visas inte, så att ingen enskild sökande kan kännas igen.',
    en: 'Median: half of the cases were decided faster. 90th percentile: nine in ten were decided faster. Groups of fewer than {n} cases are not shown, so that no single applicant can be recognised.',
  },
  caption: {
    fi: 'Käsittelyajat päivinä lupatyypeittäin ja toimialoittain',
    sv: 'Handläggningstider i dagar per tillståndstyp och sektor',
    en: 'Processing times in days per permit type and department',
  },
  demo: {
    fi: 'Esittelyaineisto: luvuissa on mukana demoasioita, eivät todellisia hakemuksia.',
    sv: 'Demodata: siffrorna innehåller demoärenden, inte verkliga ansökningar.',
    en: 'Demo data: the figures include demo cases, not real applications.',
  },
  loading: { fi: 'Ladataan…', sv: 'Laddar…', en: 'Loading…' },
  failed: {
    fi: 'Tilastoja ei saatu ladattua. Yritä myöhemmin uudelleen.',
    sv: 'Statistiken kunde inte laddas. Försök igen senare.',
    en: 'The statistics could not be loaded. Please try again later.',
  },
} as const;

export type StatsKey = keyof typeof T;
export const st = (lang: Lang, k: StatsKey, vars?: Record<string, string | number>) => fill(T[k][lang], vars);

/** ?lang= first, then the language chosen on any page last time, then Finnish. */
export function initialLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  if (isLang(q)) return q;
  const saved = rememberedLang();
  return isLang(saved) ? saved : 'fi';
}
