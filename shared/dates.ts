/**
 * Dates and times for people, in the chosen language and always in Helsinki time: the browser's or
 * server's own zone and locale would make the outbox, the timeline and the staff pages disagree.
 */
export type DateLang = 'fi' | 'sv' | 'en';

export const DATE_LOCALES: Record<DateLang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const TZ = 'Europe/Helsinki';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: DateLang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      DATE_LOCALES[lang],
      withTime
        ? { timeZone: TZ, dateStyle: 'short', timeStyle: 'short' }
        : { timeZone: TZ, dateStyle: 'short' },
    );
    cache.set(key, f);
  }
  return f;
}

const toDate = (value: Date | string | number): Date | null => {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** Date and clock time, e.g. fi "3.12.2026 klo 19.05"; an unreadable value comes back as it was. */
export function formatDateTime(value: Date | string | number, lang: DateLang): string {
  const d = toDate(value);
  return d ? formatter(lang, true).format(d) : String(value);
}

/** The date alone in Helsinki, e.g. fi "3.12.2026"; an unreadable value comes back as it was. */
export function formatDate(value: Date | string | number, lang: DateLang): string {
  const d = toDate(value);
  return d ? formatter(lang, false).format(d) : String(value);
}
