import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../server/key-projects/index.ts';
import { helsinkiDate } from '../../server/key-projects/dates.ts';
import { createLogger } from '../../server/log.ts';
import { createMailer } from '../../server/mail/index.ts';
import type { Running } from '../../server/main.ts';
import { StaffClient, signedIn } from '../auth/client.ts';
import { pdfText as rawPdfText } from '../export/pdf-text.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer, testConfig } from '../helpers/server.ts';
import { handlerOf, registerApplicant, roihupeltoPlot, MANY_LOGINS } from '../applications/helpers.ts';

// The permit roadmap: prefilled from the permit plan, saved with the manager's order, dates and
// notes (bad input refused with the value), sent to the applicant in their language with a link
// to the PDF that each role opens by its own rules; and due reminders mailed once.
let db: TestDb;
let server: Running;
let applicant: StaffClient & { email: string };
let stranger: StaffClient;
let manager: StaffClient;
let editor: StaffClient;
const members: Record<string, StaffClient> = {};
let offTeam: StaffClient;
let otherCase = '';
let project: {
  id: string;
  cases: Array<{
    id: string;
    permit: { code: string; names: Record<string, string> };
    department: { id: string };
  }>;
};

interface Item {
  caseId: string;
  permitType: string;
  permit: Record<string, string>;
  departmentId: string;
  position: number;
  startsOn: string;
  decisionOn: string;
  note: string;
}
interface Ws {
  roadmap: { draft: boolean; items: Item[]; sends: Array<{ id: string }> };
  timeline: Array<{ type: string }>;
  reminders: Array<{ id: string; due: boolean; sentAt: string | null }>;
}

