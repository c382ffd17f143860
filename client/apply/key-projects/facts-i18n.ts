/** The new-project form's key-project figures in fi/sv/en, with the server's refusals of them. */
import type { Lang } from './i18n.ts';

const T = {
  sizeLegend: { fi: 'Hankkeen koko', sv: 'Projektets storlek', en: 'Size of the project' },
  sizeHint: {
    fi: 'Vapaaehtoisia. Suurelle hankkeelle nimetään avainasiakaspäällikkö, joka kokoaa kaikki luvat yhteen.',
    sv: 'Frivilliga. Ett stort projekt får en nyckelkundsansvarig som samlar alla tillstånd.',
    en: 'Optional. A large project gets a key customer manager who brings all its permits together.',
  },
  investmentLabel: {
    fi: 'Suunniteltu investointi (euroa)',
    sv: 'Planerad investering (euro)',
    en: 'Planned investment (EUR)',
  },
  investmentHint: {
    fi: 'Koko hankkeen arvio euroina, esimerkiksi 2 500 000.',
    sv: 'Uppskattning för hela projektet i euro, till exempel 2 500 000.',
    en: 'An estimate for the whole project in euros, for example 2 500 000.',
  },
  jobsLabel: { fi: 'Syntyvät työpaikat', sv: 'Nya arbetsplatser', en: 'Jobs created' },
  jobsHint: {
    fi: 'Uusien työpaikkojen määrä kokonaislukuna.',
    sv: 'Antalet nya arbetsplatser som ett heltal.',
    en: 'The number of new jobs, as a whole number.',
  },
  'err.invalid_investment': {
    fi: 'Anna investointi euroina lukuna 0:sta 1 000 000 000 000:een (annoit: {value}).',
    sv: 'Ange investeringen i euro som ett tal från 0 till 1 000 000 000 000 (du angav: {value}).',
    en: 'Give the investment in euros as a number from 0 to 1 000 000 000 000 (you gave: {value}).',
  },
  'err.invalid_jobs': {
    fi: 'Anna työpaikat kokonaislukuna 0:sta 1 000 000:een (annoit: {value}).',
    sv: 'Ange arbetsplatserna som ett heltal från 0 till 1 000 000 (du angav: {value}).',
    en: 'Give the jobs as a whole number from 0 to 1 000 000 (you gave: {value}).',
  },
} as const;

export type FactsKey = keyof typeof T;
/** The text of `k` in `lang`, {value} filled. */
export const ft = (lang: Lang, k: FactsKey, value = '') => T[k][lang].replace('{value}', value);
