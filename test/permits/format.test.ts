import { describe, expect, it } from 'vitest';
import { formatDayRange } from '../../client/src/permits/format.ts';

describe('formatDayRange', () => {
  it('writes a range whose ends round to the same weeks or months once', () => {
    // 103-108 days are 14.7-15.4 weeks: both 15 once rounded.
    expect(formatDayRange({ min: 103, max: 108 }, 'en')).toBe('about 15 weeks');
    expect(formatDayRange({ min: 103, max: 108 }, 'fi')).toBe('noin 15 viikkoa');
    expect(formatDayRange({ min: 103, max: 108 }, 'sv')).toBe('cirka 15 veckor');
    // 121-125 days, on the months side, are 3.98-4.1 months: 4 at both ends.
    expect(formatDayRange({ min: 121, max: 125 }, 'en')).toBe('about 4 months');
    expect(formatDayRange({ min: 121, max: 125 }, 'fi')).toBe('noin 4 kuukautta');
    expect(formatDayRange({ min: 121, max: 125 }, 'sv')).toBe('cirka 4 månader');
  });

  it('keeps real ranges and single days as they are', () => {
    expect(formatDayRange({ min: 28, max: 90 }, 'en')).toBe('about 4–13 weeks');
    expect(formatDayRange({ min: 60, max: 240 }, 'en')).toBe('about 2–8 months');
    expect(formatDayRange({ min: 14, max: 14 }, 'en')).toBe('14 d');
    expect(formatDayRange({ min: 14, max: 30 }, 'en')).toBe('14–30 days');
  });
});
