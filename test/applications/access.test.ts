import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { StaffClient, signedIn } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { handlerOf, registerApplicant, roihupeltoPlot, MANY_LOGINS } from './helpers.ts';

// Every applications route against every kind of user: who gets through, and who is told
// nothing exists. A 4xx other than 401/403/404 means the request passed the access check and
// failed on its (deliberately harmless) content, so no test here changes state.
let db: TestDb;
let server: Running;
const who: Record<string, StaffClient> = {};
let project = '';
let plot = 0;
let envCase = '';
let caseFile = '';
let applicantA = '';

const ROLES = ['anonymous', 'applicantA', 'applicantB', 'handlerX', 'handlerY', 'editor', 'admin'] as const;
type R = (typeof ROLES)[number];

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  who.anonymous = new StaffClient(server.url);
  who.applicantA = await registerApplicant(db, server.url, 'A Oy');
  who.applicantB = await registerApplicant(db, server.url, 'B Oy');
  who.handlerX = await handlerOf(db, server.url, 'environmental-services');
  who.handlerY = await handlerOf(db, server.url, 'building-control');
  who.editor = await signedIn(db, server.url, 'editor');
  who.admin = await signedIn(db, server.url, 'admin');
  const a = who.applicantA;
  const created = await a.json<{
    project: { id: string; cases: Array<{ id: string; permit: { code: string } }> };
  }>('POST', '/api/applications/projects', {
    plotIds: [(plot = await roihupeltoPlot(db))],
    activity: 'surface-treatment',
    facts: { new_building: true },
  });
  project = created.body.project.id;
  envCase = created.body.project.cases.find((c) => c.permit.code === 'environmental-permit')!.id;
  await a.json('POST', `/api/applications/projects/${project}/submit`);
  const f = new FormData();
  f.append('caseId', envCase);
  f.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')]), 'selvitys.pdf');
  const up = await fetch(`${server.url}/api/applications/projects/${project}/attachments`, {
    method: 'POST',
    headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
    body: f,
  });
  caseFile = ((await up.json()) as { attachments: Array<{ id: string }> }).attachments[0]!.id;
  applicantA = (await a.json<{ user: { id: string } }>('GET', '/api/applications/me')).body.user.id;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

type Route = { name: string; send: (c: StaffClient) => Promise<Response>; expect: Record<R, number> };

const multipartEmpty = (c: StaffClient, path: string) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { ...(c.cookie ? { cookie: c.cookie } : {}), 'x-csrf-token': c.csrf },
    body: new FormData(),
  });

//                                anon  A    B    hX   hY   editor admin
const row = (...s: number[]) => Object.fromEntries(ROLES.map((r, i) => [r, s[i]!])) as Record<R, number>;

