import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { useTestServer } from '../helpers/fixture.ts';
import { registerApplicant, roihupeltoPlot, MANY_LOGINS } from '../applications/helpers.ts';

// Every figure of Business Services' dashboard against the database read independently here:
// the test writes cases and events with known dates, then counts, sorts and interpolates itself.
const t = useTestServer(MANY_LOGINS);
const DAY = 86_400_000;

let admin: StaffClient;
let lead: StaffClient;
let manager: StaffClient;
let managerId = '';
interface Made {
  id: string;
  cases: Array<{ id: string; permit: { code: string } }>;
}
const made: Made[] = [];

interface Dashboard {
  scope: 'all' | 'own';
  keyProjects: number;
  byStage: Array<{ stage: string; projects: number }>;
  byArea: Array<{ subDistrict: number | null; businessArea: boolean; projects: number }>;
  processingTimes: {
    minGroup: number;
    groups: Array<{
      permitType: string;
      departmentId: string;
      cases: number;
      medianDays: number;
      p90Days: number;
    }>;
  };
  overdue: Array<{
    caseId: string;
    projectId: string;
    project: string;
    permitType: string;
    departmentId: string;
    daysOver: number;
  }>;
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  const at = p * (s.length - 1);
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}
const round1 = (x: number) => Math.round(x * 10) / 10;

const event = (caseId: string, daysAgo: number, to: string) =>
  t.db.query(
    `INSERT INTO case_events (case_id, at, actor_role, actor_label, kind, from_stage, to_stage)
     VALUES ($1, now() - make_interval(secs => $2), 'system', 'test', 'stage', NULL, $3)`,
    [caseId, daysAgo * 86_400, to],
  );
const setStage = (caseId: string, stage: string) =>
  t.db.query(`UPDATE cases SET stage = $2 WHERE id = $1`, [caseId, stage]);

