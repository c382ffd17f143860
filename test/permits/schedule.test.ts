import { describe, expect, it } from 'vitest';
import { schedulePath, type ScheduleInput } from '../../server/permits/schedule.ts';

const item = (code: string, min: number, max: number, depends_on: string[] = []): ScheduleInput => ({
  code,
  typical_days: { min, max },
  depends_on,
});

describe('permit path schedule', () => {
  it('nothing to do takes no time', () => {
    expect(schedulePath([])).toEqual({
      items: [],
      total_days_estimate: { min: 0, max: 0 },
      critical_path: [],
    });
  });

  it('a permit waiting for another starts when that one is decided', () => {
    const s = schedulePath([item('a', 10, 20), item('b', 5, 30, ['a'])]);
    const b = s.items.find((i) => i.code === 'b')!;
    expect(b.starts_after_days).toEqual({ min: 10, max: 20 });
    expect(b.finishes_after_days).toEqual({ min: 15, max: 50 });
    expect(s.total_days_estimate).toEqual({ min: 15, max: 50 });
    expect(s.critical_path).toEqual(['a', 'b']);
  });

  it('parallel permits: the longest one sets the total', () => {
    const s = schedulePath([item('short', 10, 20), item('long', 30, 40)]);
    expect(s.total_days_estimate).toEqual({ min: 30, max: 40 });
    expect(s.critical_path).toEqual(['long']);
    expect(s.items.every((i) => i.starts_after_days.min === 0)).toBe(true);
  });

  it('reservation, then a building permit and an environmental permit side by side', () => {
    const s = schedulePath([
      item('plot-reservation', 14, 60),
      item('building-permit', 30, 90, ['plot-reservation']),
      item('environmental-permit', 120, 365, ['plot-reservation']),
      item('chemicals-notification', 14, 30, ['plot-reservation']),
    ]);
    expect(s.total_days_estimate).toEqual({ min: 134, max: 425 });
    expect(s.critical_path).toEqual(['plot-reservation', 'environmental-permit']);
  });

  it('min and max estimates may be set by different permits', () => {
    const s = schedulePath([item('a', 0, 100), item('b', 50, 60)]);
    expect(s.total_days_estimate).toEqual({ min: 50, max: 100 });
    expect(s.critical_path).toEqual(['a']);
  });

  it('a permit waits for the slowest of several prerequisites', () => {
    const s = schedulePath([item('x', 10, 10), item('y', 40, 80), item('z', 5, 5, ['x', 'y'])]);
    expect(s.items.find((i) => i.code === 'z')!.starts_after_days).toEqual({ min: 40, max: 80 });
    expect(s.critical_path).toEqual(['y', 'z']);
  });

  it('items come in start order and prerequisites outside the path are ignored', () => {
    const s = schedulePath([item('late', 1, 1, ['early']), item('early', 7, 9, ['not-in-path'])]);
    expect(s.items.map((i) => i.code)).toEqual(['early', 'late']);
    expect(s.items[0]!.starts_after_days).toEqual({ min: 0, max: 0 });
  });

  it('a dependency cycle is reported, not looped over', () => {
    expect(() => schedulePath([item('a', 1, 1, ['b']), item('b', 1, 1, ['a'])])).toThrow(/cycle/);
  });
});
