/**
 * Every staff endpoint against every role: anonymous 401, roles without the permission 403,
 * the rest get past the guard (whatever the endpoint then says about the empty body).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { signedIn, StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

type Role = 'admin' | 'publisher' | 'editor' | 'handler' | 'applicant';
const ROLES: Role[] = ['admin', 'publisher', 'editor', 'handler', 'applicant'];
const STAFF: Role[] = ['admin', 'publisher', 'editor'];
const PUB: Role[] = ['admin', 'publisher'];
const ADMIN: Role[] = ['admin'];

// [method, path (:id = a draft plot, :job = an import job), roles allowed]
const ROUTES: Array<[string, string, Role[]]> = [
  ['GET', '/api/staff/fields', STAFF],
  ['GET', '/api/staff/plots', STAFF],
  ['POST', '/api/staff/plots', STAFF],
  ['POST', '/api/staff/plots/bulk', STAFF],
  ['POST', '/api/staff/plots/merge', STAFF],
  ['POST', '/api/staff/plots/:id/split', STAFF],
  ['GET', '/api/staff/plots/:id', STAFF],
  ['PATCH', '/api/staff/plots/:id', STAFF],
  ['GET', '/api/staff/plots/:id/history', STAFF],
  ['POST', '/api/staff/plots/:id/restore', STAFF],
  ['POST', '/api/staff/plots/:id/publish', PUB],
  ['POST', '/api/staff/plots/:id/withdraw', PUB],
  ['POST', '/api/staff/plots/:id/draft', PUB],
  ['POST', '/api/staff/plots/:id/schedule', PUB],
  ['GET', '/api/staff/users', ADMIN],
  ['POST', '/api/staff/users', ADMIN],
  ['PATCH', '/api/staff/users/1', ADMIN],
  ['GET', '/api/staff/audit', ADMIN],
  ['GET', '/api/staff/audit.csv', ADMIN],
  ['GET', '/api/staff/import/presets', STAFF],
  ['GET', '/api/staff/import/mappings', STAFF],
  ['POST', '/api/staff/import/mappings', STAFF],
  ['POST', '/api/staff/import/jobs', STAFF],
  ['GET', '/api/staff/import/jobs/:job', STAFF],
  ['POST', '/api/staff/import/jobs/:job/configure', STAFF],
  ['GET', '/api/staff/import/jobs/:job/rows', STAFF],
  ['PATCH', '/api/staff/import/jobs/:job/rows/1', STAFF],
  ['POST', '/api/staff/import/jobs/:job/commit', PUB],
  ['DELETE', '/api/staff/import/jobs/:job', STAFF],
];

let db: TestDb;
let server: Running;
const clients = new Map<Role, StaffClient>();
let plotId = 0;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, { loginRateLimitPerMinute: 1000 });
  await db.query(
    `INSERT INTO departments (id, name_fi, name_sv, name_en) VALUES ('building-control', 'Rakennusvalvonta', 'Byggnadstillsyn', 'Building control') ON CONFLICT DO NOTHING`,
  );
  for (const r of ROLES)
    clients.set(
      r,
      await signedIn(
        db,
        server.url,
        r,
        r === 'handler'
          ? { departmentId: 'building-control' }
          : r === 'applicant'
            ? { organisation: 'Example Oy' }
            : {},
      ),
    );
  const [p] = await db.query<{ id: number }>(
    `SELECT id::int FROM plots WHERE status = 'draft' ORDER BY id LIMIT 1`,
  );
  plotId = p?.id ?? (await db.query<{ id: number }>(`SELECT id::int FROM plots ORDER BY id LIMIT 1`))[0]!.id;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

// A job id that does not exist: a role that gets past the guard sees 404, never 401/403.
const path = (p: string) =>
  p.replace(':id', String(plotId)).replace(':job', '00000000-0000-4000-8000-000000000000');

describe.each(ROUTES)('%s %s', (method, route, allowed) => {
  it('refuses anonymous callers with 401', async () => {
    const res = await fetch(server.url + path(route), {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'x' },
      body: method === 'GET' ? undefined : '{}',
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('auth_required');
  });
  it.each(ROLES)('as %s', async (role) => {
    const res = await clients
      .get(role)!
      .req(method, path(route), method === 'GET' || method === 'DELETE' ? undefined : {});
    if (allowed.includes(role)) expect([401, 403]).not.toContain(res.status);
    else {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
  });
});
