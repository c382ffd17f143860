import { fill } from '../../../shared/i18n.ts';
import type { Lang } from './i18n.ts';

/** Business Services' dashboard's words in fi/sv/en. */
const T = {
  views: { fi: 'Avainhankenäkymät', sv: 'Vyer för nyckelprojekt', en: 'Key project views' },
  list: { fi: 'Hankkeet', sv: 'Projekt', en: 'Projects' },
  dashboard: { fi: 'Koontinäkymä', sv: 'Översikt', en: 'Dashboard' },
  scopeAll: {
    fi: 'Kaikki avainhankkeet: {n}',
    sv: 'Alla nyckelprojekt: {n}',
    en: 'All key projects: {n}',
  },
  scopeOwn: {
    fi: 'Omat avainhankkeesi: {n}',
    sv: 'Dina nyckelprojekt: {n}',
    en: 'Your key projects: {n}',
  },
  demo: {
    fi: 'Luvuissa on mukana esittelyaineistoa (demo).',
    sv: 'Siffrorna innehåller demodata.',
    en: 'The figures include demo data.',
  },
  loading: { fi: 'Ladataan…', sv: 'Laddar…', en: 'Loading…' },
  failed: {
    fi: 'Koontinäkymää ei saatu ladattua.',
    sv: 'Översikten kunde inte laddas.',
    en: 'The dashboard could not be loaded.',
  },
  byStage: { fi: 'Avainhankkeet vaiheittain', sv: 'Nyckelprojekt per skede', en: 'Key projects by stage' },
  byArea: {
    fi: 'Avainhankkeet alueittain (ensimmäinen tontti)',
    sv: 'Nyckelprojekt per område (första tomten)',
    en: 'Key projects by business area (first plot)',
  },
  stage: { fi: 'Vaihe', sv: 'Skede', en: 'Stage' },
  area: { fi: 'Alue', sv: 'Område', en: 'Area' },
  unknownArea: { fi: 'tuntematon alue', sv: 'okänt område', en: 'unknown area' },
  businessArea: { fi: 'yritysalue', sv: 'företagsområde', en: 'business area' },
  projects: { fi: 'Hankkeita', sv: 'Projekt', en: 'Projects' },
  times: {
    fi: 'Käsittelyajat 12 kk: mediaani ja 90 % lupatyypeittäin ja toimialoittain',
    sv: 'Handläggningstider 12 mån: median och 90 % per tillståndstyp och sektor',
    en: 'Processing times, 12 months: median and 90th percentile per permit type and department',
  },
  timesNote: {
    fi: 'Jättämisestä päätökseen. Alle {n} asian ryhmät jätetään pois.',
    sv: 'Från inlämning till beslut. Grupper med färre än {n} ärenden visas inte.',
    en: 'From submission to decision. Groups of fewer than {n} cases are left out.',
  },
  overdue: {
    fi: 'Avoimet asiat, jotka ovat ylittäneet odotetun ajan',
    sv: 'Öppna ärenden som har överskridit den förväntade tiden',
    en: 'Open cases past their expected time',
  },
  noOverdue: {
    fi: 'Yksikään avoin asia ei ole ylittänyt odotettua aikaa.',
    sv: 'Inget öppet ärende har överskridit den förväntade tiden.',
    en: 'No open case is past its expected time.',
  },
  project: { fi: 'Hanke', sv: 'Projekt', en: 'Project' },
  submitted: { fi: 'Jätetty', sv: 'Inlämnat', en: 'Submitted' },
  daysOpen: { fi: 'Avoinna (pv)', sv: 'Öppet (d)', en: 'Open (days)' },
  daysOver: { fi: 'Yli odotetun (pv)', sv: 'Över förväntat (d)', en: 'Over expected (days)' },
} as const;

export type DashKey = keyof typeof T;
export const dt = (lang: Lang, k: DashKey, vars?: Record<string, string | number>) => fill(T[k][lang], vars);
