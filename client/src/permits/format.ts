import { msg } from './messages.ts';
import type { DayRange, Lang } from './types.ts';

const DAYS_PER_MONTH = 30.4;

/**
 * A day range as people say it: days up to six weeks, weeks up to four months, then months.
 * A single value ({n, n}, or both ends rounding to the same number of weeks or months) is
 * written once.
 */
export function formatDayRange(r: DayRange, lang: Lang): string {
  const nf = new Intl.NumberFormat(lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB');
  if (r.max <= 42) {
    if (r.min === r.max) return msg(lang, 'days', { n: nf.format(r.max) });
    return msg(lang, 'daysRange', { min: nf.format(r.min), max: nf.format(r.max) });
  }
  const weeks = r.max <= 120;
  const div = weeks ? 7 : DAYS_PER_MONTH;
  const min = Math.max(Math.round(r.min / div), r.min > 0 ? 1 : 0);
  const max = Math.max(Math.round(r.max / div), min);
  // 100-110 days rounds to 15 weeks at both ends: one value, not "15–15 weeks".
  if (min === max) return msg(lang, weeks ? 'weeks' : 'months', { n: nf.format(max) });
  return msg(lang, weeks ? 'weeksRange' : 'monthsRange', { min: nf.format(min), max: nf.format(max) });
}

/**
 * Where a permit's bar sits on a timeline as percentages of the longest estimate: from its
 * earliest start to its latest typical finish, with the part up to its earliest finish solid.
 * A zero-length total gives an empty bar at 0.
 */
export function timelineBar(
  p: { starts_after_days: number; finishes_after_days: DayRange },
  totalMaxDays: number,
): { left: number; width: number; solid: number } {
  if (totalMaxDays <= 0) return { left: 0, width: 0, solid: 0 };
  const pct = (d: number) => Math.min(100, Math.max(0, (d / totalMaxDays) * 100));
  const left = pct(p.starts_after_days);
  const width = pct(p.finishes_after_days.max) - left;
  const solid = width > 0 ? Math.min(100, ((pct(p.finishes_after_days.min) - left) / width) * 100) : 0;
  return { left, width, solid: Math.max(0, solid) };
}
