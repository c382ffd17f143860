/**
 * SQL injection strings in every parameter of every endpoint that reads one (public API, staff
 * API with a signed-in admin, login body): never a 5xx or a hang, and afterwards the plots, their
 * versions and the accounts are exactly as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { FILTER, SQL_INJECTIONS } from './hostile.ts';
import { dataFingerprint, timed, violation } from './http.ts';
import { useTestServer } from '../helpers/fixture.ts';

let admin: StaffClient;
let plotId = 0;

const app = useTestServer({ apiRateLimitPerMin: 0, loginRateLimitPerMinute: 10_000 });
beforeAll(async () => {
  admin = await signedIn(app.db, app.url, 'admin');
  plotId = (
    await app.db.query<{ id: number }>(`SELECT min(id)::int AS id FROM plots WHERE status = 'published'`)
  )[0]!.id;
});

async function accounts(): Promise<string> {
  const rows = await app.db.query<{ s: string }>(
    `SELECT md5(string_agg(md5(u::text), '' ORDER BY u.id)) AS s FROM users u`,
  );
  return rows[0]!.s;
}

/** Path templates and the parameters each reads; `{v}` in a path is a path parameter. */
const PUBLIC: Array<[string, readonly string[]]> = [
  ['/tiles/plots/14/9326/4739.mvt', [...FILTER, 'v']],
  ['/tiles/plots/{v}/9326/4739.mvt', []],
  ['/tiles/plots.json', FILTER],
  ['/ogc/collections/plots/items', ['bbox', 'bbox-crs', 'crs', 'limit', 'f', 'after', 'before', ...FILTER]],
  ['/ogc/collections/districts/items', ['bbox', 'crs', 'limit', 'after']],
  ['/ogc/collections/{v}/items', []],
  ['/ogc/collections/plots/items/{v}', ['crs', 'f']],
  ['/api/search', ['q', 'limit', 'lang']],
  ['/api/plots', ['bbox', 'sort', 'limit', 'cursor', ...FILTER]],
  ['/api/plots/{v}', []],
  ['/api/districts', []],
  ['/api/districts/counts', FILTER],
  ['/api/outline', ['sub_district', 'plan']],
  ['/api/export', ['format', 'crs', 'columns', 'delimiter', 'geometry', 'lang', ...FILTER]],
  ['/api/plots/{v}/factsheet.pdf', ['lang']],
  ['/api/shortlist.pdf', ['ids', 'lang']],
  ['/api/plots/{v}/contacts', []],
  ['/basemap/style.json', ['lang']],
];

const STAFF: Array<[string, readonly string[]]> = [
  ['/api/staff/plots', ['status', 'sort', 'limit', 'offset', 'scheduled', ...FILTER]],
  ['/api/staff/plots/{v}', []],
  ['/api/staff/plots/{v}/history', []],
  ['/api/staff/audit', ['action', 'actor', 'target_type', 'target_id', 'from', 'to', 'before', 'limit']],
  ['/api/staff/audit.csv', ['action', 'actor', 'from', 'to']],
  ['/api/staff/import/jobs/{v}', []],
  ['/api/staff/import/jobs/{v}/rows', []],
];

function urls(list: Array<[string, readonly string[]]>): string[] {
  const out: string[] = [];
  for (const [tpl, params] of list) {
    for (const inj of SQL_INJECTIONS) {
      const v = encodeURIComponent(inj);
      if (tpl.includes('{v}')) out.push(tpl.replace('{v}', v));
      for (const p of params) out.push(`${tpl.replace('{v}', String(plotId))}?${p}=${v}`);
    }
  }
  return out;
}

/** Runs the requests 8 at a time; returns every violation. */
async function sweep(paths: string[], init: (p: string) => RequestInit = () => ({})): Promise<string[]> {
  const bad: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) {
        const p = paths[next++]!;
        const v = violation(await timed(app.url + p, init(p), 15_000));
        if (v) bad.push(`${p} -> ${v}`);
      }
    }),
  );
  return bad;
}

describe('SQL injection in every parameter', { timeout: 120_000 }, () => {
  let before: Awaited<ReturnType<typeof dataFingerprint>>;
  let users: string;
  beforeAll(async () => {
    before = await dataFingerprint(app.db);
    users = await accounts();
  });

  it('public API: no 5xx, no hang, JSON errors', async () => {
    expect(await sweep(urls(PUBLIC))).toEqual([]);
  });

  it('staff API (signed in as admin): no 5xx, no hang, JSON errors', async () => {
    expect(await sweep(urls(STAFF), () => ({ headers: { cookie: admin.cookie } }))).toEqual([]);
  });

  it('login and staff bodies: no 5xx, no sign-in', async () => {
    const bad: string[] = [];
    for (const inj of SQL_INJECTIONS) {
      for (const body of [
        { email: inj, password: inj },
        { email: `admin@example.org${inj}`, password: 'x' },
        { email: "' OR 1=1 --", password: inj },
      ]) {
        const r = await timed(`${app.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (violation(r) || r.status === 200) bad.push(`login ${JSON.stringify(body)} -> ${r.status}`);
      }
      const bulk = await timed(`${app.url}/api/staff/plots/bulk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        body: JSON.stringify({ ids: [inj], set: { availability: inj }, status: inj }),
      });
      if (violation(bulk)) bad.push(`bulk ${inj} -> ${violation(bulk)}`);
      const mapping = await timed(`${app.url}/api/staff/import/mappings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        body: JSON.stringify({ name: 'x', mapping: { [inj]: inj } }),
      });
      if (violation(mapping)) bad.push(`mapping ${inj} -> ${violation(mapping)}`);
    }
    expect(bad).toEqual([]);
  });

  it('left plots, versions and accounts exactly as they were', async () => {
    expect(await dataFingerprint(app.db)).toEqual(before);
    expect(await accounts()).toBe(users);
  });
});
