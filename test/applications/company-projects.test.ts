import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { StaffClient } from '../auth/client.ts';
import { freePort, signInThrough } from '../auth/oidc-flow.ts';
import { MANDATES_CLAIM, startTestProvider, type TestProvider } from '../auth/oidc-provider.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { businessId, openEvents, roihupeltoPlot } from './helpers.ts';

/** Resolves with what `p` gives within `ms`; rejects (failing the test) otherwise. */
const within = <T>(p: Promise<T>, ms = 5_000) =>
  Promise.race([
    p,
    new Promise<never>((_r, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)),
  ]);

// A project made while acting for a company belongs to the company: a colleague with a mandate
// for it sees and continues it, a person without one is told nothing exists, and every event
// keeps both the person and the company.
let db: TestDb;
let idp: TestProvider;
let app: Running;
let base = '';
const ACME = { businessId: businessId(4_567_003), name: 'Acme Oy' };
const OTHER = { businessId: businessId(5_678_004), name: 'Muu Ab' };

beforeAll(async () => {
  db = await openTestDb();
  const port = await freePort();
  idp = await startTestProvider({
    redirectUri: `http://127.0.0.1:${port}/auth/oidc/callback`,
    accounts: [
      { name: 'anna', email: 'anna@acme.example.org', companies: [ACME] },
      { name: 'bruno', email: 'bruno@acme.example.org', companies: [ACME, OTHER] },
      { name: 'carita', email: 'carita@muu.example.org', companies: [OTHER] },
    ],
  });
  app = await startTestServer(db, {
    port,
    oidcIssuer: idp.issuer,
    oidcClientId: idp.clientId,
    oidcClientSecret: idp.clientSecret,
    oidcRedirectUrl: `http://127.0.0.1:${port}/auth/oidc/callback`,
    oidcMandatesClaim: MANDATES_CLAIM,
  });
  // The address registered at the provider: the flow's cookie belongs to this origin.
  base = `http://127.0.0.1:${app.port}`;
});
afterAll(async () => {
  await app?.stop();
  await idp?.close();
  await db?.close();
});

/** Signs `name` in through the provider and acts for `company` (null: as themself). */
async function person(name: string, company: string | null): Promise<StaffClient & { userId: string }> {
  const s = await signInThrough(base, name);
  const c = new StaffClient(base) as StaffClient & { userId: string };
  c.cookie = s.jar.header(new URL(base));
  const me = await c.json<{ csrfToken: string; user: { id: string } }>('GET', '/api/auth/me');
  c.csrf = me.body.csrfToken;
  c.userId = me.body.user.id;
  expect((await c.req('POST', '/api/auth/company', { businessId: company })).status).toBe(200);
  return c;
}

type Project = {
  id: string;
  company: { businessId: string } | null;
  cases: Array<{ id: string; stage: string }>;
};

