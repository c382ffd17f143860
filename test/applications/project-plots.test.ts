import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import type { StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { registerApplicant, roihupeltoPlot, MANY_LOGINS } from './helpers.ts';

let db: TestDb;
let server: Running;
let roihupelto: number;
let indicative: number;

interface ProjectJson {
  id: string;
  name: string;
  plots: Array<{ propertyId: string }>;
  cases: Array<{ id: string; permit: { code: string }; stage: string; remainingDays: { max: number } }>;
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  roihupelto = await roihupeltoPlot(db);
  // An indicative (unregistered) plot needs plot division before any building permit.
  const [row] = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE status = 'published' AND NOT registered ORDER BY id LIMIT 1`,
  );
  indicative = Number(row!.id);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const codes = (p: ProjectJson) => p.cases.map((c) => c.permit.code).sort();
const propertyIds = async (...ids: number[]) =>
  (
    await db.query<{ property_id: string }>(`SELECT property_id FROM plots WHERE id = ANY($1) ORDER BY id`, [
      ids,
    ])
  ).map((r) => r.property_id);

async function draft(c: StaffClient, activity = 'warehouse-logistics'): Promise<ProjectJson> {
  const res = await c.json<{ project: ProjectJson }>('POST', '/api/applications/projects', {
    plotIds: [roihupelto],
    activity,
    facts: { new_building: true },
  });
  expect(res.status).toBe(201);
  return res.body.project;
}

const setPlots = (c: StaffClient, id: string, plotIds: unknown) =>
  c.json<{ project: ProjectJson; error?: { code: string; value: unknown } }>(
    'PUT',
    `/api/applications/projects/${id}/plots`,
    { plotIds },
  );

describe('changing the plots of a draft project', () => {
  it('adds a plot: the permits it needs join as draft cases, the name follows the plots', async () => {
    const c = await registerApplicant(db, server.url);
    const p = await draft(c);
    expect(codes(p)).not.toContain('plot-division');
    const res = await setPlots(c, p.id, [roihupelto, indicative]);
    expect(res.status).toBe(200);
    const after = res.body.project;
    expect(after.plots.map((x) => x.propertyId)).toEqual(
      await propertyIds(roihupelto, indicative).then((ids) =>
        roihupelto < indicative ? ids : ids.reverse(),
      ),
    );
    expect(codes(after)).toEqual([...codes(p), 'plot-division'].sort());
    expect(after.cases.every((x) => x.stage === 'draft')).toBe(true);
    // Cases that were already there are the same cases, not new ones.
    for (const old of p.cases)
      expect(after.cases.find((x) => x.permit.code === old.permit.code)!.id).toBe(old.id);
    for (const id of after.plots.map((x) => x.propertyId)) expect(after.name).toContain(id);
  });

  it('drops a plot: a permit no remaining plot needs leaves with its draft case', async () => {
    const c = await registerApplicant(db, server.url);
    // An activity with fixed facts (emissions): the stored facts are read back as they were.
    const p = await draft(c, 'surface-treatment');
    expect(codes(p)).toContain('environmental-permit');
    const two = (await setPlots(c, p.id, [roihupelto, indicative])).body.project;
    const division = two.cases.find((x) => x.permit.code === 'plot-division')!;
    const back = await setPlots(c, p.id, [roihupelto]);
    expect(back.status).toBe(200);
    expect(codes(back.body.project)).toEqual(codes(p));
    expect(await db.query(`SELECT 1 FROM cases WHERE id = $1`, [division.id])).toHaveLength(0);
  });

  it('keeps a name the applicant wrote', async () => {
    const c = await registerApplicant(db, server.url);
    const res = await c.json<{ project: ProjectJson }>('POST', '/api/applications/projects', {
      plotIds: [roihupelto],
      activity: 'warehouse-logistics',
      name: 'Varasto itään',
    });
    const after = await setPlots(c, res.body.project.id, [roihupelto, indicative]);
    expect(after.body.project.name).toBe('Varasto itään');
  });

  it('refuses once submitted, and for an unknown plot or an empty list, changing nothing', async () => {
    const c = await registerApplicant(db, server.url);
    const p = await draft(c);
    const before = await db.query(`SELECT plot_id FROM project_plots WHERE project_id = $1`, [p.id]);

    const unknown = await setPlots(c, p.id, [roihupelto, 999999999]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'plot_not_found' });
    const empty = await setPlots(c, p.id, []);
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'invalid_plots' });
    const hostile: Array<[unknown, string]> = [
      ['1; DROP TABLE plots; --', 'invalid_plots'],
      [[`${roihupelto}' OR '1'='1`], 'invalid_plot_id'],
      [[{}], 'invalid_plot_id'],
      [[1e30], 'invalid_plot_id'],
      [null, 'invalid_plots'],
      [Array.from({ length: 11 }, (_, i) => i + 1), 'invalid_plots'],
    ];
    for (const [plotIds, code] of hostile) {
      const res = await setPlots(c, p.id, plotIds);
      expect(res.status, JSON.stringify(plotIds)).toBe(400);
      expect(res.body.error?.code, JSON.stringify(plotIds)).toBe(code);
    }

    expect((await c.req('POST', `/api/applications/projects/${p.id}/submit`)).status).toBe(200);
    const late = await setPlots(c, p.id, [roihupelto, indicative]);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'already_submitted', value: p.id });
    expect(await db.query(`SELECT plot_id FROM project_plots WHERE project_id = $1`, [p.id])).toEqual(before);
    const [n] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE project_id = $1`, [
      p.id,
    ]);
    expect(n!.n).toBe(p.cases.length);
  });

  it('is the applicant own: another company gets 404', async () => {
    const a = await registerApplicant(db, server.url);
    const b = await registerApplicant(db, server.url);
    const p = await draft(a);
    const res = await setPlots(b, p.id, [roihupelto, indicative]);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'project_not_found' });
  });
});