// Table cells wrap long permit names over lines; the words, in order, are what a reader sees.
const pdfText = (pdf: Uint8Array) => rawPdfText(pdf).replace(/\s+/g, ' ');
const idOf = async (c: StaffClient) =>
  (await c.json<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;
const pdfOf = async (c: StaffClient, path: string) => {
  const res = await c.req('GET', path);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: new Uint8Array(await res.arrayBuffer()),
  };
};

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  const plot = await roihupeltoPlot(db);
  const admin = await signedIn(db, server.url, 'admin');
  editor = await signedIn(db, server.url, 'editor');
  manager = await signedIn(db, server.url, 'key_account_manager', { displayName: 'Päällikkö Roadmap' });
  applicant = await registerApplicant(db, server.url, 'Tiekartta Ab', 'sv');
  stranger = await registerApplicant(db, server.url);
  const body = {
    plotIds: [plot],
    activity: 'surface-treatment',
    facts: { new_building: true },
    name: 'Lackeriet',
  };
  const probe = await stranger.json<typeof project & { project: typeof project }>(
    'POST',
    '/api/applications/projects',
    body,
  );
  otherCase = probe.body.project.cases[0]!.id;
  for (const dept of new Set(probe.body.project.cases.map((c) => c.department.id))) {
    members[dept] = await handlerOf(db, server.url, dept);
    await admin.json('PUT', `/api/key-projects/admin/users/${await idOf(members[dept])}`, {
      responsiblePerson: true,
    });
  }
  offTeam = await handlerOf(db, server.url, Object.keys(members)[0]!);
  const res = await applicant.json<{ project: typeof project }>('POST', '/api/applications/projects', {
    ...body,
    keyProject: { jobs: 400 },
  });
  project = res.body.project;
  expect((await applicant.json('POST', `/api/applications/projects/${project.id}/submit`)).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe('permit roadmap', () => {
  it('is prefilled from the permit plan before the first save', async () => {
    const ws = await manager.json<Ws>('GET', `/api/key-projects/${project.id}`);
    expect(ws.status).toBe(200);
    expect(ws.body.roadmap.draft).toBe(true);
    expect(ws.body.roadmap.items.map((i) => i.caseId).sort()).toEqual(project.cases.map((c) => c.id).sort());
    const [plan] = await db.query<{ starts_after_days: number; submitted: string }>(
      `SELECT c.starts_after_days, (p.submitted_at AT TIME ZONE 'Europe/Helsinki')::date::text AS submitted
       FROM cases c JOIN projects p ON p.id = c.project_id WHERE c.id = $1`,
      [ws.body.roadmap.items[0]!.caseId],
    );
    const expected = new Date(
      Date.parse(`${plan!.submitted}T00:00:00Z`) + plan!.starts_after_days * 86_400_000,
    );
    expect(ws.body.roadmap.items[0]!.startsOn).toBe(expected.toISOString().slice(0, 10));
    // Nothing is sent yet: the applicant has no roadmap and no PDF.
    expect((await pdfOf(applicant, `/api/key-projects/${project.id}/roadmap.pdf`)).status).toBe(404);
    const early = await manager.json<{ error: { code: string } }>(
      'POST',
      `/api/key-projects/${project.id}/roadmap/send`,
    );
    expect([early.status, early.body.error.code]).toEqual([409, 'roadmap_not_saved']);
  });

  it('refuses bad roadmaps with a stable code and the value', async () => {
    const ws = await manager.json<Ws>('GET', `/api/key-projects/${project.id}`);
    const good = ws.body.roadmap.items.map(({ caseId, position, startsOn, decisionOn }) => ({
      caseId,
      position,
      startsOn,
      decisionOn,
    }));
    const put = (items: unknown) =>
      manager.json<{ error: { code: string; value: unknown } }>(
        'PUT',
        `/api/key-projects/${project.id}/roadmap`,
        {
          items,
        },
      );
    const cases: Array<[unknown, string, unknown]> = [
      ['all', 'invalid_roadmap', 'all'],
      [[], 'invalid_roadmap', []],
      [good.map((g) => ({ ...g, position: 1 })), 'invalid_roadmap_order', 1],
      [[{ ...good[0], position: 1.5 }], 'invalid_roadmap_order', 1.5],
      [[{ ...good[0], startsOn: '2026-02-30' }], 'invalid_roadmap_date', '2026-02-30'],
      [[{ ...good[0], decisionOn: '3026-01-01' }], 'invalid_roadmap_date', '3026-01-01'],
      [[{ ...good[0], startsOn: '12.1.2027' }], 'invalid_roadmap_date', '12.1.2027'],
      [
        [{ ...good[0], startsOn: good[0]!.decisionOn, decisionOn: good[0]!.startsOn }],
        'invalid_roadmap_date',
        good[0]!.startsOn,
      ],
      [[{ ...good[0], note: 'x'.repeat(1001) }], 'invalid_roadmap_note', 'x'.repeat(200)],
      [[{ ...good[0], caseId: otherCase }], 'invalid_roadmap_case', otherCase],
      [[good[0], { ...good[0], position: 2 }], 'invalid_roadmap_case', good[0]!.caseId],
    ];
    const got = [];
    for (const [items] of cases) {
      const r = await put(items);
      got.push([r.status, r.body.error?.code, r.body.error?.value]);
    }
    expect(got).toEqual(cases.map(([, code, value]) => [400, code, value]));
    expect((await manager.json<Ws>('GET', `/api/key-projects/${project.id}`)).body.roadmap.draft).toBe(true);
  });

  it('saves the order, dates and notes, and sends it to the applicant in their language', async () => {
    const ws = await manager.json<Ws>('GET', `/api/key-projects/${project.id}`);
    const items = ws.body.roadmap.items.reverse().map((i, n) => ({
      caseId: i.caseId,
      position: n + 1,
      startsOn: i.startsOn,
      decisionOn: i.decisionOn,
      note: n === 0 ? 'Ansök först om detta' : '',
    }));
    items[0]!.decisionOn = '2031-06-30';
    const saved = await manager.json<Ws['roadmap']>('PUT', `/api/key-projects/${project.id}/roadmap`, {
      items,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draft).toBe(false);
    expect(saved.body.items.map((i) => [i.caseId, i.position, i.decisionOn, i.note])).toEqual(
      items.map((i) => [i.caseId, i.position, i.decisionOn, i.note]),
    );
    const sent = await manager.json<{ sent: { lang: string } }>(
      'POST',
      `/api/key-projects/${project.id}/roadmap/send`,
    );
    expect(sent.status).toBe(201);
    expect(sent.body.sent.lang).toBe('sv');
    const [mail] = await db.query<{ subject: string; text_body: string }>(
      `SELECT subject, text_body FROM mail_outbox WHERE to_address = $1 AND kind = 'key_project.roadmap'`,
      [applicant.email],
    );
    expect(mail!.subject).toBe('Tillståndsplan: Lackeriet');
    expect(mail!.text_body).toContain(`/api/key-projects/${project.id}/roadmap.pdf?lang=sv`);
    const audits = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'key_project.roadmap%' ORDER BY id`,
      [project.id],
    );
    expect(audits.map((a) => a.action)).toEqual(['key_project.roadmap_save', 'key_project.roadmap_send']);
    const mine = await applicant.json<{
      roadmap: { items: Array<{ note: string }> };
      roadmapSends: unknown[];
    }>('GET', `/api/key-projects/mine/${project.id}`);
    expect(mine.body.roadmap.items[0]!.note).toBe('Ansök först om detta');
    expect(mine.body.roadmapSends).toHaveLength(1);
    const after = await manager.json<Ws>('GET', `/api/key-projects/${project.id}`);
    expect(after.body.timeline.filter((t) => t.type === 'roadmap_sent')).toHaveLength(1);
  });

  it('the PDF has the permits, dates and notes; each role opens it by its rules', async () => {
    const link = `/api/key-projects/${project.id}/roadmap.pdf?lang=sv`;
    const pdf = await pdfOf(applicant, link);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const text = pdfText(pdf.body);
    expect(text).toContain('Tillståndsplan');
    expect(text).toContain('Tiekartta Ab');
    expect(text).toContain('Päällikkö Roadmap');
    expect(text).toContain('Ansök först om detta');
    expect(text).toContain('30.6.2031');
    // A project on demo plots says so on the page.
    const [demo] = await db.query<{ d: boolean }>(
      `SELECT bool_or(pl.is_demo) AS d FROM project_plots pp JOIN plots pl ON pl.id = pp.plot_id WHERE pp.project_id = $1`,
      [project.id],
    );
    expect(text.includes('DEMODATA')).toBe(demo!.d);
    for (const c of project.cases) expect(text).toContain(c.permit.names.sv);
    const en = pdfText((await pdfOf(applicant, link.replace('sv', 'en'))).body);
    expect(en).toContain('Permit roadmap');
    expect(en).toContain(project.cases[0]!.permit.names.en);
    expect((await pdfOf(applicant, link.replace('sv', 'xx'))).status).toBe(400);

    expect((await pdfOf(stranger, link)).status).toBe(404);
    expect((await pdfOf(new StaffClient(server.url), link)).status).toBe(401);
    expect((await pdfOf(editor, link)).status).toBe(403);
    expect((await pdfOf(offTeam, link)).status).toBe(404);
    expect((await pdfOf(manager, link)).status).toBe(200);
    // A team member sees the permits of their own department only.
    for (const [dept, member] of Object.entries(members)) {
      const t = pdfText((await pdfOf(member, link)).body);
      for (const c of project.cases)
        if (c.department.id === dept) expect(t).toContain(c.permit.names.sv);
        else expect(t).not.toContain(c.permit.names.sv);
    }
  });
});

describe('reminder sender', () => {
  it('mails a due reminder once, in the manager’s language, also when two instances check at once', async () => {
    await db.query(`UPDATE users SET preferred_lang = 'en' WHERE id = $1`, [await idOf(manager)]);
    const now = new Date();
    const today = helsinkiDate(now);
    const add = (dueOn: string, note: string) =>
      manager.json<{ reminder: { id: string } }>('POST', `/api/key-projects/${project.id}/reminders`, {
        dueOn,
        note,
        caseId: project.cases[0]!.id,
      });
    const due = (await add(today, 'Call the building control')).body.reminder.id;
    const later = (await add('2031-01-01', 'Not yet')).body.reminder.id;
    const ws = await manager.json<Ws>('GET', `/api/key-projects/${project.id}`);
    expect(ws.body.reminders.map((r) => [r.id, r.due])).toEqual([
      [due, true],
      [later, false],
    ]);
    const log = createLogger('silent');
    const mailer = createMailer(testConfig(), db, log);
    const deps = { db, log, mailer, config: testConfig() };
    const counts = await Promise.all([sendDueReminders(deps, now), sendDueReminders(deps, now)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(await sendDueReminders(deps, now)).toBe(0);
    await mailer.close();
    const mails = await db.query<{ subject: string; text_body: string }>(
      `SELECT subject, text_body FROM mail_outbox WHERE kind = 'key_project.reminder'`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Reminder: Lackeriet');
    expect(mails[0]!.text_body).toContain('Call the building control');
    expect(mails[0]!.text_body).toContain(project.cases[0]!.permit.names.en);
    const [r] = await db.query<{ sent: boolean }>(
      `SELECT sent_at IS NOT NULL AS sent FROM key_project_reminders WHERE id = $1`,
      [later],
    );
    expect(r!.sent).toBe(false);
  });
});
