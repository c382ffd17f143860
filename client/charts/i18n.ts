import { fill, type Lang } from '../../shared/i18n.ts';

/** The processing-time table's and charts' words in fi/sv/en (the dashboard and the public page). */
const T = {
  loadingChart: { fi: 'Ladataan kaaviota…', sv: 'Laddar diagrammet…', en: 'Loading the chart…' },
  noTimes: {
    fi: 'Yhdessäkään ryhmässä ei ole vielä tarpeeksi päätettyjä asioita.',
    sv: 'Ingen grupp har ännu tillräckligt många avgjorda ärenden.',
    en: 'No group has enough decided cases yet.',
  },
  permit: { fi: 'Lupa', sv: 'Tillstånd', en: 'Permit' },
  department: { fi: 'Toimiala', sv: 'Sektor', en: 'Department' },
  cases: { fi: 'Päätettyjä asioita', sv: 'Avgjorda ärenden', en: 'Decided cases' },
  median: { fi: 'Mediaani (pv)', sv: 'Median (d)', en: 'Median (days)' },
  p90: { fi: '90 % (pv)', sv: '90 % (d)', en: '90th percentile (days)' },
  expected: { fi: 'Odotettu (pv)', sv: 'Förväntat (d)', en: 'Expected (days)' },
  expectedMax: { fi: 'Odotettu enintään (pv)', sv: 'Förväntat högst (d)', en: 'Expected at most (days)' },
  days: { fi: 'päivää', sv: 'dagar', en: 'days' },
} as const;

export type ChartKey = keyof typeof T;
export const ct = (lang: Lang, k: ChartKey, vars?: Record<string, string | number>) => fill(T[k][lang], vars);
/** A figure as the language writes it (decimal comma in Finnish and Swedish). */
export const num = (lang: Lang, n: number) => n.toLocaleString(lang === 'en' ? 'en-GB' : `${lang}-FI`);
