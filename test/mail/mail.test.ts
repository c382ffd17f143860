import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { createMailer, type Mailer } from '../../server/mail/index.ts';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer, testConfig } from '../helpers/server.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp.ts';

let db: TestDb;
let server: Running;
let smtp: SmtpReceiver;
/** The outbox is for signed-in admins only. */
let admin: StaffClient;
const log = createLogger('silent');
const mailers: Mailer[] = [];

/**
 * A mailer over the suite's database, closed after its test: mailers share the outbox table, so
 * one left open would deliver another test's retries to its own SMTP server.
 */
function mailer(smtpUrl?: string, retryDelaysMs?: number[]): Mailer {
  const m = createMailer(testConfig({ smtpUrl }), db, log, { retryDelaysMs, sweepEveryMs: 100 });
  mailers.push(m);
  return m;
}

interface OutboxJson {
  messages: {
    id: string;
    to: string;
    subject: string;
    text: string;
    kind: string;
    sentAt: string | null;
    error: string | null;
    attempts: number;
  }[];
}

async function outbox(query = ''): Promise<OutboxJson['messages']> {
  const res = await admin.req('GET', `/api/outbox${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as OutboxJson).messages;
}

/** Polls the outbox until the message to `to` satisfies `done` (delivery runs after send()). */
async function outboxEntry(to: string, done: (m: OutboxJson['messages'][number]) => boolean) {
  for (let i = 0; i < 200; i++) {
    const m = (await outbox(`?to=${encodeURIComponent(to)}`))[0];
    if (m && done(m)) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`outbox entry for ${to} never reached the expected state`);
}

beforeAll(async () => {
  db = await openTestDb();
  smtp = await startSmtpReceiver();
  server = await startTestServer(db, { mailOutboxPage: true });
  admin = await signedIn(db, server.url, 'admin');
});
afterEach(async () => {
  for (const m of mailers.splice(0)) await m.close();
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await db?.close();
});

describe('mailer', () => {
  it('delivers a message over SMTP with its subject, text and sender, and marks it sent', async () => {
    await mailer(smtp.url).send({
      to: 'hakija@example.org',
      subject: 'Ympäristölupa: täydennettävänä',
      text: 'Käsittelijä pyytää täydennystä.\nVastaa palvelussa.',
      kind: 'test.delivery',
    });
    const got = await smtp.waitFor((m) => m.to.includes('hakija@example.org'));
    expect(got.subject).toBe('Ympäristölupa: täydennettävänä');
    expect(got.text).toContain('Käsittelijä pyytää täydennystä.');
    expect(got.from).toBe('no-reply@tonttiluukku.invalid');
    expect(got.headers['x-tonttiluukku-kind']).toBe('test.delivery');
    const row = await outboxEntry('hakija@example.org', (m) => m.sentAt !== null);
    expect(row).toMatchObject({ subject: 'Ympäristölupa: täydennettävänä', error: null, attempts: 1 });
  });

  it('answers send() before the SMTP server has accepted the message', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = await startSmtpReceiver({ beforeAccept: () => gate });
    try {
      await mailer(slow.url).send({ to: 'slow@example.org', subject: 'Hidas', text: 'x', kind: 'test.slow' });
      // send() has resolved: the message is stored but not yet delivered.
      expect(slow.messages).toHaveLength(0);
      const [row] = await outbox('?to=slow@example.org');
      expect(row).toMatchObject({ subject: 'Hidas', sentAt: null });
      release();
      await slow.waitFor((m) => m.to.includes('slow@example.org'));
      await outboxEntry('slow@example.org', (m) => m.sentAt !== null);
    } finally {
      release();
      await slow.close();
    }
  });

  it('records a refused delivery and retries until the server accepts', async () => {
    const flaky = await startSmtpReceiver({
      beforeAccept: (n) => {
        if (n === 1) throw new Error('mailbox busy');
      },
    });
    try {
      await mailer(flaky.url, [200, 200]).send({
        to: 'retry@example.org',
        subject: 'Uudelleen',
        text: 'x',
        kind: 'test.retry',
      });
      await flaky.waitFor((m) => m.to.includes('retry@example.org'));
      const row = await outboxEntry('retry@example.org', (m) => m.sentAt !== null);
      expect(row.attempts).toBe(2);
      expect(row.error).toBeNull();
    } finally {
      await flaky.close();
    }
  });

  it('keeps the failure on the row when the SMTP server cannot be reached, without throwing', async () => {
    const m = mailer('smtp://127.0.0.1:1', [50]);
    await expect(
      m.send({ to: 'down@example.org', subject: 'Ei perillä', text: 'x', kind: 'test.down' }),
    ).resolves.toBeUndefined();
    const row = await outboxEntry('down@example.org', (r) => r.attempts >= 2);
    expect(row.sentAt).toBeNull();
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('delivers what an instance stored but never delivered (it stopped), and only once with two instances', async () => {
    // Rows as a stopped instance leaves them: stored, due, not sent.
    const to = Array.from({ length: 12 }, (_, i) => `left-${i}@example.org`);
    for (const t of to)
      await db.query(
        `INSERT INTO mail_outbox (to_address, subject, text_body, kind, next_attempt_at)
         VALUES ($1, 'Jäi lähtemättä', 'x', 'test.left', now() - interval '1 second')`,
        [t],
      );
    // Two instances start over the same database and the same SMTP server.
    const both = [mailer(smtp.url), mailer(smtp.url)];
    for (const t of to) await outboxEntry(t, (m) => m.sentAt !== null);
    // More checks by both, each awaited to its end: none may send a message again.
    for (let i = 0; i < 3; i++) await Promise.all(both.map((m) => m.checkNow()));
    const got = smtp.messages.filter((m) => m.subject === 'Jäi lähtemättä');
    expect(got.map((m) => m.to[0]).sort()).toEqual([...to].sort());
  });

  it('leaves alone a message that a working instance holds, and mail older than two days', async () => {
    await db.query(
      `INSERT INTO mail_outbox (to_address, subject, text_body, kind, next_attempt_at, created_at)
       VALUES ('held@example.org', 'Kesken', 'x', 'test.held', now() + interval '1 minute', now()),
              ('stale@example.org', 'Vanha', 'x', 'test.stale', now() - interval '1 second', now() - interval '3 days')`,
    );
    const instance = mailer(smtp.url);
    // Checks awaited to their end (the first runs at start): what they would send has been sent.
    await instance.checkNow();
    await instance.checkNow();
    expect(smtp.messages.filter((m) => m.subject === 'Kesken' || m.subject === 'Vanha')).toEqual([]);
  });

  it('only stores the message when no SMTP server is configured', async () => {
    await mailer().send({
      to: 'stored@example.org',
      subject: 'Vain tallessa',
      text: 'x',
      kind: 'test.stored',
    });
    const [row] = await outbox('?to=stored@example.org');
    expect(row).toMatchObject({ subject: 'Vain tallessa', sentAt: null, error: null, attempts: 0 });
  });

  it('keeps a subject on one header line', async () => {
    await mailer(smtp.url).send({
      to: 'header@example.org',
      subject: 'Otsikko\r\nBcc: victim@example.org',
      text: 'x',
      kind: 'test.header',
    });
    const got = await smtp.waitFor((m) => m.to.includes('header@example.org'));
    expect(got.to).toEqual(['header@example.org']);
    expect(got.headers.bcc).toBeUndefined();
  });
});

describe('outbox page', () => {
  it('lists messages newest first', async () => {
    const m = mailer();
    await m.send({ to: 'order@example.org', subject: 'Ensimmäinen', text: 'x', kind: 'test.order' });
    await m.send({ to: 'order@example.org', subject: 'Toinen', text: 'x', kind: 'test.order' });
    const rows = await outbox('?kind=test.order');
    expect(rows.map((r) => r.subject)).toEqual(['Toinen', 'Ensimmäinen']);
  });

  it('shows the messages as an HTML page in the chosen language, with markup escaped', async () => {
    await mailer().send({
      to: 'page@example.org',
      subject: '<b>Päätös</b> annettu',
      text: 'Linkki: http://localhost/x',
      kind: 'test.page',
    });
    // 15:05 UTC in December is 17:05 in Helsinki, written as each language writes it.
    await db.query(`UPDATE mail_outbox SET created_at = '2026-12-03T15:05:00Z' WHERE kind = 'test.page'`);
    for (const [lang, title, created] of [
      ['fi', 'Lähtevä posti', '3.12.2026 klo 17.05'],
      ['sv', 'Utkorg', '3.12.2026 17.05'],
      ['en', 'Outbox', '03/12/2026, 17:05'],
    ] as const) {
      const res = await admin.req('GET', `/outbox?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(title);
      expect(html).toContain('&lt;b&gt;Päätös&lt;/b&gt; annettu');
      expect(html).not.toContain('<b>Päätös</b>');
      expect(html).toContain(`<time datetime="2026-12-03T15:05:00.000Z">${created}</time>`);
    }
    const sv = await fetch(`${server.url}/outbox`, {
      headers: { cookie: admin.cookie, 'accept-language': 'sv-FI,sv;q=0.9' },
    });
    expect(await sv.text()).toContain('<html lang="sv">');
  });

  it('answers nobody signed in with 401 and no mail: JSON auth_required, a translated sign-in page', async () => {
    await mailer().send({
      to: 'private@example.org',
      subject: 'Yksityinen',
      text: 'salainen',
      kind: 'test.private',
    });
    const api = await fetch(`${server.url}/api/outbox`);
    expect(api.status).toBe(401);
    const body = (await api.json()) as { error: { code: string }; messages?: unknown };
    expect(body.error.code).toBe('auth_required');
    expect(body.messages).toBeUndefined();
    for (const [lang, text] of [
      ['fi', 'Kirjaudu ensin'],
      ['sv', 'Logga först in'],
      ['en', 'Sign in to the staff app first'],
    ] as const) {
      const page = await fetch(`${server.url}/outbox?lang=${lang}`);
      expect(page.status).toBe(401);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(text);
      expect(html).toContain('href="/staff.html"');
      expect(html).not.toContain('private@example.org');
      expect(html).not.toContain('Yksityinen');
    }
  });

  it('refuses signed-in staff who are not admins with 403 forbidden', async () => {
    for (const [role, extra] of [
      ['editor', {}],
      ['publisher', {}],
      ['handler', { departmentId: 'environmental-services' }],
    ] as const) {
      const c = await signedIn(db, server.url, role, extra);
      const api = await c.json<{ error: { code: string } }>('GET', '/api/outbox');
      expect(api.status, role).toBe(403);
      expect(api.body.error.code).toBe('forbidden');
      const page = await c.req('GET', '/outbox?lang=en');
      expect(page.status, role).toBe(403);
      const html = await page.text();
      expect(html).toContain('for admins only; your role does not allow it');
      expect(html).not.toContain('private@example.org');
    }
  });

  it('is not served when MAIL_OUTBOX_PAGE is off', async () => {
    const off = await startTestServer(db, { mailOutboxPage: false });
    try {
      expect((await fetch(`${off.url}/outbox`)).status).toBe(404);
      const api = await fetch(`${off.url}/api/outbox`);
      expect(api.status).toBe(404);
      expect((await api.json()).error.code).toBe('not_found');
    } finally {
      await off.stop();
    }
  });
});
