import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { StaffClient, signedIn } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { handlerOf, registerApplicant, roihupeltoPlot, MANY_LOGINS } from '../applications/helpers.ts';

// Key projects: a project over a threshold gets a manager and a team of the responsible persons
// of its case departments; the manager sees every case, a team member their own department's;
// internal notes never reach the applicant.
let db: TestDb;
let server: Running;
let plot: number;
let admin: StaffClient;
let manager: StaffClient;

const idOf = async (c: StaffClient) =>
  (await c.json<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  plot = await roihupeltoPlot(db);
  admin = await signedIn(db, server.url, 'admin');
  manager = await signedIn(db, server.url, 'key_account_manager', { displayName: 'Avainasiakaspäällikkö 1' });
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface Workspace {
  part: string;
  cases: Array<{
    id: string;
    departmentId: string;
    stage: string;
    daysInStage: number;
    expectedRemainingDays: number;
  }>;
  team: Array<{ departmentId: string; userId: string | null }>;
  notes: Array<{ body: string }>;
}

async function newProject(c: StaffClient, keyProject?: Record<string, unknown>) {
  const res = await c.json<{
    project: { id: string; cases: Array<{ id: string; department: { id: string } }> };
  }>('POST', '/api/applications/projects', {
    plotIds: [plot],
    activity: 'surface-treatment',
    facts: { new_building: true },
    name: 'Tehdas',
    keyProject,
  });
  expect(res.status).toBe(201);
  return res.body.project;
}

describe('key projects', () => {
  it('a project under every threshold is not a key project', async () => {
    const a = await registerApplicant(db, server.url);
    const p = await newProject(a, { investmentEur: 1000, jobs: 2 });
    const v = await a.json<{ isKey: boolean; manager: unknown }>('GET', `/api/key-projects/mine/${p.id}`);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ isKey: false, manager: null });
    expect(
      (await manager.json<{ projects: unknown[] }>('GET', '/api/key-projects')).body.projects,
    ).toHaveLength(0);
  });

  it('bad key-project facts are refused before anything is stored', async () => {
    const a = await registerApplicant(db, server.url);
    const res = await a.json<{ error: { code: string; value: unknown } }>(
      'POST',
      '/api/applications/projects',
      {
        plotIds: [plot],
        activity: 'surface-treatment',
        facts: { new_building: true },
        keyProject: { jobs: 1.5 },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_jobs', value: 1.5 });
    expect(
      (await a.json<{ projects: unknown[] }>('GET', '/api/applications/projects')).body.projects,
    ).toHaveLength(0);
  });

  it('over the investment threshold: manager and team assigned, workspace scoped, notes internal', async () => {
    const a = await registerApplicant(db, server.url);
    const probe = await newProject(a);
    const depts = [...new Set(probe.cases.map((c) => c.department.id))];
    expect(depts.length).toBeGreaterThanOrEqual(2);
    // A responsible person in the first department, flagged by an admin; a plain handler in the second.
    const lead = await handlerOf(db, server.url, depts[0]!);
    const leadId = await idOf(lead);
    expect(
      (await admin.json('PUT', `/api/key-projects/admin/users/${leadId}`, { responsiblePerson: true }))
        .status,
    ).toBe(200);
    const other = await handlerOf(db, server.url, depts[1]!);

    const p = await newProject(a, { investmentEur: 25_000_000, jobs: 10 });
    const v = await a.json<{ isKey: boolean; reasons: string[]; manager: { name: string; email: string } }>(
      'GET',
      `/api/key-projects/mine/${p.id}`,
    );
    expect(v.body.isKey).toBe(true);
    expect(v.body.reasons).toEqual(['investment']);
    expect(v.body.manager).toMatchObject({ name: 'Avainasiakaspäällikkö 1' });

    const list = await manager.json<{ projects: Array<{ id: string }> }>('GET', '/api/key-projects');
    expect(list.body.projects.map((x) => x.id)).toEqual([p.id]);
    const ws = await manager.json<Workspace>('GET', `/api/key-projects/${p.id}`);
    expect(ws.status).toBe(200);
    expect(ws.body.part).toBe('manager');
    expect(new Set(ws.body.cases.map((c) => c.departmentId))).toEqual(new Set(depts));
    expect(ws.body.team.find((t) => t.departmentId === depts[0])?.userId).toBe(leadId);
    expect(ws.body.team.find((t) => t.departmentId === depts[1])?.userId).toBeNull();
    expect(ws.body.cases[0]).toMatchObject({ daysInStage: 0, stage: 'draft' });

    // The team member sees their department's cases only; a handler off the team sees nothing.
    const tw = await lead.json<Workspace>('GET', `/api/key-projects/${p.id}`);
    expect(tw.status).toBe(200);
    expect(tw.body.part).toBe('team');
    expect(new Set(tw.body.cases.map((c) => c.departmentId))).toEqual(new Set([depts[0]]));
    const off = await other.json<{ error: { code: string } }>('GET', `/api/key-projects/${p.id}`);
    expect(off.status).toBe(404);
    expect(off.body.error.code).toBe('key_project_not_found');

    const note = await lead.json('POST', `/api/key-projects/${p.id}/notes`, {
      body: 'Sisäinen: kaavamuutos vireillä',
    });
    expect(note.status).toBe(201);
    expect(
      (await manager.json<Workspace>('GET', `/api/key-projects/${p.id}`)).body.notes.map((n) => n.body),
    ).toEqual(['Sisäinen: kaavamuutos vireillä']);
    const [logged] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'key_project.note' AND target_id = $1`,
      [p.id],
    );
    expect(logged!.n).toBe(1);
    // Nowhere in what the applicant can read.
    for (const path of [`/api/key-projects/mine/${p.id}`, `/api/applications/projects/${p.id}`]) {
      const r = await a.req('GET', path);
      expect(r.status).toBe(200);
      expect(await r.text()).not.toContain('kaavamuutos');
    }
    expect((await a.req('GET', `/api/key-projects/${p.id}`)).status).toBe(403);
  });

  it('asking for a manager, or a Business Services flag, makes a key project', async () => {
    const a = await registerApplicant(db, server.url);
    const p = await newProject(a);
    const put = await a.json<{ isKey: boolean; reasons: string[] }>(
      'PUT',
      `/api/key-projects/mine/${p.id}/facts`,
      {
        requestManager: true,
      },
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ isKey: true, reasons: ['requested'] });
    const q = await newProject(a);
    const flag = await manager.json<{ isKey: boolean; reasons: string[] }>(
      'PUT',
      `/api/key-projects/${q.id}/flag`,
      {
        flagged: true,
      },
    );
    expect(flag.body).toMatchObject({ isKey: true, reasons: ['flagged'] });
  });

  it('admins set thresholds; a lower building-right threshold makes the plot a key project', async () => {
    const t = await admin.json<{ thresholds: { min_building_right_kem2: number } }>(
      'PUT',
      '/api/key-projects/admin/thresholds',
      { min_building_right_kem2: 1 },
    );
    expect(t.status).toBe(200);
    expect(t.body.thresholds.min_building_right_kem2).toBe(1);
    const bad = await admin.json<{ error: { code: string } }>('PUT', '/api/key-projects/admin/thresholds', {
      min_jobs: -3,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_threshold');
    const a = await registerApplicant(db, server.url);
    const p = await newProject(a);
    const v = await a.json<{ isKey: boolean; reasons: string[] }>('GET', `/api/key-projects/mine/${p.id}`);
    const [br] = await db.query<{ br: number | null }>(
      `SELECT building_right_kem2::float8 AS br FROM plots WHERE id = $1`,
      [plot],
    );
    expect(br!.br).toBeGreaterThanOrEqual(1);
    expect(v.body).toMatchObject({ isKey: true, reasons: ['building_right'] });
    await admin.json('PUT', '/api/key-projects/admin/thresholds', { min_building_right_kem2: 10000 });
  });
});