beforeAll(async () => {
  const { db, url } = t;
  admin = await signedIn(db, url, 'admin');
  lead = await signedIn(db, url, 'key_account_manager');
  manager = await signedIn(db, url, 'key_account_manager');
  const ids = async (c: StaffClient) =>
    (await c.json<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;
  await admin.json('PUT', `/api/key-projects/admin/users/${await ids(lead)}`, { lead: true });
  managerId = await ids(manager);
  const applicant = await registerApplicant(db, url);
  const [other] = await db.query<{ id: string }>(
    `SELECT id::text FROM plots WHERE status = 'published' AND sub_district_number IS NOT NULL
       AND sub_district_number <> 456 AND use_code IN ('T', 'TT', 'TY', 'T/kem') ORDER BY id LIMIT 1`,
  );
  const plots = [0, 1, 2, 3, 4, 5].map((i) => roihupeltoPlot(db, i));
  for (const [i, plot] of plots.entries()) {
    const plotId = i === 5 && other ? Number(other.id) : await plot;
    const res = await applicant.json<{ project: Made }>('POST', '/api/applications/projects', {
      plotIds: [plotId],
      activity: 'surface-treatment',
      facts: { new_building: true },
      name: `Hanke ${i}`,
      keyProject: { jobs: 400 },
    });
    expect(res.status).toBe(201);
    made.push(res.body.project);
    if (i < 5)
      expect(
        (await applicant.req('POST', `/api/applications/projects/${res.body.project.id}/submit`)).status,
      ).toBe(200);
  }
  // Not a key project: never on the dashboard.
  await applicant.json('POST', '/api/applications/projects', {
    plotIds: [await roihupeltoPlot(db, 6)],
    activity: 'surface-treatment',
    facts: { new_building: true },
    name: 'Tavallinen',
  });
  const first = made[0]!.cases[0]!.permit.code;
  // The first permit type decided in 10..50 days in five projects: a published group.
  for (const [i, p] of made.slice(0, 5).entries()) {
    const c = p.cases.find((x) => x.permit.code === first)!;
    await event(c.id, 200, 'submitted');
    await event(c.id, 200 - (10 + 10 * i), 'decision_given');
    await setStage(c.id, i === 4 ? 'final' : 'decision_given');
  }
  // Open cases: in project 0 submitted 400 days ago (past any catalogue time), in project 1 two
  // days ago (not overdue), in project 2 a supplement request open for 300 days.
  const open = (p: Made) => p.cases.find((x) => x.permit.code !== first);
  if (open(made[0]!)) {
    await event(open(made[0]!)!.id, 400, 'submitted');
    await setStage(open(made[0]!)!.id, 'in_processing');
  }
  if (open(made[2]!)) {
    await event(open(made[2]!)!.id, 300, 'submitted');
    await setStage(open(made[2]!)!.id, 'supplement_requested');
  }
  // Project 3: every other case cancelled, so the decided one sets its stage.
  for (const c of made[3]!.cases) if (c.permit.code !== first) await setStage(c.id, 'cancelled');
  // Project 1 goes to the second manager; the rest stay where assignment put them.
  await db.query(`UPDATE key_projects SET manager_user_id = $2 WHERE project_id = $1`, [
    made[1]!.id,
    managerId,
  ]);
}, 120_000);

/** The dashboard as this test reads the database, for the projects `managerId` sees (all: null). */
async function expected(managerOnly: string | null) {
  const { db } = t;
  const projects = await db.query<{ id: string; sub: number | null; business: boolean | null }>(
    `SELECT k.project_id::text AS id, pl.sub_district_number::int AS sub, s.is_business_area AS business
     FROM key_projects k JOIN project_plots pp ON pp.project_id = k.project_id AND pp.position = 0
     LEFT JOIN plots pl ON pl.id = pp.plot_id LEFT JOIN sub_districts s ON s.number = pl.sub_district_number
     WHERE k.is_key AND ($1::bigint IS NULL OR k.manager_user_id = $1)`,
    [managerOnly],
  );
  const ids = new Set(projects.map((p) => p.id));
  const cases = await db.query<{
    id: string;
    project: string;
    name: string;
    stage: string;
    permit: string;
    dept: string;
    max: number;
    submitted: Date | string | null;
  }>(
    `SELECT c.id::text, c.project_id::text AS project, p.name, c.stage, c.permit_type_code AS permit,
       c.department_id AS dept, t.typical_days_max AS max, p.submitted_at AS submitted
     FROM cases c JOIN projects p ON p.id = c.project_id JOIN permit_types t ON t.code = c.permit_type_code`,
  );
  const events = await db.query<{ case: string; at: Date | string; to: string }>(
    `SELECT case_id::text AS case, at, to_stage AS to FROM case_events WHERE to_stage IS NOT NULL`,
  );
  const firstAt = (c: string, to: string[]) =>
    events
      .filter((e) => e.case === c && to.includes(e.to))
      .map((e) => new Date(e.at).getTime())
      .sort((a, b) => a - b)[0];
  const rank = [
    'draft',
    'submitted',
    'received',
    'in_processing',
    'supplement_requested',
    'decision_given',
    'appealed',
    'final',
  ];
  const byStage = new Map<string, number>();
  for (const id of ids) {
    const mine = cases.filter((c) => c.project === id).map((c) => c.stage);
    const alive = mine.filter((s) => s !== 'cancelled' && s !== 'lapsed');
    const s = alive.length
      ? alive.sort((a, b) => rank.indexOf(a) - rank.indexOf(b))[0]!
      : mine.includes('lapsed')
        ? 'lapsed'
        : mine.length
          ? 'cancelled'
          : 'draft';
    byStage.set(s, (byStage.get(s) ?? 0) + 1);
  }
  const byArea = new Map<string, number>();
  for (const p of projects)
    byArea.set(`${p.sub}:${p.business ?? false}`, (byArea.get(`${p.sub}:${p.business ?? false}`) ?? 0) + 1);
  const now = Date.now();
  const closed = ['draft', 'decision_given', 'final', 'appealed', 'cancelled', 'lapsed'];
  const overdue = cases
    .filter((c) => ids.has(c.project) && !closed.includes(c.stage))
    .map((c) => {
      const from = firstAt(c.id, ['submitted']) ?? (c.submitted ? new Date(c.submitted).getTime() : null);
      return { c, over: from === null ? null : Math.floor((now - from) / DAY) - c.max };
    })
    .filter((x) => x.over !== null && x.over > 0)
    .map(({ c, over }) => ({
      caseId: c.id,
      projectId: c.project,
      project: c.name,
      permitType: c.permit,
      departmentId: c.dept,
      daysOver: over!,
    }))
    .sort((a, b) => b.daysOver - a.daysOver || Number(a.caseId) - Number(b.caseId));
  // Processing time over every case, key project or not: the same public figures.
  const groups = new Map<string, number[]>();
  for (const c of cases) {
    const from = firstAt(c.id, ['submitted']);
    const to = firstAt(c.id, ['decision_given', 'final']);
    if (from === undefined || to === undefined || to < from || to < now - 365 * DAY) continue;
    const key = `${c.permit}|${c.dept}`;
    groups.set(key, [...(groups.get(key) ?? []), (to - from) / DAY]);
  }
  const published = [...groups]
    .filter(([, d]) => d.length >= 5)
    .map(([k, d]) => {
      const [permitType, departmentId] = k.split('|');
      return {
        permitType,
        departmentId,
        cases: d.length,
        medianDays: round1(percentile(d, 0.5)),
        p90Days: round1(percentile(d, 0.9)),
      };
    })
    .sort((a, b) => `${a.permitType}|${a.departmentId}`.localeCompare(`${b.permitType}|${b.departmentId}`));
  return {
    keyProjects: ids.size,
    byStage: Object.fromEntries(byStage),
    byArea: Object.fromEntries(byArea),
    overdue,
    groups: published,
  };
}

const asMaps = (d: Dashboard) => ({
  keyProjects: d.keyProjects,
  byStage: Object.fromEntries(d.byStage.map((s) => [s.stage, s.projects])),
  byArea: Object.fromEntries(d.byArea.map((a) => [`${a.subDistrict}:${a.businessArea}`, a.projects])),
  overdue: d.overdue.map(({ caseId, projectId, project, permitType, departmentId, daysOver }) => ({
    caseId,
    projectId,
    project,
    permitType,
    departmentId,
    daysOver,
  })),
  groups: d.processingTimes.groups.map(({ permitType, departmentId, cases, medianDays, p90Days }) => ({
    permitType,
    departmentId,
    cases,
    medianDays,
    p90Days,
  })),
});

describe('key project dashboard', () => {
  it("a lead's figures match the database: stages, areas, processing times and overdue cases", async () => {
    const res = await lead.json<Dashboard>('GET', '/api/key-projects/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('all');
    const want = await expected(null);
    expect(asMaps(res.body)).toEqual(want);
    // The figures the test set up are there, so the comparison is not of two empty lists.
    expect(want.keyProjects).toBe(6);
    expect(want.groups.find((g) => g.permitType === made[0]!.cases[0]!.permit.code)).toMatchObject({
      cases: 5,
      medianDays: 30,
      p90Days: 46,
    });
    expect(want.byStage.draft).toBe(1);
    expect(want.overdue.length).toBeGreaterThanOrEqual(1);
    expect(want.overdue[0]!.projectId).toBe(made[0]!.id);
    expect(Object.keys(want.byArea).length).toBeGreaterThanOrEqual(1);
  });

  it('a key customer manager sees their own projects only; an admin sees all', async () => {
    const own = await manager.json<Dashboard>('GET', '/api/key-projects/dashboard');
    expect(own.status).toBe(200);
    expect(own.body.scope).toBe('own');
    const want = await expected(managerId);
    expect(asMaps(own.body)).toEqual(want);
    expect(own.body.keyProjects).toBeGreaterThanOrEqual(1);
    expect(own.body.keyProjects).toBeLessThan(6);
    const all = await admin.json<Dashboard>('GET', '/api/key-projects/dashboard');
    expect(asMaps(all.body)).toEqual(await expected(null));
  });

  it('a case decided moves off the overdue list and its project on in the stages', async () => {
    const before = await lead.json<Dashboard>('GET', '/api/key-projects/dashboard');
    const top = before.body.overdue[0]!;
    await setStage(top.caseId, 'decision_given');
    const after = await lead.json<Dashboard>('GET', '/api/key-projects/dashboard');
    expect(after.body.overdue.map((o) => o.caseId)).not.toContain(top.caseId);
    expect(asMaps(after.body)).toEqual(await expected(null));
  });

  it('handlers, editors, applicants and visitors are refused', async () => {
    const handler = await signedIn(t.db, t.url, 'handler', { departmentId: 'building-control' });
    const editor = await signedIn(t.db, t.url, 'editor');
    for (const c of [handler, editor]) {
      const r = await c.json<{ error: { code: string } }>('GET', '/api/key-projects/dashboard');
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await fetch(`${t.url}/api/key-projects/dashboard`)).status).toBe(401);
  });
});
