/**
 * Timing of a permit path: which permits run in parallel, which wait for another, and how long
 * until the business can operate. Pure: durations in days, no dates.
 */

export interface DayRange {
  min: number; // days
  max: number; // days
}

export interface ScheduleInput {
  code: string;
  typical_days: DayRange;
  /** Codes of the same path decided before this one starts; unknown codes are ignored. */
  depends_on: readonly string[];
}

export interface Scheduled {
  code: string;
  /** Earliest start, days from now, when everything before it takes its shortest typical time. */
  starts_after_days: DayRange;
  /** Decision (or notice period over), days from now. */
  finishes_after_days: DayRange;
}

export interface Schedule {
  items: Scheduled[];
  /** Until the last permit is through: the earliest the business can operate, as far as permits go. */
  total_days_estimate: DayRange;
  /** The chain of permits that sets the total (on the longer, max estimate), first to last. */
  critical_path: string[];
}

/**
 * Schedules the permits: each starts when all its prerequisites finish. Returns the items in
 * start order (ties keep input order). Throws an Error on a dependency cycle (a catalogue bug).
 * An empty input gives an empty schedule with a zero total.
 */
export function schedulePath(input: readonly ScheduleInput[]): Schedule {
  const byCode = new Map(input.map((i) => [i.code, i]));
  const done = new Map<string, { start: DayRange; finish: DayRange; via: string | null }>();
  const visiting = new Set<string>();

  const visit = (code: string): { start: DayRange; finish: DayRange; via: string | null } => {
    const have = done.get(code);
    if (have) return have;
    if (visiting.has(code)) throw new Error(`permit dependency cycle at '${code}'`);
    visiting.add(code);
    const item = byCode.get(code)!;
    const start: DayRange = { min: 0, max: 0 };
    let via: string | null = null;
    for (const dep of item.depends_on) {
      if (!byCode.has(dep)) continue;
      const d = visit(dep);
      start.min = Math.max(start.min, d.finish.min);
      // The prerequisite finishing last (on the max estimate) is the one this permit waits for.
      if (via === null || d.finish.max > start.max) {
        start.max = d.finish.max;
        via = dep;
      }
    }
    const r = {
      start,
      finish: { min: start.min + item.typical_days.min, max: start.max + item.typical_days.max },
      via,
    };
    visiting.delete(code);
    done.set(code, r);
    return r;
  };

  const items = input.map((i, idx) => {
    const r = visit(i.code);
    return { idx, item: { code: i.code, starts_after_days: r.start, finishes_after_days: r.finish } };
  });
  items.sort((a, b) => a.item.starts_after_days.min - b.item.starts_after_days.min || a.idx - b.idx);

  const total: DayRange = { min: 0, max: 0 };
  let last: string | null = null;
  for (const { item } of items) {
    total.min = Math.max(total.min, item.finishes_after_days.min);
    if (last === null || item.finishes_after_days.max > total.max) {
      total.max = item.finishes_after_days.max;
      last = item.code;
    }
  }
  const critical: string[] = [];
  for (let c = last; c !== null; c = done.get(c)!.via) critical.unshift(c);
  return { items: items.map((i) => i.item), total_days_estimate: total, critical_path: critical };
}
