import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HANDLER_PASSWORD, seedDemoHandlers } from '../../server/applications/index.ts';
import type { Running } from '../../server/main.ts';
import { StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

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

describe('demo handler accounts', () => {
  it('makes one role account per department on a fictional domain, once, that can sign in to its inbox', async () => {
    const created = await seedDemoHandlers(db);
    const departments = await db.query<{ id: string }>(`SELECT id FROM departments`);
    expect(created).toHaveLength(departments.length);
    expect(created).toContain('ymparisto.kasittelija@demo.invalid');
    expect(created.every((e) => e.endsWith('.kasittelija@demo.invalid'))).toBe(true);
    expect(await seedDemoHandlers(db)).toEqual([]);

    const c = new StaffClient(server.url);
    expect((await c.login('ymparisto.kasittelija@demo.invalid', DEMO_HANDLER_PASSWORD)).status).toBe(200);
    const me = await c.json<{ department: { id: string } }>('GET', '/api/applications/me');
    expect(me.body.department.id).toBe('environmental-services');
    expect((await c.json('GET', '/api/applications/inbox')).status).toBe(200);
  });

  it('is switched off by SEED_DEMO_ACCOUNTS=false and by default in production', async () => {
    const { loadConfig } = await import('../../server/config.ts');
    expect(loadConfig({ SEED_DEMO_ACCOUNTS: 'false' }).seedDemoAccounts).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemoAccounts).toBe(false);
    expect(loadConfig({}).seedDemoAccounts).toBe(true);
  });
});
