import { fill } from '../../../shared/i18n.ts';
import { MESSAGES, type Lang, type MessageKey } from './messages.ts';

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Translator and locale formatters for one language; absent values format as an en dash. */
export interface I18n {
  lang: Lang;
  locale: string;
  /** The text for a key with {placeholders} filled; an unknown key returns the key itself. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Same as t() for keys built at run time (e.g. 'availability_' + value). */
  tk(key: string, vars?: Record<string, string | number>): string;
  num(v: number | null | undefined, digits?: number): string;
  m2(v: number | null | undefined): string;
  kem2(v: number | null | undefined): string;
  eur(v: number | null | undefined): string;
  eurPerKem2(v: number | null | undefined): string;
  date(v: string | null | undefined): string;
  count(n: number): string;
}

const DASH = '–';
const cache = new Map<Lang, I18n>();

export function i18n(lang: Lang): I18n {
  const hit = cache.get(lang);
  if (hit) return hit;
  const locale = LOCALES[lang];
  const messages = MESSAGES[lang];
  const nf0 = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const nfs = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = nfs.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
      nfs.set(digits, f);
    }
    return f;
  };
  const eurF = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  });
  const df = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' });
  const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const api: I18n = {
    lang,
    locale,
    t: (key, vars) => fill(messages[key] ?? key, vars),
    tk: (key, vars) => fill((messages as Record<string, string>)[key] ?? key, vars),
    num: (v, digits = 0) => (ok(v) ? (digits ? nf(digits) : nf0).format(v) : DASH),
    m2: (v) => (ok(v) ? `${nf0.format(v)} m²` : DASH),
    kem2: (v) => (ok(v) ? `${nf0.format(v)} ${messages.unit_kem2}` : DASH),
    eur: (v) => (ok(v) ? eurF.format(v) : DASH),
    // Prices per k-m² keep the stored cents (a lease basis of 29.5 is not 30).
    eurPerKem2: (v) => (ok(v) ? `${nf(2).format(v)} ${messages.perKem2}` : DASH),
    date: (v) => {
      if (!v) return DASH;
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? DASH : df.format(d);
    },
    count: (n) => (n === 1 ? messages.plotsFoundOne : fill(messages.plotsFound, { n: nf0.format(n) })),
  };
  cache.set(lang, api);
  return api;
}
