import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { openDb } from '../../server/db/index.ts';
import { StaffClient, signedIn } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp.ts';
import { handlerOf, openEvents, registerApplicant, roihupeltoPlot, MANY_LOGINS } from './helpers.ts';

let db: TestDb;
let server: Running;
let smtp: SmtpReceiver;
let plot: number;

const LIMIT_MB = 0.05; // 50 kB attachments in this suite

beforeAll(async () => {
  db = await openTestDb();
  smtp = await startSmtpReceiver();
  server = await startTestServer(db, { ...MANY_LOGINS, smtpUrl: smtp.url, attachmentLimitMb: LIMIT_MB });
  plot = await roihupeltoPlot(db);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await db?.close();
});

interface CaseJson {
  id: string;
  permit: { code: string; names: { fi: string } };
  department: { id: string };
  stage: string;
  remainingDays: { min: number; max: number };
  events: Array<{ at: string; kind: string; from: string | null; to: string | null; message: string }>;
  attachments: Array<{ id: string; fileName: string; url: string }>;
}
interface ProjectJson {
  id: string;
  submittedAt: string | null;
  remainingDays: { min: number; max: number };
  cases: CaseJson[];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function form(fields: Record<string, string>, files: Array<[string, Buffer]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, data] of files) f.append('file', new Blob([new Uint8Array(data)]), name);
  return f;
}

const multipart = (c: StaffClient, path: string, body: FormData) =>
  fetch(server.url + path, { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, body });