describe('projects owned by a company', () => {
  it('a colleague acting for the same company sees and continues it; others are refused', async () => {
    const anna = await person('anna', ACME.businessId);
    const plot = await roihupeltoPlot(db);
    const created = await anna.json<{ project: Project }>('POST', '/api/applications/projects', {
      plotIds: [plot],
      activity: 'surface-treatment',
      facts: { new_building: true },
    });
    expect(created.status).toBe(201);
    const project = created.body.project;
    expect(project.company).toMatchObject({ businessId: ACME.businessId });

    // Bruno acts for the same company: the project is in his list, and he continues it.
    const bruno = await person('bruno', ACME.businessId);
    const list = await bruno.json<{ projects: Project[] }>('GET', '/api/applications/projects');
    expect(list.body.projects.map((p) => p.id)).toContain(project.id);
    expect((await bruno.req('GET', `/api/applications/projects/${project.id}`)).status).toBe(200);
    expect((await bruno.req('GET', `/api/applications/cases/${project.cases[0]!.id}`)).status).toBe(200);
    const moved = await bruno.req('PUT', `/api/applications/projects/${project.id}/plots`, {
      plotIds: [plot, await roihupeltoPlot(db, 1)],
    });
    expect(moved.status).toBe(200);
    const f = new FormData();
    f.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')]), 'selvitys.pdf');
    const up = await fetch(`${base}/api/applications/projects/${project.id}/attachments`, {
      method: 'POST',
      headers: { cookie: bruno.cookie, 'x-csrf-token': bruno.csrf },
      body: f,
    });
    expect(up.status).toBe(201);
    const file = ((await up.json()) as { attachments: Array<{ id: string }> }).attachments[0]!.id;
    const submitted = await bruno.json<{ project: Project }>(
      'POST',
      `/api/applications/projects/${project.id}/submit`,
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.project.cases.every((c) => c.stage === 'submitted')).toBe(true);
    expect((await anna.req('GET', `/api/applications/attachments/${file}`)).status).toBe(200);

    // Every event keeps the person who acted and the company they acted for.
    const events = await db.query<{ actor_id: string; actor_business_id: string | null; kind: string }>(
      `SELECT e.actor_id::text, e.actor_business_id, e.kind FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.project_id = $1 ORDER BY e.id`,
      [project.id],
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.actor_business_id === ACME.businessId)).toBe(true);
    expect(events.filter((e) => e.kind === 'created').map((e) => e.actor_id)).toContain(anna.userId);
    expect(events.filter((e) => e.kind === 'stage').every((e) => e.actor_id === bruno.userId)).toBe(true);

    // Carita has no mandate for Acme: told nothing exists, as for any project not hers.
    const carita = await person('carita', OTHER.businessId);
    const refusals = [
      carita.req('GET', `/api/applications/projects/${project.id}`),
      carita.req('GET', `/api/applications/cases/${project.cases[0]!.id}`),
      carita.req('GET', `/api/applications/attachments/${file}`),
      carita.req('PUT', `/api/applications/projects/${project.id}/plots`, { plotIds: [plot] }),
    ];
    const codes = await Promise.all(
      (await Promise.all(refusals)).map(async (r) => [
        r.status,
        ((await r.json()) as { error: { code: string } }).error.code,
      ]),
    );
    expect(codes).toEqual([
      [404, 'project_not_found'],
      [404, 'case_not_found'],
      [404, 'attachment_not_found'],
      [404, 'project_not_found'],
    ]);
    const hers = await carita.json<{ projects: Project[] }>('GET', '/api/applications/projects');
    expect(hers.body.projects.map((p) => p.id)).not.toContain(project.id);

    // Bruno acting for his other company, or as himself, no longer sees Acme's project.
    expect((await bruno.req('POST', '/api/auth/company', { businessId: OTHER.businessId })).status).toBe(200);
    expect((await bruno.req('GET', `/api/applications/projects/${project.id}`)).status).toBe(404);
    expect((await bruno.req('POST', '/api/auth/company', { businessId: null })).status).toBe(200);
    expect((await bruno.req('GET', `/api/applications/projects/${project.id}`)).status).toBe(404);
    // The person who made it keeps it whichever company they act for.
    expect((await anna.req('POST', '/api/auth/company', { businessId: null })).status).toBe(200);
    expect((await anna.req('GET', `/api/applications/projects/${project.id}`)).status).toBe(200);
  });

  it("a switch to another company ends the live stream of the former company's project", async () => {
    const anna = await person('anna', ACME.businessId);
    const created = await anna.json<{ project: Project }>('POST', '/api/applications/projects', {
      plotIds: [await roihupeltoPlot(db, 3)],
      activity: 'surface-treatment',
      facts: { new_building: true },
    });
    const path = `/api/applications/projects/${created.body.project.id}/events`;
    const bruno = await person('bruno', ACME.businessId);
    const live = await openEvents(base, path, bruno.cookie);
    expect(live.status).toBe(200);
    // The same person in another browser, still acting for Acme.
    const elsewhere = await person('bruno', ACME.businessId);
    const own = await openEvents(base, path, elsewhere.cookie);
    expect((await bruno.req('POST', '/api/auth/company', { businessId: OTHER.businessId })).status).toBe(200);
    await expect(within(live.ended)).resolves.toBe('ended');
    expect(live.events.at(-1)).toMatchObject({ event: 'end' });
    // What the browser's reconnect meets: Muu Ab's person may not follow Acme's project.
    const again = await openEvents(base, path, bruno.cookie);
    expect(again.status).toBe(404);
    // Checked in the same pass as the ended one: the other session's stream stays open.
    expect(own.events.some((e) => e.event === 'end')).toBe(false);
    own.close();
    live.close();
  });

  it("a project made as oneself stays the person's own", async () => {
    const anna = await person('anna', null);
    const created = await anna.json<{ project: Project }>('POST', '/api/applications/projects', {
      plotIds: [await roihupeltoPlot(db, 2)],
      activity: 'surface-treatment',
      facts: { new_building: true },
    });
    expect(created.body.project.company).toBeNull();
    const bruno = await person('bruno', ACME.businessId);
    expect((await bruno.req('GET', `/api/applications/projects/${created.body.project.id}`)).status).toBe(
      404,
    );
    const [e] = await db.query<{ actor_business_id: string | null }>(
      `SELECT e.actor_business_id FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.project_id = $1`,
      [created.body.project.id],
    );
    expect(e?.actor_business_id).toBeNull();
  });
});
