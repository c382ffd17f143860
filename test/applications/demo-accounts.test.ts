/**
 * Demo handler accounts share one password (drawn per install, logged once), so they exist only where a start seeded the
 * demo plots into an empty database, never by default in production, and every start warns
 * while any is left; `npm run remove-demo-accounts` deletes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDemoAccounts } from '../../server/applications/index.ts';
import type { Config } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { start, type Running } from '../../server/main.ts';
import { StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer, testConfig } from '../helpers/server.ts';

let db: TestDb;
let server: Running;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface LogLine {
  level: number;
  msg: string;
  accounts?: unknown;
  demoPassword?: string;
}

/** Starts and stops the server over the suite's database; returns what it logged. */
async function startOnce(overrides: Partial<Config>): Promise<LogLine[]> {
  const lines: string[] = [];
  const config = testConfig({ logLevel: 'info', ...overrides });
  const s = await start(config, createLogger('info', { write: (l: string) => void lines.push(l) }), { db });
  await s.stop();
  return lines.map((l) => JSON.parse(l) as LogLine);
}

const demoAccounts = async () =>
  (
    await db.query<{ email: string }>(
      `SELECT email FROM users WHERE email LIKE '%@demo.invalid' ORDER BY email`,
    )
  ).map((r) => r.email);
const stillActiveWarning = (log: LogLine[]) =>
  log.filter((l) => l.level === 40 && /demo accounts on the @demo\.invalid domain still active/.test(l.msg));
let demoPassword = '';
const asDemoStart = { seedDemo: true, seedDemoAccounts: true } satisfies Partial<Config>;

describe('demo handler accounts', () => {
  it('are not made by a start into a database that already holds plots, even when asked for', async () => {
    const log = await startOnce({ ...asDemoStart, demoCount: 50 });
    expect(await demoAccounts()).toEqual([]);
    expect(stillActiveWarning(log)).toEqual([]);
  });

  it('are not made by a start that seeds no demo plots (DEMO_COUNT=0)', async () => {
    await db.query(`DELETE FROM plots`);
    await startOnce({ ...asDemoStart, demoCount: 0 });
    expect(await demoAccounts()).toEqual([]);
  });

  it('are made with the demo plots, once, sign in to their inbox, and every start warns while they exist', async () => {
    const first = await startOnce({ ...asDemoStart, demoCount: 12 });
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plots`)) as [
      { n: number },
    ];
    expect(n).toBe(12);
    const departments = await db.query<{ id: string }>(`SELECT id FROM departments`);
    const made = await demoAccounts();
    // One handler per department, the demo key customer manager and the demo applicant.
    expect(made).toHaveLength(departments.length + 2);
    expect(made).toContain('hakija@demo.invalid');
    expect(made).toContain('ymparisto.kasittelija@demo.invalid');
    expect(made).toContain('avainasiakkaat.paallikko@demo.invalid');
    expect(made.filter((e) => e.endsWith('.kasittelija@demo.invalid'))).toHaveLength(departments.length);
    const created = first.find((l) => l.msg.startsWith('demo handler accounts created'));
    // The password is this install's own: random, never the one an earlier release published.
    demoPassword = created!.demoPassword!;
    expect(demoPassword).toMatch(/^demo-[A-Za-z0-9_-]{16}$/);
    expect(demoPassword).not.toBe('demo-kasittelija-2026');
    expect(created!.level).toBe(40);
    expect(stillActiveWarning(first)).toHaveLength(1);

    // A later start (the database now holds plots) makes none and warns again.
    const second = await startOnce(asDemoStart);
    expect(await demoAccounts()).toEqual(made);
    expect(second.some((l) => l.msg.startsWith('demo handler accounts created'))).toBe(false);
    expect(stillActiveWarning(second)).toHaveLength(1);
    expect(stillActiveWarning(second)[0]!.msg).toContain('npm run remove-demo-accounts');

    const c = new StaffClient(server.url);
    expect((await c.login('ymparisto.kasittelija@demo.invalid', demoPassword)).status).toBe(200);
    const me = await c.json<{ department: { id: string } }>('GET', '/api/applications/me');
    expect(me.body.department.id).toBe('environmental-services');
    expect((await c.json('GET', '/api/applications/inbox')).status).toBe(200);
  });

  it('are deleted by remove-demo-accounts: signed out, no sign-in, audit logged, and no more warning', async () => {
    const c = new StaffClient(server.url);
    expect((await c.login('pelastus.kasittelija@demo.invalid', demoPassword)).status).toBe(200);
    const gone = await removeDemoAccounts(db, 'test');
    expect(gone).toContain('pelastus.kasittelija@demo.invalid');
    expect(await demoAccounts()).toEqual([]);
    expect((await c.req('GET', '/api/applications/me')).status).toBe(401);
    expect(
      (await new StaffClient(server.url).login('pelastus.kasittelija@demo.invalid', demoPassword)).status,
    ).toBe(401);
    const audited = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.delete' AND actor = 'test'`,
    );
    expect(audited[0]!.n).toBe(gone.length);
    expect(stillActiveWarning(await startOnce(asDemoStart))).toEqual([]);
  });

  it('default off for a production start (NODE_ENV=production or any DATABASE_URL), on only when asked', async () => {
    const { loadConfig } = await import('../../server/config.ts');
    expect(loadConfig({}).seedDemoAccounts).toBe(true);
    expect(loadConfig({ SEED_DEMO_ACCOUNTS: 'false' }).seedDemoAccounts).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemoAccounts).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db.internal.example:5432/tl' }).seedDemoAccounts).toBe(
      false,
    );
    expect(loadConfig({ DATABASE_URL: 'postgres://app@10.0.4.2/tl' }).seedDemoAccounts).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tl' }).seedDemoAccounts).toBe(
      false,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://app@db.internal.example/tl', SEED_DEMO_ACCOUNTS: 'true' })
        .seedDemoAccounts,
    ).toBe(true);
  });
});
