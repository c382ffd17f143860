/**
 * Hostile input to every key-project route that takes a body or a path id: whatever arrives,
 * the answer is a 2xx or a 4xx with a stable error code, never a 500, and nothing leaks the SQL.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { registerApplicant, roihupeltoPlot, MANY_LOGINS } from '../applications/helpers.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { PROTOTYPE_NAMES, SQL_INJECTIONS } from './hostile.ts';

let db: TestDb;
let server: Running;
let applicant: StaffClient;
let manager: StaffClient;
let admin: StaffClient;
let project = '';

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, MANY_LOGINS);
  admin = await signedIn(db, server.url, 'admin');
  manager = await signedIn(db, server.url, 'key_account_manager');
  applicant = await registerApplicant(db, server.url);
  const p = await applicant.json<{ project: { id: string } }>('POST', '/api/applications/projects', {
    plotIds: [await roihupeltoPlot(db)],
    activity: 'surface-treatment',
    facts: { new_building: true },
    keyProject: { requestManager: true },
  });
  project = p.body.project.id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const hostile = fc.oneof(
  fc.constantFrom<unknown>(...SQL_INJECTIONS, ...PROTOTYPE_NAMES, null, true, -1, 1e308, '', [], {}),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.array(fc.string(), { maxLength: 3 }),
);
// Roadmap items: objects whose every field is hostile.
const items = fc.array(
  fc.dictionary(fc.constantFrom('caseId', 'position', 'startsOn', 'decisionOn', 'note'), hostile),
  { maxLength: 3 },
);
const body = fc.dictionary(
  fc.constantFrom(
    'body',
    'investmentEur',
    'jobs',
    'requestManager',
    'startsAt',
    'place',
    'videoUrl',
    'invitees',
    'userId',
    'dueOn',
    'caseId',
    'note',
    'flagged',
    'items',
    'response',
    'min_jobs',
    'min_area_m2',
    'responsiblePerson',
    'lead',
    'leadEmail',
    '__proto__',
  ),
  fc.oneof(hostile, items),
);
const segment = fc.oneof(
  fc.constantFrom(...SQL_INJECTIONS, ...PROTOTYPE_NAMES, '0', '-1', '99999999999999999999'),
  fc.string(),
);

type Route = [StaffClient, string, (seg: string) => string];
const routes = (): Route[] => [
  [applicant, 'PUT', () => `/api/key-projects/mine/${project}/facts`],
  [applicant, 'POST', () => `/api/key-projects/mine/${project}/messages`],
  [applicant, 'POST', (s) => `/api/key-projects/mine/${project}/meetings/${s}/response`],
  [applicant, 'GET', (s) => `/api/key-projects/mine/${s}`],
  [manager, 'GET', (s) => `/api/key-projects/${s}`],
  [manager, 'POST', () => `/api/key-projects/${project}/notes`],
  [manager, 'POST', () => `/api/key-projects/${project}/messages`],
  [manager, 'POST', () => `/api/key-projects/${project}/meetings`],
  [manager, 'PUT', () => `/api/key-projects/${project}/manager`],
  [manager, 'PUT', (s) => `/api/key-projects/${project}/team/${s}`],
  [manager, 'POST', () => `/api/key-projects/${project}/reminders`],
  [manager, 'POST', (s) => `/api/key-projects/${project}/cases/${s}/escalate`],
  [manager, 'PUT', () => `/api/key-projects/${project}/roadmap`],
  [manager, 'POST', (s) => `/api/key-projects/${s}/roadmap/send`],
  [manager, 'GET', (s) => `/api/key-projects/${project}/roadmap.pdf?lang=${s}`],
  [applicant, 'GET', (s) => `/api/key-projects/${s}/roadmap.pdf`],
  [manager, 'PUT', (s) => `/api/key-projects/${s}/flag`],
  [admin, 'PUT', () => '/api/key-projects/admin/thresholds'],
  [admin, 'PUT', (s) => `/api/key-projects/admin/users/${s}`],
  [admin, 'PUT', (s) => `/api/key-projects/admin/departments/${s}`],
];

describe('key-project routes under hostile input', { timeout: 120_000 }, () => {
  it('answer 2xx or 4xx with a code, never 5xx', async () => {
    for (const [client, method, path] of routes())
      await fc.assert(
        fc.asyncProperty(body, segment, async (b, s) => {
          const url = path(encodeURIComponent(s));
          const res = await client.req(method, url, method === 'GET' ? undefined : b);
          const text = await res.text();
          expect(res.status, `${method} ${url} ${JSON.stringify(b)}: ${text}`).toBeLessThan(500);
          if (res.status >= 400) expect(JSON.parse(text).error.code, text).toMatch(/^[a-z_]+$/);
          expect(text).not.toMatch(/syntax error at or near|invalid input syntax for|does not exist/i);
        }),
        { numRuns: 25 },
      );
  });
});