async function newProject(c: StaffClient, extra: Record<string, unknown> = {}): Promise<ProjectJson> {
  const res = await c.json<{ project: ProjectJson }>('POST', '/api/applications/projects', {
    plotIds: [plot],
    activity: 'surface-treatment',
    facts: { new_building: true },
    name: 'Pintakäsittelylaitos',
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.project;
}

async function submitted(c: StaffClient): Promise<ProjectJson> {
  const p = await newProject(c);
  const res = await c.json<{ project: ProjectJson }>('POST', `/api/applications/projects/${p.id}/submit`);
  expect(res.status).toBe(200);
  return res.body.project;
}

const caseOf = (p: ProjectJson, code: string) => p.cases.find((c) => c.permit.code === code)!;
const move = (h: StaffClient, id: string, to: string, message?: string) =>
  h.json<{ error?: { code: string; allowed: string[] }; stage?: string }>(
    'POST',
    `/api/applications/cases/${id}/stage`,
    {
      to,
      message,
    },
  );
const stageOf = async (id: string) =>
  (await db.query<{ stage: string }>(`SELECT stage FROM cases WHERE id = $1`, [id]))[0]!.stage;

describe('applicant registration', () => {
  it('registers a company with a valid business ID and signs it in as an applicant', async () => {
    const c = await registerApplicant(db, server.url, 'Pinta Oy');
    const me = await c.json<{ user: { role: string; organisation: string } }>('GET', '/api/applications/me');
    expect(me.body.user).toMatchObject({ role: 'applicant', organisation: 'Pinta Oy' });
  });

  it('refuses a business ID with a wrong check digit, storing nothing', async () => {
    const email = 'vaara-tunnus@example.org';
    const res = await fetch(server.url + '/api/applications/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: 'Väärä Oy',
        businessId: '1234567-0',
        email,
        password: 'pitkä salasana 123',
      }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_business_id', value: '1234567-0' });
    expect(await db.query(`SELECT 1 FROM users WHERE email = $1`, [email])).toHaveLength(0);
  });
});

describe('projects and cases', () => {
  it('holds one draft case per needed permit, each with its department and an estimate', async () => {
    const c = await registerApplicant(db, server.url);
    const p = await newProject(c);
    const want: Array<[string, string]> = [
      ['building-permit', 'building-control'],
      ['environmental-permit', 'environmental-services'],
      ['chemicals-notification', 'rescue-department'],
    ];
    for (const [code, dept] of want) {
      const k = caseOf(p, code);
      expect(k, code).toBeDefined();
      expect(k.department.id).toBe(dept);
      expect(k.stage).toBe('draft');
      expect(k.remainingDays.max).toBeGreaterThan(0);
      expect(k.events.map((e) => e.kind)).toEqual(['created']);
    }
    expect(p.remainingDays.max).toBe(Math.max(...p.cases.map((k) => k.remainingDays.max)));
    expect(p.submittedAt).toBeNull();
  });

  it('refuses an unknown activity with the accepted codes, creating nothing', async () => {
    const c = await registerApplicant(db, server.url);
    const res = await c.json<{ error: { code: string; accepted: string[] } }>(
      'POST',
      '/api/applications/projects',
      {
        plotIds: [plot],
        activity: 'moon-base',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unknown_activity');
    expect(res.body.error.accepted).toContain('surface-treatment');
    const list = await c.json<{ projects: unknown[] }>('GET', '/api/applications/projects');
    expect(list.body.projects).toHaveLength(0);
  });

  it('submits every case at once and mails each department and the applicant', async () => {
    const c = await registerApplicant(db, server.url, 'Lähettäjä Oy');
    const p = await submitted(c);
    expect(p.cases.every((k) => k.stage === 'submitted')).toBe(true);
    await smtp.waitFor((m) => m.to.includes(c.email) && /Hakemus jätetty/.test(m.subject));
    // No handler accounts in this database yet: the departments' catalogue addresses get the mail.
    await smtp.waitFor(
      (m) => m.to.includes('environmental-services@example.org') && m.subject.includes('Lähettäjä Oy'),
    );
    const again = await c.json<{ error: { code: string } }>(
      'POST',
      `/api/applications/projects/${p.id}/submit`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_submitted');
  });
});

describe('handling', () => {
  it('a handler moves the environmental case to supplement requested: live event and e-mail to the applicant', async () => {
    const c = await registerApplicant(db, server.url, 'Ympäristö Oy');
    const p = await submitted(c);
    const env = caseOf(p, 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    const inbox = await h.json<{ cases: CaseJson[] }>('GET', '/api/applications/inbox');
    expect(inbox.body.cases.map((k) => k.id)).toContain(env.id);
    expect(inbox.body.cases.every((k) => k.department.id === 'environmental-services')).toBe(true);

    const live = await openEvents(server.url, `/api/applications/projects/${p.id}/events`, c.cookie);
    try {
      expect(live.status).toBe(200);
      expect(live.contentType).toMatch(/text\/event-stream/);
      expect((await move(h, env.id, 'received')).status).toBe(200);
      expect((await move(h, env.id, 'supplement_requested', 'Lisätkää melumallinnus.')).status).toBe(200);
      const e = await live.next(
        (x) => x.event === 'change' && JSON.parse(x.data).stage === 'supplement_requested',
      );
      expect(JSON.parse(e.data).case).toBe(env.id);
    } finally {
      live.close();
    }
    const mail = await smtp.waitFor((m) => m.to.includes(c.email) && m.subject.startsWith('Täydennyspyyntö'));
    expect(mail.subject).toBe('Täydennyspyyntö: Ympäristölupa');
    expect(mail.text).toContain('Lisätkää melumallinnus.');
    expect(mail.text).toContain(`/apply.html?project=${p.id}`);
    await smtp.waitFor((m) => m.to.includes(c.email) && /vastaanotettu/.test(m.text));
  });

  it('refuses a move the stage graph does not allow with 409 and the allowed next stages', async () => {
    const c = await registerApplicant(db, server.url);
    const env = caseOf(await submitted(c), 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    const res = await move(h, env.id, 'decision_given');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'stage_not_allowed',
      value: 'decision_given',
      allowed: ['received'],
    });
    expect(await stageOf(env.id)).toBe('submitted');
    const unknown = await move(h, env.id, 'teleported');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.code).toBe('invalid_stage');
  });

  it('needs a message to request a supplement', async () => {
    const c = await registerApplicant(db, server.url);
    const env = caseOf(await submitted(c), 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    await move(h, env.id, 'received');
    const res = await move(h, env.id, 'supplement_requested', '   ');
    expect(res.status).toBe(400);
    expect(res.body.error!.code).toBe('message_required');
    expect(await stageOf(env.id)).toBe('received');
  });

  it('the applicant answers with a message and a PDF; the case returns to processing and the department is told', async () => {
    const c = await registerApplicant(db, server.url, 'Vastaaja Oy');
    const p = await submitted(c);
    const env = caseOf(p, 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    await move(h, env.id, 'received');
    await move(h, env.id, 'supplement_requested', 'Melumallinnus puuttuu.');
    // The department's open inboxes hear the answer live; another department's hear nothing.
    const inboxLive = await openEvents(server.url, '/api/applications/inbox/events', h.cookie);
    const building = await handlerOf(db, server.url, 'building-control');
    const otherLive = await openEvents(server.url, '/api/applications/inbox/events', building.cookie);
    const res = await multipart(
      c,
      `/api/applications/cases/${env.id}/reply`,
      form({ message: 'Melumallinnus liitteenä.' }, [['melu.pdf', PDF]]),
    );
    expect(res.status).toBe(200);
    try {
      const heard = await inboxLive.next((x) => x.event === 'change' && JSON.parse(x.data).case === env.id);
      expect(JSON.parse(heard.data).stage).toBe('in_processing');
      await expect(
        otherLive.next((x) => x.event === 'change' && JSON.parse(x.data).case === env.id, 500),
      ).rejects.toThrow('no matching event');
    } finally {
      inboxLive.close();
      otherLive.close();
    }
    const detail = await h.json<{ case: CaseJson }>('GET', `/api/applications/cases/${env.id}`);
    expect(detail.body.case.stage).toBe('in_processing');
    const reply = detail.body.case.events.at(-1)!;
    expect(reply).toMatchObject({
      kind: 'supplement_reply',
      from: 'supplement_requested',
      to: 'in_processing',
    });
    const file = detail.body.case.attachments.find((a) => a.fileName === 'melu.pdf')!;
    const got = await h.req('GET', file.url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    // Another department's handler cannot read it.
    const other = await handlerOf(db, server.url, 'building-control');
    expect((await other.req('GET', file.url)).status).toBe(404);
    // The department's handlers get it (the ones this suite made for environmental services).
    const mail = await smtp.waitFor((m) => m.subject === 'Täydennys saapui: Ympäristölupa, Vastaaja Oy');
    expect(mail.to[0]).toMatch(/^handler\d+-/);
    expect(mail.text).toContain('Melumallinnus liitteenä.');
  });

  it('a handler gives the decision with the decision document; the applicant can read it, no other department', async () => {
    const c = await registerApplicant(db, server.url, 'Päätöksen Saaja Oy');
    const p = await submitted(c);
    const env = caseOf(p, 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    await move(h, env.id, 'received');
    await move(h, env.id, 'in_processing');
    const decision = Buffer.concat([PDF, Buffer.from('% ympäristölupapäätös\n')]);
    const res = await multipart(
      h,
      `/api/applications/cases/${env.id}/stage`,
      form({ to: 'decision_given', message: 'Lupa myönnetty ehdoin.' }, [['paatos.pdf', decision]]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stage: 'decision_given', files: 1 });
    const mine = await c.json<{ project: ProjectJson }>('GET', `/api/applications/projects/${p.id}`);
    const file = caseOf(mine.body.project, 'environmental-permit').attachments.find(
      (a) => a.fileName === 'paatos.pdf',
    )!;
    const got = await c.req('GET', file.url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(decision)).toBe(true);
    const other = await handlerOf(db, server.url, 'building-control');
    expect((await other.req('GET', file.url)).status).toBe(404);
    // A bad document refuses the whole move: the stage stays where it was.
    const bad = await multipart(
      h,
      `/api/applications/cases/${env.id}/stage`,
      form({ to: 'final' }, [['paatos.pdf', Buffer.from('not a pdf')]]),
    );
    expect(bad.status).toBe(415);
    const after = await h.json<{ case: CaseJson }>('GET', `/api/applications/cases/${env.id}`);
    expect(after.body.case.stage).toBe('decision_given');
  });

  it('refuses a disallowed, disguised or oversized attachment, changing nothing', async () => {
    const c = await registerApplicant(db, server.url);
    const p = await submitted(c);
    const env = caseOf(p, 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    await move(h, env.id, 'received');
    await move(h, env.id, 'supplement_requested', 'Liitä kaavio.');
    const cases: Array<[string, Buffer, number, string]> = [
      ['ohjelma.exe', Buffer.from('MZ...'), 415, 'attachment_type_not_allowed'],
      ['kuva.pdf', PNG, 415, 'attachment_content_mismatch'],
      ['iso.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT_MB * 1e6 + 10)]), 413, 'attachment_too_large'],
    ];
    for (const [name, data, status, code] of cases) {
      const res = await multipart(
        c,
        `/api/applications/cases/${env.id}/reply`,
        form({ message: 'Tässä.' }, [
          ['ok.pdf', PDF],
          [name, data],
        ]),
      );
      expect(res.status, name).toBe(status);
      expect((await res.json()).error.code, name).toBe(code);
    }
    expect(await stageOf(env.id)).toBe('supplement_requested');
    const stored = await db.query(`SELECT 1 FROM attachments WHERE project_id = $1`, [p.id]);
    expect(stored).toHaveLength(0);
  });

  it('refuses a supplement request or reply on a closed case', async () => {
    const c = await registerApplicant(db, server.url);
    const env = caseOf(await submitted(c), 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    await move(h, env.id, 'received');
    await move(h, env.id, 'in_processing');
    expect((await move(h, env.id, 'lapsed', 'Hakija ei vastannut.')).status).toBe(200);
    const res = await move(h, env.id, 'supplement_requested', 'Vielä yksi asia.');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'case_closed', allowed: [] });
    const reply = await multipart(
      c,
      `/api/applications/cases/${env.id}/reply`,
      form({ message: 'Tässä.' }, []),
    );
    expect(reply.status).toBe(409);
    expect((await reply.json()).error.code).toBe('case_closed');
    expect(await stageOf(env.id)).toBe('lapsed');
  });

  it('keeps every event with its time, in order', async () => {
    const c = await registerApplicant(db, server.url);
    const p = await submitted(c);
    const env = caseOf(p, 'environmental-permit');
    const h = await handlerOf(db, server.url, 'environmental-services');
    await move(h, env.id, 'received');
    await move(h, env.id, 'in_processing', 'Aloitettu.');
    const view = await c.json<{ project: ProjectJson }>('GET', `/api/applications/projects/${p.id}`);
    const events = caseOf(view.body.project, 'environmental-permit').events;
    expect(events.map((e) => e.to)).toEqual(['draft', 'submitted', 'received', 'in_processing']);
    expect(events.at(-1)!.message).toBe('Aloitettu.');
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe('live timeline across two instances', () => {
  it('an applicant connected to one instance hears a move made through another', async () => {
    // A second server over the same database: on PostgreSQL with its own connection pool (NOTIFY
    // crosses connections); the embedded database has one process, so it shares the instance.
    const second = db.url
      ? await openDb({ databaseUrl: db.url, poolSize: 2, statementTimeoutMs: 30_000, dataDir: '' })
      : db;
    const other = await startTestServer(second, { ...MANY_LOGINS, smtpUrl: smtp.url });
    try {
      const c = await registerApplicant(db, server.url);
      const p = await submitted(c);
      const env = caseOf(p, 'environmental-permit');
      const live = await openEvents(other.url, `/api/applications/projects/${p.id}/events`, c.cookie);
      try {
        const h = await handlerOf(db, server.url, 'environmental-services');
        await move(h, env.id, 'received');
        const e = await live.next((x) => x.event === 'change' && JSON.parse(x.data).case === env.id);
        expect(JSON.parse(e.data).stage).toBe('received');
      } finally {
        live.close();
      }
    } finally {
      await other.stop();
      if (second !== db) await second.close();
    }
  });
});

describe('personal data on request', () => {
  it('an admin exports an applicant as JSON and then deletes everything of theirs, both audit logged', async () => {
    const c = await registerApplicant(db, server.url, 'Poistettava Oy');
    const p = await newProject(c);
    const up = await multipart(
      c,
      `/api/applications/projects/${p.id}/attachments`,
      form({}, [['asemapiirros.pdf', PDF]]),
    );
    expect(up.status).toBe(201);
    const me = await c.json<{ user: { id: string } }>('GET', '/api/applications/me');
    const id = me.body.user.id;
    const admin = await signedIn(db, server.url, 'admin');

    const exp = await admin.json<{
      account: { email: string; organisation: string; password_hash?: string };
      projects: Array<{
        name: string;
        cases: unknown[];
        attachments: Array<{ file_name: string; content: string }>;
      }>;
    }>('GET', `/api/applications/admin/applicants/${id}/export`);
    expect(exp.status).toBe(200);
    expect(exp.body.account).toMatchObject({ email: c.email, organisation: 'Poistettava Oy' });
    expect(exp.body.account.password_hash).toBeUndefined();
    expect(exp.body.projects[0]!.name).toBe('Pintakäsittelylaitos');
    expect(exp.body.projects[0]!.cases.length).toBeGreaterThanOrEqual(3);
    expect(Buffer.from(exp.body.projects[0]!.attachments[0]!.content, 'base64').equals(PDF)).toBe(true);

    const del = await admin.req('DELETE', `/api/applications/admin/applicants/${id}`);
    expect(del.status).toBe(204);
    expect(await db.query(`SELECT 1 FROM users WHERE id = $1`, [id])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM projects WHERE id = $1`, [p.id])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM attachments WHERE project_id = $1`, [p.id])).toHaveLength(0);
    expect((await c.req('GET', '/api/applications/projects')).status).toBe(401);
    const actions = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'applicant.%' ORDER BY id`,
      [id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'applicant.register',
      'applicant.verify_email',
      'applicant.export',
      'applicant.delete',
    ]);
    expect((await admin.req('DELETE', `/api/applications/admin/applicants/${id}`)).status).toBe(404);
  });
});
