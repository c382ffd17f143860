import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../server/db/index.ts';
import { createMeasuredTimes, measuredTimes } from '../../server/permits/measured.ts';
import { MANY_LOGINS, registerApplicant, roihupeltoPlot } from '../applications/helpers.ts';
import { useTestServer } from '../helpers/fixture.ts';

// The public permit plan times a permit type by its decisions of the last 12 months when there
// are at least five of them, and by the catalogue otherwise; each permit says which it used.
const app = useTestServer(MANY_LOGINS);

/** percentile_cont as PostgreSQL computes it: linear between the two nearest ranks. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo]! + (pos - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}

interface Permit {
  code: string;
  typical_days: { min: number; max: number };
  expected: {
    days: { min: number; max: number };
    source: 'measured' | 'catalogue';
    cases?: number;
    period_months?: number;
    median_days?: number;
    includes_demo?: boolean;
  };
  depends_on: string[];
  starts_after_days: number;
  finishes_after_days: { min: number; max: number };
}

describe('measured processing times in the permit plan', () => {
  it('five decisions time the permit by their median to p90; four leave the catalogue time', async () => {
    const a = await registerApplicant(app.db, app.url);
    const plot = await roihupeltoPlot(app.db);
    const body = { activity: 'surface-treatment', facts: { new_building: true } };
    const cases: Array<Array<{ id: string; permit: { code: string } }>> = [];
    for (let i = 0; i < 5; i++) {
      const r = await a.json<{ project: { cases: Array<{ id: string; permit: { code: string } }> } }>(
        'POST',
        '/api/applications/projects',
        { plotIds: [plot], ...body },
      );
      cases.push(r.body.project.cases);
    }
    const caseOf = (i: number, code: string) => cases[i]!.find((c) => c.permit.code === code)!.id;
    const decided = async (caseId: string, days: number) =>
      app.db.query(
        `INSERT INTO case_events (case_id, at, actor_role, actor_label, kind, from_stage, to_stage)
         VALUES ($1, now() - interval '200 days', 'applicant', 'x', 'stage', 'draft', 'submitted'),
                ($1, now() - interval '200 days' + make_interval(days => $2), 'handler', 'x', 'stage', 'in_processing', 'decision_given')`,
        [caseId, days],
      );
    const envDays = [12, 20, 33, 47, 90];
    for (const [i, d] of envDays.entries()) await decided(caseOf(i, 'environmental-permit'), d);
    // Two of the five went to another department: the figure is the permit type's over all its
    // decisions (median 33), not the mean of department medians (20 and 40).
    await app.db.query(`UPDATE cases SET department_id = 'avi' WHERE id = ANY($1::bigint[])`, [
      [caseOf(2, 'environmental-permit'), caseOf(3, 'environmental-permit')],
    ]);
    for (const [i, d] of [5, 6, 7, 8].entries()) await decided(caseOf(i, 'building-permit'), d);

    const res = await fetch(`${app.url}/api/plots/${plot}/permit-path`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const path = (await res.json()) as {
      permits: Permit[];
      total_days_estimate: { min: number; max: number };
    };
    const by = new Map(path.permits.map((p) => [p.code, p]));

    const env = by.get('environmental-permit')!;
    const median = percentile(envDays, 0.5);
    const p90 = percentile(envDays, 0.9);
    expect(env.expected).toEqual({
      days: { min: Math.round(median), max: Math.ceil(p90) },
      source: 'measured',
      cases: 5,
      period_months: 12,
      median_days: median,
      p90_days: Math.round(p90 * 10) / 10,
      includes_demo: false,
    });
    // The catalogue's figure is still told, and the schedule follows the measured one.
    expect(env.typical_days).toEqual({ min: 120, max: 365 });
    expect(env.finishes_after_days.min).toBe(env.starts_after_days + Math.round(median));
    expect(path.total_days_estimate.max).toBe(
      Math.max(...path.permits.map((p) => p.finishes_after_days.max)),
    );
    expect(path.total_days_estimate.max).toBeLessThan(365);

    const building = by.get('building-permit')!;
    expect(building.expected).toEqual({ days: building.typical_days, source: 'catalogue' });
    expect(building.typical_days).toEqual({ min: 30, max: 90 });

    // Demo cases among the measured ones are said to be demo data.
    await app.db.query(
      `UPDATE users SET email = 'measured-demo@demo.invalid' WHERE lower(email) = lower($1)`,
      [a.email],
    );
    const times = await measuredTimes(app.db);
    expect(times.get('environmental-permit')).toMatchObject({ cases: 5, includesDemo: true });
    expect(times.has('building-permit')).toBe(false);
  });

  it('reads the figures once per period, and again after it', async () => {
    let reads = 0;
    const q = {
      query: async () => {
        reads++;
        return [{ code: 'x', cases: 5, medianDays: 1, p90Days: 2, includesDemo: false }];
      },
    } as unknown as Queryable;
    let clock = 0;
    const current = createMeasuredTimes(q, 1000, () => clock);
    await Promise.all([current(), current()]);
    clock = 999;
    expect((await current()).get('x')?.cases).toBe(5);
    expect(reads).toBe(1);
    clock = 1000;
    await current();
    expect(reads).toBe(2);
  });
});
