/**
 * Taking a published plot off the map (back to draft, withdrawn) while open applications name it
 * is refused until the publisher confirms, with the projects and their cases in the refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { registerApplicant, roihupeltoPlot, MANY_LOGINS } from '../applications/helpers.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

let db: TestDb;
let server: Running;
let publisher: StaffClient;

interface Refusal {
  error: {
    code: string;
    value: unknown;
    confirm: string;
    applications: Array<{
      plot_id: number;
      project_id: number;
      project_name: string;
      organisation: string;
      submitted: boolean;
      cases: Array<{ id: number; permit: { fi: string; en: string }; stage: string }>;
    }>;
  };
  plot?: { status: string; version: number };
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  publisher = await signedIn(db, server.url, 'publisher');
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const version = async (id: number) =>
  (await publisher.json<{ plot: { version: number; status: string } }>('GET', `/api/staff/plots/${id}`)).body
    .plot;

/** A verified company's submitted project on the plot; returns the project and its case ids. */
async function submittedProject(plotId: number, organisation: string) {
  const c = await registerApplicant(db, server.url, organisation);
  const made = await c.json<{ project: { id: string; name: string; cases: Array<{ id: string }> } }>(
    'POST',
    '/api/applications/projects',
    { plotIds: [plotId], activity: 'warehouse-logistics', facts: { new_building: true } },
  );
  expect(made.status).toBe(201);
  const sent = await c.json('POST', `/api/applications/projects/${made.body.project.id}/submit`);
  expect(sent.status).toBe(200);
  return { client: c, project: made.body.project };
}

describe('open applications on a published plot', () => {
  it('withdraw and back-to-draft are refused naming the projects and cases, then go with the confirm flag', async () => {
    const plotId = await roihupeltoPlot(db, 0);
    const { project } = await submittedProject(plotId, 'Varasto Vahvistus Oy');

    for (const step of ['withdraw', 'draft']) {
      const res = await publisher.json<Refusal>('POST', `/api/staff/plots/${plotId}/${step}`, {
        version: (await version(plotId)).version,
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('open_applications');
      expect(res.body.error.value).toBe(plotId);
      expect(res.body.error.confirm).toBe('confirm_open_applications');
      const [a] = res.body.error.applications;
      expect(res.body.error.applications).toHaveLength(1);
      expect(a!.project_id).toBe(Number(project.id));
      expect(a!.project_name).toBe(project.name);
      expect(a!.organisation).toBe('Varasto Vahvistus Oy');
      expect(a!.submitted).toBe(true);
      expect(a!.cases.map((k) => k.id).sort()).toEqual(project.cases.map((k) => Number(k.id)).sort());
      expect(a!.cases.every((k) => k.stage === 'submitted' && k.permit.en.length > 0)).toBe(true);
      // Nothing changed: the plot is still on the public map.
      expect((await version(plotId)).status).toBe('published');
      expect((await fetch(`${server.url}/api/plots/${plotId}`)).status).toBe(200);
    }

    // A confirm flag that is not exactly true is no confirmation.
    const loose = await publisher.json<Refusal>('POST', `/api/staff/plots/${plotId}/withdraw`, {
      version: (await version(plotId)).version,
      confirm_open_applications: 'yes',
    });
    expect(loose.status).toBe(409);

    const ok = await publisher.json<Refusal>('POST', `/api/staff/plots/${plotId}/withdraw`, {
      version: (await version(plotId)).version,
      confirm_open_applications: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.plot!.status).toBe('withdrawn');
    // A withdrawn plot going back to draft touches nobody's map: no confirmation asked.
    const back = await publisher.json<Refusal>('POST', `/api/staff/plots/${plotId}/draft`, {
      version: (await version(plotId)).version,
    });
    expect(back.status).toBe(200);
    expect(back.body.plot!.status).toBe('draft');
  });

  it('bulk withdraw is refused for the whole selection, naming the plot with applications', async () => {
    const named = await roihupeltoPlot(db, 1);
    const free = await roihupeltoPlot(db, 2);
    await submittedProject(named, 'Bulkki Testi Oy');
    const res = await publisher.json<Refusal>('POST', '/api/staff/plots/bulk', {
      ids: [free, named],
      action: 'withdraw',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('open_applications');
    expect(res.body.error.applications.map((a) => a.plot_id)).toEqual([named]);
    expect((await version(free)).status).toBe('published');
    const ok = await publisher.json<{ updated: number }>('POST', '/api/staff/plots/bulk', {
      ids: [free, named],
      action: 'withdraw',
      confirm_open_applications: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.updated).toBe(2);
  });

  it('cases the applicant cancelled are not open: the plot is withdrawn without confirmation', async () => {
    const plotId = await roihupeltoPlot(db, 3);
    const { client, project } = await submittedProject(plotId, 'Peruttu Hanke Oy');
    const before = await publisher.json<Refusal>('POST', `/api/staff/plots/${plotId}/withdraw`, {
      version: (await version(plotId)).version,
    });
    expect(before.status).toBe(409);
    for (const k of project.cases)
      expect((await client.json('POST', `/api/applications/cases/${k.id}/cancel`, {})).status).toBe(200);
    const res = await publisher.json<Refusal>('POST', `/api/staff/plots/${plotId}/withdraw`, {
      version: (await version(plotId)).version,
    });
    expect(res.status).toBe(200);
    expect(res.body.plot!.status).toBe('withdrawn');
  });
});
