import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { createMailer, type Mailer } from '../../server/mail/index.ts';
import type { Running } from '../../server/main.ts';
import { lastDigestTime, sendDailyDigests } from '../../server/saved-searches/index.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer, testConfig } from '../helpers/server.ts';
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from '../helpers/smtp.ts';
import { freshPropertyId, square } from '../staff/geo.ts';

let db: TestDb;
let server: Running;
let smtp: SmtpReceiver;
let publisher: StaffClient;
let mailer: Mailer;
const log = createLogger('silent');

interface Plot {
  id: number;
  version: number;
  block_plot: string;
  property_id: string;
}

beforeAll(async () => {
  db = await openTestDb();
  smtp = await startSmtpReceiver();
  // The per-client limit has its own test on its own server; every request here comes from 127.0.0.1.
  server = await startTestServer(db, { smtpUrl: smtp.url, savedSearchesPerIpPerHour: 0 });
  publisher = await signedIn(db, server.url, 'publisher');
  mailer = createMailer(testConfig({ smtpUrl: smtp.url }), db, log);
});
afterAll(async () => {
  await mailer?.close();
  await server?.stop();
  await smtp?.close();
  await db?.close();
});

let n = 0;
const address = (what: string) => `${what}-${++n}-${Math.random().toString(36).slice(2, 7)}@example.org`;

async function save(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/saved-searches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { error?: Record<string, unknown>; [k: string]: unknown },
  };
}

const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

/** The path and query of the first link in a mail whose path starts with `prefix`. */
function link(mail: ReceivedMail, prefix: string): string {
  const m = new RegExp(`https?://[^\\s/]+(${prefix.replace(/[?]/g, '\\?')}[^\\s]*)`).exec(mail.text);
  if (!m) throw new Error(`no ${prefix} link in:\n${mail.text}`);
  return m[1]!;
}

/** Saves a search and follows the confirmation link in the mail it sends. */
async function savedAndConfirmed(email: string, body: Record<string, unknown>): Promise<ReceivedMail> {
  const res = await save({ email, ...body });
  expect(res.status).toBe(202);
  const mail = await smtp.waitFor((m) => m.to.includes(email));
  const page = await fetch(server.url + link(mail, '/api/saved-searches/confirm'));
  expect(page.status).toBe(200);
  return mail;
}

/** A published plot (a draft first, then the publish transition). */
async function published(extra: Record<string, unknown>, opts: { demo?: boolean } = {}): Promise<Plot> {
  const draft = await draftPlot(extra);
  if (opts.demo) await db.query('UPDATE plots SET is_demo = true WHERE id = $1', [draft.id]);
  const version = opts.demo ? draft.version + 1 : draft.version;
  const res = await publisher.json<{ plot: Plot }>('POST', `/api/staff/plots/${draft.id}/publish`, {
    version,
  });
  expect(res.status).toBe(200);
  return res.body.plot;
}

