import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { StaffClient, signedIn } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp.ts';
import {
  handlerOf,
  openEvents,
  registerApplicant,
  roihupeltoPlot,
  MANY_LOGINS,
} from '../applications/helpers.ts';

// The manager's workspace at work: a meeting reaches the applicant and the invited team member by
// mail and the applicant's timeline live; a handler's move reaches the workspace live; hand-over
// and escalation; and who may call which route.
let db: TestDb;
let server: Running;
let smtp: SmtpReceiver;
let applicant: StaffClient & { email: string };
let stranger: StaffClient;
let manager: StaffClient;
let manager2: StaffClient;
let lead: StaffClient;
let member: StaffClient;
let offTeam: StaffClient;
let admin: StaffClient;
let editor: StaffClient;
let project: { id: string; cases: Array<{ id: string; department: { id: string } }> };
let memberId = '';
let manager2Id = '';
let memberCase = '';

const idOf = async (c: StaffClient) =>
  (await c.json<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;

beforeAll(async () => {
  db = await openTestDb();
  smtp = await startSmtpReceiver();
  server = await startTestServer(db, { ...MANY_LOGINS, smtpUrl: smtp.url });
  const plot = await roihupeltoPlot(db);
  admin = await signedIn(db, server.url, 'admin');
  editor = await signedIn(db, server.url, 'editor');
  manager = await signedIn(db, server.url, 'key_account_manager', { displayName: 'Avainasiakaspäällikkö A' });
  manager2 = await signedIn(db, server.url, 'key_account_manager', {
    displayName: 'Avainasiakaspäällikkö B',
  });
  lead = await signedIn(db, server.url, 'key_account_manager', { displayName: 'Elinkeinopalvelujen johto' });
  await admin.json('PUT', `/api/key-projects/admin/users/${await idOf(lead)}`, { lead: true });
  manager2Id = await idOf(manager2);
  // The lead account is made busy so the first project goes to manager A (least loaded, then oldest).
  applicant = await registerApplicant(db, server.url);
  stranger = await registerApplicant(db, server.url);
  const body = {
    plotIds: [plot],
    activity: 'surface-treatment',
    facts: { new_building: true },
    name: 'Avaintehdas',
  };
  const probe = (await applicant.json<typeof project>('POST', '/api/applications/projects', body)).body;
  const dept = (probe as unknown as { project: typeof project }).project.cases[0]!.department.id;
  member = await handlerOf(db, server.url, dept);
  memberId = await idOf(member);
  await admin.json('PUT', `/api/key-projects/admin/users/${memberId}`, { responsiblePerson: true });
  offTeam = await handlerOf(db, server.url, dept);
  const res = await applicant.json<{ project: typeof project }>('POST', '/api/applications/projects', {
    ...body,
    keyProject: { jobs: 400 },
  });
  project = res.body.project;
  memberCase = project.cases.find((c) => c.department.id === dept)!.id;
  const submit = await applicant.json('POST', `/api/applications/projects/${project.id}/submit`);
  expect(submit.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await db?.close();
});

describe('key project workspace', () => {
  it('assigns the least loaded manager', async () => {
    const ws = await manager.json<{ part: string }>('GET', `/api/key-projects/${project.id}`);
    expect(ws.status).toBe(200);
    expect(ws.body.part).toBe('manager');
  });

  it('a meeting is mailed to the applicant and the invitee and shows live on the applicant timeline', async () => {
    const live = await openEvents(
      server.url,
      `/api/applications/projects/${project.id}/events`,
      applicant.cookie,
    );
    expect(live.status).toBe(200);
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const res = await manager.json<{ meeting: { id: string } }>(
      'POST',
      `/api/key-projects/${project.id}/meetings`,
      {
        startsAt,
        place: 'Kaupungintalo, neuvotteluhuone 2',
        invitees: [memberId],
        agenda: 'Lupien järjestys',
      },
    );
    expect(res.status).toBe(201);
    const id = res.body.meeting.id;
    await live.next((e) => e.event === 'change' && e.data.includes(`key-meeting-${id}`));
    live.close();
    const toApplicant = await smtp.waitFor(
      (m) => m.to.includes(applicant.email) && m.subject.startsWith('Kokouskutsu'),
    );
    expect(toApplicant.text).toContain('Kaupungintalo');
    const memberEmail = (
      await db.query<{ email: string }>(`SELECT email FROM users WHERE id = $1`, [memberId])
    )[0]!.email;
    await smtp.waitFor((m) => m.to.includes(memberEmail) && m.subject.startsWith('Kokouskutsu'));
    const mine = await applicant.json<{ meetings: Array<{ id: string; response: string }> }>(
      'GET',
      `/api/key-projects/mine/${project.id}`,
    );
    expect(mine.body.meetings.map((m) => m.id)).toEqual([id]);
    const ans = await applicant.json<{ meetings: Array<{ response: string }> }>(
      'POST',
      `/api/key-projects/mine/${project.id}/meetings/${id}/response`,
      { response: 'accepted' },
    );
    expect(ans.body.meetings[0]!.response).toBe('accepted');
    const bad = await manager.json<{ error: { code: string } }>(
      'POST',
      `/api/key-projects/${project.id}/meetings`,
      {
        startsAt,
        place: 'x',
        invitees: [await idOf(offTeam)],
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_invitee');
  });

  it("a handler's move reaches the manager's workspace live", async () => {
    const live = await openEvents(server.url, `/api/key-projects/${project.id}/events`, manager.cookie);
    expect(live.status).toBe(200);
    const mv = await member.json('POST', `/api/applications/cases/${memberCase}/stage`, { to: 'received' });
    expect(mv.status).toBe(200);
    await live.next((e) => e.event === 'change' && e.data.includes(`"stage":"received"`));
    live.close();
    const ws = await manager.json<{ cases: Array<{ id: string; stage: string; handler: string | null }> }>(
      'GET',
      `/api/key-projects/${project.id}`,
    );
    expect(ws.body.cases.find((c) => c.id === memberCase)).toMatchObject({ stage: 'received' });
  });

  it('escalates a stuck case to the department lead address', async () => {
    const dept = project.cases.find((c) => c.id === memberCase)!.department.id;
    await admin.json('PUT', `/api/key-projects/admin/departments/${dept}`, {
      leadEmail: 'johto@example.invalid',
    });
    const res = await manager.json('POST', `/api/key-projects/${project.id}/cases/${memberCase}/escalate`, {
      note: 'Odottaa lausuntoa',
    });
    expect(res.status).toBe(200);
    const m = await smtp.waitFor((x) => x.to.includes('johto@example.invalid'));
    expect(m.text).toContain('Odottaa lausuntoa');
  });

  it('hands the project to another manager, who then sees it and the first no longer does', async () => {
    const res = await manager.json('PUT', `/api/key-projects/${project.id}/manager`, { userId: manager2Id });
    expect(res.status).toBe(200);
    expect((await manager2.req('GET', `/api/key-projects/${project.id}`)).status).toBe(200);
    expect((await manager.req('GET', `/api/key-projects/${project.id}`)).status).toBe(404);
    // The lead sees every key project.
    expect((await lead.req('GET', `/api/key-projects/${project.id}`)).status).toBe(200);
    const back = await manager2.json('PUT', `/api/key-projects/${project.id}/manager`, {
      userId: await idOf(manager),
    });
    expect(back.status).toBe(200);
  });

  it('answers every route for every role as the table says', async () => {
    const anon = new StaffClient(server.url);
    const who: Record<string, StaffClient> = {
      anon,
      applicant,
      stranger,
      manager,
      manager2,
      lead,
      member,
      offTeam,
      editor,
      admin,
    };
    const p = project.id;
    const { items } = (
      await manager.json<{ roadmap: { items: Array<Record<string, unknown>> } }>(
        'GET',
        `/api/key-projects/${p}`,
      )
    ).body.roadmap;
    const roadmap = {
      items: items.map(({ caseId, position, startsOn, decisionOn }) => ({
        caseId,
        position,
        startsOn,
        decisionOn,
      })),
    };
    //                 anon applicant stranger manager manager2 lead member offTeam editor admin
    const rows: Array<[string, (c: StaffClient) => Promise<Response>, number[]]> = [
      [
        'GET /mine/:id',
        (c) => c.req('GET', `/api/key-projects/mine/${p}`),
        [401, 200, 404, 403, 403, 403, 403, 403, 403, 403],
      ],
      [
        'PUT /mine/:id/facts',
        (c) => c.req('PUT', `/api/key-projects/mine/${p}/facts`, { jobs: 400 }),
        [401, 200, 404, 403, 403, 403, 403, 403, 403, 403],
      ],
      [
        'POST /mine/:id/messages',
        (c) => c.req('POST', `/api/key-projects/mine/${p}/messages`, { body: 'Hei' }),
        [401, 201, 404, 403, 403, 403, 403, 403, 403, 403],
      ],
      ['GET /', (c) => c.req('GET', '/api/key-projects'), [401, 403, 403, 200, 200, 200, 200, 200, 403, 200]],
      [
        'GET /:id',
        (c) => c.req('GET', `/api/key-projects/${p}`),
        [401, 403, 403, 200, 404, 200, 200, 404, 403, 200],
      ],
      [
        'POST /:id/notes',
        (c) => c.req('POST', `/api/key-projects/${p}/notes`, { body: 'n' }),
        [401, 403, 403, 201, 404, 201, 201, 404, 403, 201],
      ],
      [
        'POST /:id/messages',
        (c) => c.req('POST', `/api/key-projects/${p}/messages`, { body: 'm' }),
        [401, 403, 403, 201, 404, 201, 403, 403, 403, 201],
      ],
      [
        'POST /:id/reminders',
        (c) => c.req('POST', `/api/key-projects/${p}/reminders`, { dueOn: '2030-01-01' }),
        [401, 403, 403, 201, 404, 201, 403, 403, 403, 201],
      ],
      [
        'PUT /:id/roadmap',
        (c) => c.req('PUT', `/api/key-projects/${p}/roadmap`, roadmap),
        [401, 403, 403, 200, 404, 200, 403, 403, 403, 200],
      ],
      [
        'POST /:id/roadmap/send',
        (c) => c.req('POST', `/api/key-projects/${p}/roadmap/send`),
        [401, 403, 403, 201, 404, 201, 403, 403, 403, 201],
      ],
      [
        'GET /:id/roadmap.pdf',
        (c) => c.req('GET', `/api/key-projects/${p}/roadmap.pdf`),
        [401, 200, 404, 200, 404, 200, 200, 404, 403, 200],
      ],
      [
        'PUT /:id/team/:dept (bad user)',
        (c) => c.req('PUT', `/api/key-projects/${p}/team/x`, { userId: 1 }),
        [401, 403, 403, 400, 404, 400, 403, 403, 403, 400],
      ],
      [
        'PUT /:id/flag',
        (c) => c.req('PUT', `/api/key-projects/${p}/flag`, { flagged: false }),
        [401, 403, 403, 200, 200, 200, 403, 403, 403, 200],
      ],
      [
        'GET /admin/settings',
        (c) => c.req('GET', '/api/key-projects/admin/settings'),
        [401, 403, 403, 403, 403, 403, 403, 403, 403, 200],
      ],
      [
        'PUT /admin/thresholds',
        (c) => c.req('PUT', '/api/key-projects/admin/thresholds', { min_jobs: 400 }),
        [401, 403, 403, 403, 403, 403, 403, 403, 403, 200],
      ],
    ];
    const names = Object.keys(who);
    const got: string[] = [];
    const want: string[] = [];
    for (const [name, send, expected] of rows)
      for (const [i, role] of names.entries()) {
        const res = await send(who[role]!);
        await res.arrayBuffer();
        got.push(`${name} as ${role}: ${res.status}`);
        want.push(`${name} as ${role}: ${expected[i]}`);
      }
    expect(got).toEqual(want);
  });
});
