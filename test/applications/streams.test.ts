/**
 * Live streams (SSE) end with their session, on whichever instance the session ends, and one
 * session holds at most eight at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/index.ts';
import type { Running } from '../../server/main.ts';
import { StaffClient, signedIn } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  APPLICANT_PASSWORD,
  handlerOf,
  openEvents,
  registerApplicant,
  roihupeltoPlot,
  MANY_LOGINS,
} from './helpers.ts';

let db: TestDb;
let server: Running;
let plot: number;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  plot = await roihupeltoPlot(db);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

/** An applicant with a draft project, and the path of its timeline stream. */
async function applicantWithProject() {
  const c = await registerApplicant(db, server.url);
  const res = await c.json<{ project: { id: string } }>('POST', '/api/applications/projects', {
    plotIds: [plot],
    activity: 'warehouse-logistics',
    facts: {},
  });
  expect(res.status).toBe(201);
  return { c, path: `/api/applications/projects/${res.body.project.id}/events` };
}

/** Resolves when the stream closed within `ms`; rejects (failing the test) otherwise. */
const endsWithin = (s: { ended: Promise<unknown> }, ms = 5_000) =>
  Promise.race([
    s.ended,
    new Promise((_r, reject) => setTimeout(() => reject(new Error(`stream still open after ${ms} ms`)), ms)),
  ]);

const userIdOf = async (email: string) =>
  (await db.query<{ id: string }>(`SELECT id::text FROM users WHERE email = $1`, [email]))[0]!.id;

describe('a live stream ends with its session', () => {
  it('on logout: the stream says why and closes', async () => {
    const { c, path } = await applicantWithProject();
    const live = await openEvents(server.url, path, c.cookie);
    expect(live.status).toBe(200);
    expect((await c.req('POST', '/api/auth/logout')).status).toBe(204);
    await endsWithin(live);
    expect(live.events.at(-1)).toMatchObject({ event: 'end', data: '{"reason":"session_ended"}' });
  });

  it('on a password change made in another session of the account', async () => {
    const { c, path } = await applicantWithProject();
    const live = await openEvents(server.url, path, c.cookie);
    const other = new StaffClient(server.url);
    expect((await other.login(c.email, APPLICANT_PASSWORD)).status).toBe(200);
    const changed = await other.req('POST', '/api/auth/password', {
      currentPassword: APPLICANT_PASSWORD,
      newPassword: 'toinen pitkä salasana 2027',
    });
    expect(changed.status).toBe(204);
    await endsWithin(live);
    // The session that changed it stays, and so may stream.
    const mine = await openEvents(server.url, path, other.cookie);
    expect(mine.status).toBe(200);
    mine.close();
  });

  it('when an admin disables the account (a handler on the inbox stream)', async () => {
    const h = await handlerOf(db, server.url, 'environmental-services');
    const me = await h.json<{ user: { id: string } }>('GET', '/api/auth/me');
    const live = await openEvents(server.url, '/api/applications/inbox/events', h.cookie);
    expect(live.status).toBe(200);
    const admin = await signedIn(db, server.url, 'admin');
    expect((await admin.req('PATCH', `/api/staff/users/${me.body.user.id}`, { disabled: true })).status).toBe(
      200,
    );
    await endsWithin(live);
  });

  it('when an admin erases the applicant', async () => {
    const { c, path } = await applicantWithProject();
    const live = await openEvents(server.url, path, c.cookie);
    const admin = await signedIn(db, server.url, 'admin');
    const del = await admin.req('DELETE', `/api/applications/admin/applicants/${await userIdOf(c.email)}`);
    expect(del.status).toBe(204);
    await endsWithin(live);
  });

  it('when the logout happens through another instance', async () => {
    // On PostgreSQL a second server with its own pool (the NOTIFY crosses connections); the
    // embedded database has one process, so there the instance is shared.
    const second = db.url
      ? await openDb({ databaseUrl: db.url, poolSize: 2, statementTimeoutMs: 30_000, dataDir: '' })
      : db;
    const other = await startTestServer(second, MANY_LOGINS);
    try {
      const { c, path } = await applicantWithProject();
      const live = await openEvents(other.url, path, c.cookie);
      expect(live.status).toBe(200);
      expect((await c.req('POST', '/api/auth/logout')).status).toBe(204);
      await endsWithin(live);
    } finally {
      await other.stop();
      if (second !== db) await second.close();
    }
  });

  it('and a stream of a session already ended is refused', async () => {
    const { c, path } = await applicantWithProject();
    await c.req('POST', '/api/auth/logout');
    const live = await openEvents(server.url, path, c.cookie);
    expect(live.status).toBe(401);
  });
});

describe('streams per session', () => {
  it('the ninth at once is 429 too_many_streams with the cap; closing one lets a new one open', async () => {
    const { c, path } = await applicantWithProject();
    const open = [];
    for (let i = 0; i < 8; i++) {
      const s = await openEvents(server.url, path, c.cookie);
      expect(s.status).toBe(200);
      open.push(s);
    }
    const ninth = await openEvents(server.url, path, c.cookie);
    expect(ninth.status).toBe(429);
    expect(ninth.error).toMatchObject({ code: 'too_many_streams', value: 8, limit: 8 });
    // Another session of the same account has its own eight.
    const other = new StaffClient(server.url);
    await other.login(c.email, APPLICANT_PASSWORD);
    const theirs = await openEvents(server.url, path, other.cookie);
    expect(theirs.status).toBe(200);
    theirs.close();

    open.pop()!.close();
    let again = await openEvents(server.url, path, c.cookie);
    // The server hears the close a moment after the client aborts.
    for (let i = 0; again.status === 429 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await openEvents(server.url, path, c.cookie);
    }
    expect(again.status).toBe(200);
    again.close();
    for (const s of open) s.close();
  });
});
