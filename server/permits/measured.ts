import type { Queryable } from '../db/index.ts';
import { MIN_GROUP } from '../key-projects/stats.ts';
import type { DayRange } from './schedule.ts';

/** The window the measured figures look back over, in months (as the public statistics). */
export const MEASURED_MONTHS = 12;
/**
 * How long one reading of the measured figures serves permit paths. Decisions move them slowly,
 * and the plot data version does not change when a case is decided, so a short time bound keeps
 * them current without a query per permit path.
 */
export const MEASURED_TTL_MS = 5 * 60_000;

/** A permit type's decisions over the window, all departments together. */
export interface MeasuredTime {
  cases: number;
  medianDays: number;
  p90Days: number;
  /** Some of the cases are the demo applicant's. */
  includesDemo: boolean;
}

/**
 * Median and p90 days from submission to decision per permit type over the last 12 months, of
 * every decided case of the type whatever the department (not an average of department
 * medians), types with fewer than MIN_GROUP decisions left out. One grouped query.
 */
export async function measuredTimes(q: Queryable): Promise<Map<string, MeasuredTime>> {
  const rows = await q.query<{ code: string } & MeasuredTime>(
    `WITH per_case AS (
       SELECT c.permit_type_code, c.project_id,
         min(e.at) FILTER (WHERE e.to_stage = 'submitted') AS submitted_at,
         min(e.at) FILTER (WHERE e.to_stage IN ('decision_given', 'final')) AS decided_at
       FROM cases c JOIN case_events e ON e.case_id = c.id
       GROUP BY c.id, c.permit_type_code, c.project_id
     )
     SELECT x.permit_type_code AS code, count(*)::int AS cases,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.decided_at - x.submitted_at) / 86400)::float8 AS "medianDays",
       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM x.decided_at - x.submitted_at) / 86400)::float8 AS "p90Days",
       coalesce(bool_or(lower(u.email) LIKE '%@demo.invalid'), false) AS "includesDemo"
     FROM per_case x JOIN projects p ON p.id = x.project_id LEFT JOIN users u ON u.id = p.applicant_id
     WHERE x.decided_at >= now() - make_interval(months => $2) AND x.submitted_at IS NOT NULL
       AND x.decided_at >= x.submitted_at
     GROUP BY x.permit_type_code
     HAVING count(*) >= $1`,
    [MIN_GROUP, MEASURED_MONTHS],
  );
  return new Map(rows.map(({ code, ...m }) => [code, m]));
}

/**
 * The days a plan counts on from measured figures: the median (half the decisions came sooner)
 * to the 90th percentile (nine in ten came by then). The observed minimum would promise what one
 * lucky case got; the p90 is what an applicant can plan around. Whole days, the upper end rounded
 * up so the range never promises less than was measured.
 */
export function measuredRange(m: MeasuredTime): DayRange {
  const min = Math.round(m.medianDays);
  return { min, max: Math.max(min, Math.ceil(m.p90Days)) };
}

/**
 * The measured figures, read at most once per `ttlMs`; concurrent callers share one read, and a
 * failed read is not kept (the next caller tries again).
 */
export function createMeasuredTimes(q: Queryable, ttlMs = MEASURED_TTL_MS, now = () => Date.now()) {
  let cached: { at: number; value: Promise<Map<string, MeasuredTime>> } | null = null;
  return function current(): Promise<Map<string, MeasuredTime>> {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const entry = { at: now(), value: measuredTimes(q) };
    cached = entry;
    entry.value.catch(() => {
      if (cached === entry) cached = null;
    });
    return entry.value;
  };
}

export type MeasuredTimesSource = ReturnType<typeof createMeasuredTimes>;
