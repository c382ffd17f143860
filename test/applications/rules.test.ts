import { describe, expect, it } from 'vitest';
import { isBusinessId } from '../../server/applications/register.ts';
import { CLOSED, HANDLER_MOVES, STAGES, type Stage } from '../../server/applications/stages.ts';
import { remainingDays } from '../../server/applications/views.ts';
import type { CaseRow } from '../../server/applications/sql.ts';

describe('business ID (Y-tunnus) check digit', () => {
  it.each([
    ['0112038-9', true], // a real-format ID whose check digit is right
    ['2617416-4', true],
    ['1572860-0', true], // remainder 0 gives check digit 0
    ['0112038-8', false], // wrong check digit
    ['112038-9', false], // six digits
    ['01120389', false], // no dash
    ['0112038-X', false],
  ])('%s is %s', (id, ok) => {
    expect(isBusinessId(id)).toBe(ok);
  });
});

describe('stage graph', () => {
  it('lets no handler move a case out of a closed stage', () => {
    for (const s of CLOSED) expect(HANDLER_MOVES[s]).toEqual([]);
  });

  it('reaches a closed stage from every stage a handler can touch', () => {
    const reach = (from: Stage, seen = new Set<Stage>()): boolean => {
      if (CLOSED.has(from)) return true;
      seen.add(from);
      return HANDLER_MOVES[from].some((n) => !seen.has(n) && reach(n, seen));
    };
    for (const s of STAGES.filter((x) => x !== 'draft' && !CLOSED.has(x))) expect(reach(s), s).toBe(true);
  });

  it('goes back and forth between processing and a supplement request, as a case does while the applicant supplies what was asked', () => {
    expect(HANDLER_MOVES.in_processing).toContain('supplement_requested');
    expect(HANDLER_MOVES.supplement_requested).toContain('in_processing');
    expect(HANDLER_MOVES.decision_given).toEqual(expect.arrayContaining(['final', 'appealed']));
  });
});

describe('remaining time on the timeline', () => {
  const day = 86_400_000;
  const row = (stage: Stage, submittedDaysAgo: number | null) =>
    ({
      stage,
      submitted_at:
        submittedDaysAgo === null ? null : new Date(Date.UTC(2026, 0, 31) - submittedDaysAgo * day),
      finishes_after_days_min: 120,
      finishes_after_days_max: 365,
    }) as unknown as CaseRow;
  const now = Date.UTC(2026, 0, 31);

  it('is the whole estimate while a draft, less the days since submission after', () => {
    expect(remainingDays(row('draft', null), now)).toEqual({ min: 120, max: 365 });
    expect(remainingDays(row('in_processing', 100), now)).toEqual({ min: 20, max: 265 });
    expect(remainingDays(row('supplement_requested', 200), now)).toEqual({ min: 0, max: 165 });
  });

  it('is zero once decided or closed', () => {
    for (const s of ['decision_given', 'final', 'cancelled', 'lapsed'] as const)
      expect(remainingDays(row(s, 10), now)).toEqual({ min: 0, max: 0 });
  });
});