const routes = (): Route[] => [
  {
    name: 'GET /me',
    send: (c) => c.req('GET', '/api/applications/me'),
    expect: row(401, 200, 200, 200, 200, 403, 403),
  },
  {
    name: 'GET /projects',
    send: (c) => c.req('GET', '/api/applications/projects'),
    expect: row(401, 200, 200, 403, 403, 403, 403),
  },
  {
    name: 'POST /projects (unknown activity)',
    send: (c) => c.req('POST', '/api/applications/projects', { plotIds: [1], activity: 'x' }),
    expect: row(401, 400, 400, 403, 403, 403, 403),
  },
  {
    name: 'GET /projects/:id',
    send: (c) => c.req('GET', `/api/applications/projects/${project}`),
    expect: row(401, 200, 404, 403, 403, 403, 403),
  },
  {
    name: 'POST /projects/:id/submit (again)',
    send: (c) => c.req('POST', `/api/applications/projects/${project}/submit`),
    expect: row(401, 409, 404, 403, 403, 403, 403),
  },
  {
    name: 'PUT /projects/:id/plots (submitted)',
    send: (c) => c.req('PUT', `/api/applications/projects/${project}/plots`, { plotIds: [plot] }),
    expect: row(401, 409, 404, 403, 403, 403, 403),
  },
  {
    name: 'POST /projects/:id/attachments (no file)',
    send: (c) => multipartEmpty(c, `/api/applications/projects/${project}/attachments`),
    expect: row(401, 400, 404, 403, 403, 403, 403),
  },
  {
    name: 'GET /projects/:id/events',
    send: (c) => c.req('GET', `/api/applications/projects/${project}/events`),
    expect: row(401, 200, 404, 403, 403, 403, 403),
  },
  {
    name: 'GET /inbox',
    send: (c) => c.req('GET', '/api/applications/inbox'),
    expect: row(401, 403, 403, 200, 200, 403, 403),
  },
  {
    name: 'GET /inbox/events',
    send: (c) => c.req('GET', '/api/applications/inbox/events'),
    expect: row(401, 403, 403, 200, 200, 403, 403),
  },
  {
    name: 'GET /cases/:id',
    send: (c) => c.req('GET', `/api/applications/cases/${envCase}`),
    expect: row(401, 200, 404, 200, 404, 403, 403),
  },
  {
    name: 'POST /cases/:id/stage (unknown stage)',
    send: (c) => c.req('POST', `/api/applications/cases/${envCase}/stage`, { to: 'nowhere' }),
    expect: row(401, 403, 403, 400, 404, 403, 403),
  },
  {
    name: 'POST /cases/:id/cancel (bad message)',
    send: (c) => c.req('POST', `/api/applications/cases/${envCase}/cancel`, { message: 5 }),
    expect: row(401, 400, 404, 403, 403, 403, 403),
  },
  {
    name: 'POST /cases/:id/reply (nothing requested)',
    send: (c) => multipartEmpty(c, `/api/applications/cases/${envCase}/reply`),
    expect: row(401, 409, 404, 403, 403, 403, 403),
  },
  {
    name: 'GET /attachments/:id (case file)',
    send: (c) => c.req('GET', `/api/applications/attachments/${caseFile}`),
    expect: row(401, 200, 404, 200, 404, 403, 403),
  },
  {
    name: 'GET /admin/applicants',
    send: (c) => c.req('GET', '/api/applications/admin/applicants'),
    expect: row(401, 403, 403, 403, 403, 403, 200),
  },
  {
    name: 'GET /admin/applicants/:id/export',
    send: (c) => c.req('GET', `/api/applications/admin/applicants/${applicantA}/export`),
    expect: row(401, 403, 403, 403, 403, 403, 200),
  },
  {
    name: 'DELETE /admin/applicants/:id (none)',
    send: (c) => c.req('DELETE', '/api/applications/admin/applicants/999999999'),
    expect: row(401, 403, 403, 403, 403, 403, 404),
  },
];

describe('access matrix of applications routes x roles', () => {
  it('answers every route for every role as the table says', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const r of routes())
      for (const role of ROLES) {
        const res = await r.send(who[role]!);
        // An event stream stays open: read the status and leave.
        if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
        else await res.arrayBuffer();
        got.push(`${r.name} as ${role}: ${res.status}`);
        want.push(`${r.name} as ${role}: ${r.expect[role]}`);
      }
    expect(got).toEqual(want);
  });

  it('lists only the applicant own projects and only the department own cases', async () => {
    const b = await who.applicantB!.json<{ projects: Array<{ id: string }> }>(
      'GET',
      '/api/applications/projects',
    );
    expect(b.body.projects.map((p) => p.id)).not.toContain(project);
    const y = await who.handlerY!.json<{ cases: Array<{ id: string; department: { id: string } }> }>(
      'GET',
      '/api/applications/inbox',
    );
    expect(y.body.cases.map((c) => c.id)).not.toContain(envCase);
    expect(y.body.cases.every((c) => c.department.id === 'building-control')).toBe(true);
  });

  it('needs the CSRF token on every state change', async () => {
    const res = await who.handlerX!.req(
      'POST',
      `/api/applications/cases/${envCase}/stage`,
      { to: 'received' },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf_failed');
    expect(
      (await db.query<{ stage: string }>(`SELECT stage FROM cases WHERE id = $1`, [envCase]))[0]!.stage,
    ).toBe('submitted');
  });
});