async function draftPlot(extra: Record<string, unknown>): Promise<Plot> {
  const res = await publisher.json<{ plot: Plot }>('POST', '/api/staff/plots', {
    property_id: freshPropertyId(),
    use_code: 'TV',
    building_right_kem2: 1200,
    geometry: square(24.8711, 60.2201),
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.plot;
}

describe('saving and confirming', () => {
  it('mails a confirmation link in the chosen language and shows a page when it is followed', async () => {
    const email = address('confirm');
    const res = await save({
      email,
      filter: { use_class: 'industrial', area_min: '2000' },
      language: 'sv',
      frequency: 'daily',
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'confirmation_sent', savedSearch: { email, confirmed: false } });
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Bekräfta bevakningen');
    expect(mail.text).toContain('användning: industri; areal minst (m²): 2000');
    expect(mail.text).toContain('Daglig sammanfattning');

    const path = link(mail, '/api/saved-searches/confirm');
    const page = await fetch(server.url + path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Bevakningen är på');
    expect(html).toContain(email);
    expect(html).toContain(
      '/?use_class=industrial&amp;area_min=2000&amp;lang=sv">Öppna sökningen på kartan</a>',
    );
    // Following the link again changes nothing and says the same.
    const again = await fetch(server.url + path, { headers: { accept: 'application/json' } });
    expect(await again.json()).toMatchObject({
      status: 'confirmed',
      savedSearch: { email, frequency: 'daily' },
    });
  });

  it('never mails an unconfirmed search about a matching plot', async () => {
    const quiet = address('unconfirmed');
    expect((await save({ email: quiet, filter: { q: 'Routakatu' } })).status).toBe(202);
    const control = address('control');
    await savedAndConfirmed(control, { filter: { q: 'Routakatu' } });
    const plot = await published({ address: 'Routakatu 1' });
    await smtp.waitFor((m) => m.to.includes(control) && m.text.includes(`plot=${plot.id}`));
    expect(mailsTo(quiet)).toHaveLength(1); // the confirmation request only
  });
});

describe('immediate alerts', () => {
  const email = address('immediate');
  let first: Plot;

  it('mails a matching plot with a link to its card, and nothing about a plot that does not match', async () => {
    await savedAndConfirmed(email, { filter: { q: 'Sammalkatu', use_code: 'TV' }, language: 'fi' });
    const other = await published({ address: 'Sammalkatu 5', use_code: 'KT' });
    first = await published({ address: 'Sammalkatu 3' });
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Hakuvahti'));
    expect(mail.subject).toBe(`Hakuvahti: uusi tontti ${first.block_plot}`);
    expect(mail.text).toContain(`Sammalkatu 3`);
    expect(mail.text).toContain(`/?plot=${first.id}&lang=fi`);
    expect(mail.text).not.toContain('ESITTELYAINEISTOA');
    expect(link(mail, '/?plot=')).toBe(`/?plot=${first.id}&lang=fi`);
    expect(mail.text).toContain('/api/saved-searches/unsubscribe?token=');
    expect(smtp.messages.some((m) => m.text.includes(`plot=${other.id}&`))).toBe(false);
  });

  it('never mails the same plot twice, even when it is withdrawn and published again', async () => {
    const w = await publisher.json<{ plot: Plot }>('POST', `/api/staff/plots/${first.id}/withdraw`, {
      version: first.version,
    });
    expect(w.status).toBe(200);
    const again = await publisher.json<{ plot: Plot }>('POST', `/api/staff/plots/${first.id}/publish`, {
      version: w.body.plot.version,
    });
    expect(again.status).toBe(200);
    const next = await published({ address: 'Sammalkatu 7' });
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.text.includes(`plot=${next.id}&`));
    expect(mail.text).not.toContain(`plot=${first.id}&`);
    expect(mailsTo(email).filter((m) => m.text.includes(`plot=${first.id}&`))).toHaveLength(1);
  });

  it('lists the plots of one publication batch in one mail', async () => {
    const a = await draftPlot({ address: 'Sammalkatu 9' });
    const b = await draftPlot({ address: 'Sammalkatu 11' });
    const res = await publisher.json('POST', '/api/staff/plots/bulk', {
      ids: [a.id, b.id],
      action: 'publish',
    });
    expect(res.status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.text.includes(`plot=${a.id}&`));
    expect(mail.subject).toBe('Hakuvahti: 2 uutta tonttia');
    expect(mail.text).toContain(`plot=${b.id}&`);
  });

  it('labels demo plots as demo data', async () => {
    const demoEmail = address('demo');
    await savedAndConfirmed(demoEmail, { filter: { q: 'Esimerkkitie' }, language: 'en' });
    const plot = await published({ address: 'Esimerkkitie 2' }, { demo: true });
    const mail = await smtp.waitFor((m) => m.to.includes(demoEmail) && m.text.includes(`plot=${plot.id}&`));
    expect(mail.subject).toBe(`[DEMO] Saved search: new plot ${plot.block_plot}`);
    expect(mail.text).toContain('DEMO DATA: these plots are generated');
  });
});

describe('saving the same search again', () => {
  it('replaces the earlier one once confirmed, without mailing its plots again', async () => {
    const email = address('again');
    await savedAndConfirmed(email, { filter: { q: 'Toistotie' } });
    const p1 = await published({ address: 'Toistotie 1' });
    await smtp.waitFor((m) => m.to.includes(email) && m.text.includes(`plot=${p1.id}&`));

    await save({ email, filter: { q: 'Toistotie' }, frequency: 'daily', language: 'en' });
    const rows = () =>
      db.query<{ frequency: string; confirmed: boolean }>(
        'SELECT frequency, confirmed FROM saved_searches WHERE email = $1 ORDER BY id',
        [email],
      );
    // Until the new request is confirmed, the old search goes on as it was.
    expect(await rows()).toEqual([
      { frequency: 'immediate', confirmed: true },
      { frequency: 'daily', confirmed: false },
    ]);
    const confirm = await smtp.waitFor(
      (m) => m.to.includes(email) && m.subject === 'Confirm your saved search',
    );
    expect((await fetch(server.url + link(confirm, '/api/saved-searches/confirm'))).status).toBe(200);
    expect(await rows()).toEqual([{ frequency: 'daily', confirmed: true }]);

    const deps = { db, mailer, log, config: { publicBaseUrl: server.url } };
    await sendDailyDigests(deps, new Date(Date.now() + 24 * 3600_000));
    const digests = await db.query(
      `SELECT 1 FROM mail_outbox WHERE to_address = $1 AND kind = 'saved_search.digest'`,
      [email],
    );
    expect(digests).toHaveLength(0); // p1 was mailed already: nothing new for the digest
  });
});

describe('several server instances', () => {
  it('mail each new plot once when two instances hear the same publication', async () => {
    const second = await startTestServer(db, { smtpUrl: smtp.url, savedSearchesPerIpPerHour: 0 });
    try {
      const email = address('twice');
      await savedAndConfirmed(email, { filter: { q: 'Kaksoiskuja' } });
      const plots = [];
      for (const n of [1, 2, 3]) {
        const p = await published({ address: `Kaksoiskuja ${n}` });
        plots.push(p);
        await smtp.waitFor((m) => m.to.includes(email) && m.text.includes(`plot=${p.id}&`));
      }
      const stored = await db.query<{ text_body: string }>(
        `SELECT text_body FROM mail_outbox WHERE to_address = $1 AND kind = 'saved_search.immediate'`,
        [email],
      );
      for (const p of plots)
        expect(stored.filter((m) => m.text_body.includes(`plot=${p.id}&`))).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

describe('daily digests', () => {
  it('collects the day’s matching plots into one mail, sent once', async () => {
    const email = address('daily');
    await savedAndConfirmed(email, { filter: { q: 'Kalliokuja' }, language: 'sv', frequency: 'daily' });
    const [id] = (
      await db.query<{ id: string }>('SELECT id::text AS id FROM saved_searches WHERE email = $1', [email])
    ).map((r) => r.id);
    const plots = [
      await published({ address: 'Kalliokuja 1' }),
      await published({ address: 'Kalliokuja 2' }),
    ];
    await waitForMatches(id!, 2);
    expect(mailsTo(email)).toHaveLength(1); // the confirmation: daily searches wait for the digest

    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const deps = { db, mailer, log, config: { publicBaseUrl: 'https://tontit.example.org' } };
    // Two instances running the digest at the same moment send it once.
    await Promise.all([sendDailyDigests(deps, tomorrow), sendDailyDigests(deps, tomorrow)]);
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('sammanfattning'));
    expect(mail.subject).toBe('Bevakningens dagliga sammanfattning: 2 nya tomter');
    for (const p of plots) expect(mail.text).toContain(`https://tontit.example.org/?plot=${p.id}&lang=sv`);
    await sendDailyDigests(deps, tomorrow);
    const stored = await db.query(
      `SELECT 1 FROM mail_outbox WHERE to_address = $1 AND kind = 'saved_search.digest'`,
      [email],
    );
    expect(stored).toHaveLength(1);
  });

  it('goes out from the configured hour of Helsinki time', () => {
    // 06:30 UTC in November is 08:30 in Helsinki: today's 07:00 (05:00 UTC) has passed.
    expect(lastDigestTime(new Date('2026-11-28T06:30:00Z'), 7).toISOString()).toBe(
      '2026-11-28T05:00:00.000Z',
    );
    // 04:00 UTC is 06:00 in Helsinki: the last digest time was yesterday's.
    expect(lastDigestTime(new Date('2026-11-28T04:00:00Z'), 7).toISOString()).toBe(
      '2026-11-27T05:00:00.000Z',
    );
    // Summer time: 07:00 in Helsinki is 04:00 UTC.
    expect(lastDigestTime(new Date('2026-06-15T12:00:00Z'), 7).toISOString()).toBe(
      '2026-06-15T04:00:00.000Z',
    );
  });
});

async function waitForMatches(searchId: string, count: number) {
  for (let i = 0; i < 400; i++) {
    const [r] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM saved_search_matches WHERE search_id = $1',
      [searchId],
    );
    if (r!.n >= count) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`search ${searchId} never reached ${count} matches`);
}

describe('unsubscribing', () => {
  it('works from the mail without signing in, is idempotent, and stops the mails', async () => {
    const email = address('leaving');
    const control = address('staying');
    await savedAndConfirmed(email, { filter: { q: 'Lähtökuja' }, language: 'en' });
    await savedAndConfirmed(control, { filter: { q: 'Lähtökuja' } });
    const p1 = await published({ address: 'Lähtökuja 1' });
    const alert = await smtp.waitFor((m) => m.to.includes(email) && m.text.includes(`plot=${p1.id}&`));
    const path = link(alert, '/api/saved-searches/unsubscribe');

    const ask = await fetch(server.url + path);
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain('Unsubscribe from this saved search?');
    expect(askHtml).toContain('<form method="post"');

    // The mail client's own button (RFC 2369 and the one-click POST of RFC 8058) uses the same link.
    expect(alert.headers['list-unsubscribe']).toBe(`<${server.url}${path}>`);
    expect(alert.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    for (let i = 0; i < 2; i++) {
      const done = await fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('You are unsubscribed');
    }
    const later = await fetch(server.url + path, { headers: { accept: 'application/json' } });
    expect(await later.json()).toEqual({ status: 'unsubscribed' });
    expect(await db.query('SELECT 1 FROM saved_searches WHERE email = $1', [email])).toHaveLength(0);

    const p2 = await published({ address: 'Lähtökuja 2' });
    await smtp.waitFor((m) => m.to.includes(control) && m.text.includes(`plot=${p2.id}&`));
    expect(mailsTo(email).some((m) => m.text.includes(`plot=${p2.id}&`))).toBe(false);
  });

  it('answers an unknown token with a page in the link’s language, or JSON when asked', async () => {
    const page = await fetch(`${server.url}/api/saved-searches/unsubscribe?token=${'x'.repeat(43)}&lang=en`);
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('The link is unknown or has expired.');
    expect(html).toContain('invalid_token');
    const json = await fetch(`${server.url}/api/saved-searches/confirm?token=nope&lang=sv`, {
      headers: { accept: 'application/json' },
    });
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({
      error: {
        code: 'invalid_token',
        message: 'Länken är okänd eller har gått ut.',
        value: 'nope',
        param: 'token',
      },
    });
  });
});

describe('bad input', () => {
  it.each([
    [
      { email: 'not-an-address' },
      400,
      'invalid_email',
      'not-an-address',
      'Sähköpostiosoite "not-an-address" ei kelpaa.',
    ],
    [{ language: 'de' }, 400, 'invalid_language', 'de', 'Tuntematon kieli "de"; sallitut: fi, sv, en.'],
    [
      { frequency: 'hourly', language: 'en' },
      400,
      'invalid_frequency',
      'hourly',
      'Unknown frequency "hourly"; accepted: immediate, daily.',
    ],
    [
      { filter: { use_class: 'castle' }, language: 'sv' },
      400,
      'invalid_filter',
      'castle',
      'Filtrets del use_class är ogiltig: "castle".',
    ],
    [
      { filter: { colour: 'red' }, language: 'en' },
      400,
      'invalid_filter',
      'colour',
      'The filter’s colour is not valid: "colour".',
    ],
    [
      { filter: { ids: '1,2' }, language: 'en' },
      400,
      'filter_selection',
      'ids',
      'A saved search cannot hold a selection of plots (ids): new plots are never in it.',
    ],
  ])('%j -> %i %s', async (bad, status, code, value, message) => {
    const res = await save({ email: address('bad'), filter: {}, ...bad });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, value, message });
  });

  it('refuses a body that is not JSON (a cross-site form)', async () => {
    const res = await fetch(`${server.url}/api/saved-searches`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      body: 'email=a%40example.org',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('json_required');
  });

  it('limits new searches per address', async () => {
    const email = address('busy');
    for (let i = 0; i < 5; i++)
      expect((await save({ email, filter: { area_min: String(i) } })).status).toBe(202);
    const res = await save({ email, filter: { area_min: '9' }, language: 'en' });
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: 'too_many_requests', value: email });
  });

  it('limits new searches per client address', async () => {
    const strict = await startTestServer(db, { savedSearchesPerIpPerHour: 2 });
    try {
      const post = (email: string) =>
        fetch(`${strict.url}/api/saved-searches`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, language: 'en' }),
        });
      expect((await post(address('ip'))).status).toBe(202);
      expect((await post(address('ip'))).status).toBe(202);
      const third = await post(address('ip'));
      expect(third.status).toBe(429);
      expect(((await third.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    } finally {
      await strict.stop();
    }
  });
});

describe('personal data requests', () => {
  it('lets an admin list the searches of an address and delete one; other roles are refused', async () => {
    const email = address('request');
    await savedAndConfirmed(email, { filter: { q: 'Poistotie' } });
    const admin = await signedIn(db, server.url, 'admin');
    const list = await admin.json<{ items: Array<{ id: string; email: string; confirmed: boolean }> }>(
      'GET',
      `/api/staff/saved-searches?email=${encodeURIComponent(email.toUpperCase())}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ email, confirmed: true });
    const id = list.body.items[0]!.id;

    expect((await publisher.json('GET', `/api/staff/saved-searches?email=${email}`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/staff/saved-searches?email=${email}`)).status).toBe(401);

    expect((await admin.req('DELETE', `/api/staff/saved-searches/${id}`)).status).toBe(204);
    const after = await admin.json<{ items: unknown[] }>('GET', `/api/staff/saved-searches?email=${email}`);
    expect(after.body.items).toHaveLength(0);
    const again = await admin.json<{ error: { code: string; value: string } }>(
      'DELETE',
      `/api/staff/saved-searches/${id}`,
    );
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ code: 'saved_search_not_found', value: id });
  });
});
