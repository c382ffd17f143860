import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { registerApplicant, roihupeltoPlot, MANY_LOGINS } from '../applications/helpers.ts';

// The public processing-time statistics against figures computed by hand from the events the
// test writes: median and p90 per permit type and department, groups under 5 left out.
let db: TestDb;
let server: Running;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface Group {
  permitType: string;
  departmentId: string;
  cases: number;
  medianDays: number;
  p90Days: number;
}

describe('processing-time statistics', () => {
  it('median and p90 per permit type, and no group under five cases', async () => {
    const a = await registerApplicant(db, server.url);
    const plot = await roihupeltoPlot(db);
    const projects: Array<{ cases: Array<{ id: string; permit: { code: string } }> }> = [];
    for (let i = 0; i < 5; i++) {
      const r = await a.json<{ project: (typeof projects)[number] }>('POST', '/api/applications/projects', {
        plotIds: [plot],
        activity: 'surface-treatment',
        facts: { new_building: true },
      });
      projects.push(r.body.project);
    }
    const [first, second] = [...new Set(projects[0]!.cases.map((c) => c.permit.code))];
    const days = [10, 20, 30, 40, 50];
    const write = async (caseId: string, d: number) => {
      await db.query(
        `INSERT INTO case_events (case_id, at, actor_role, actor_label, kind, from_stage, to_stage)
         VALUES ($1, now() - interval '100 days', 'applicant', 'x', 'stage', 'draft', 'submitted'),
                ($1, now() - interval '100 days' + make_interval(days => $2), 'handler', 'x', 'stage', 'in_processing', 'decision_given')`,
        [caseId, d],
      );
    };
    for (const [i, p] of projects.entries()) {
      await write(p.cases.find((c) => c.permit.code === first)!.id, days[i]!);
      // Only four of the second permit type: too few to publish.
      if (i < 4) await write(p.cases.find((c) => c.permit.code === second)!.id, days[i]!);
    }
    // A decision older than 12 months does not count.
    const res = await fetch(`${server.url}/api/statistics/processing-times`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: Group[]; minGroup: number; includesDemo: boolean };
    expect(body.minGroup).toBe(5);
    expect(body.includesDemo).toBe(false);
    const g = body.groups.find((x) => x.permitType === first);
    // percentile_cont over 10..50: median 30, p90 = 40 + 0.6 * 10 = 46.
    expect(g).toMatchObject({ cases: 5, medianDays: 30, p90Days: 46 });
    expect(body.groups.find((x) => x.permitType === second)).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/@|applicant/);

    await db.query(`UPDATE case_events SET at = at - interval '13 months' WHERE case_id = $1`, [
      projects[0]!.cases.find((c) => c.permit.code === first)!.id,
    ]);
    const later = (await (await fetch(`${server.url}/api/statistics/processing-times`)).json()) as {
      groups: Group[];
    };
    expect(later.groups.find((x) => x.permitType === first)).toBeUndefined();
  });
});
