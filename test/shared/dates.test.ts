import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../shared/dates.ts';

describe('dates for people', () => {
  // 15:05 UTC in December is 17:05 in Helsinki (UTC+2); 22:30 UTC on 1 July is already 2 July (UTC+3).
  const winter = '2026-12-03T15:05:00Z';
  const summerNight = new Date('2026-07-01T22:30:00Z');

  it('shows a UTC instant in Helsinki time in each language', () => {
    expect(formatDateTime(winter, 'fi')).toBe('3.12.2026 klo 17.05');
    expect(formatDateTime(winter, 'sv')).toBe('3.12.2026 17.05');
    expect(formatDateTime(winter, 'en')).toBe('03/12/2026, 17:05');
    expect(formatDateTime(summerNight, 'fi')).toBe('2.7.2026 klo 1.30');
  });

  it('takes the date in Helsinki, not in UTC', () => {
    expect(formatDate(summerNight, 'fi')).toBe('2.7.2026');
    expect(formatDate(summerNight, 'sv')).toBe('2.7.2026');
    expect(formatDate(summerNight, 'en')).toBe('02/07/2026');
  });

  it('returns an unreadable value as it was instead of "Invalid Date"', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});
