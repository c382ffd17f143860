const HELSINKI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Helsinki (YYYY-MM-DD): a reminder falls due on the city's day, not UTC's. */
export const helsinkiDate = (d: Date): string => HELSINKI.format(d);
