/**
 * Keys a client chooses are looked up as a table's own entries only: "constructor",
 * "__proto__", "toString" and the other names every object inherits are unknown keys (a 4xx
 * with its code), never a 5xx. And JSON nested past any real document is refused up front,
 * in request bodies (400 json_too_deep with the depth) and in imported files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { deepJson, PROTOTYPE_NAMES } from './hostile.ts';
import { timed, violation, type Timed } from './http.ts';
import { useTestServer } from '../helpers/fixture.ts';

let staff: StaffClient;
let applicant: StaffClient;
let plot: number;

const app = useTestServer({ apiRateLimitPerMin: 0, savedSearchesPerIpPerHour: 0 });
beforeAll(async () => {
  staff = await signedIn(app.db, app.url, 'publisher');
  applicant = await signedIn(app.db, app.url, 'applicant');
  const [row] = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE sub_district_number = 456 AND status = 'published'
       AND use_code IN ('T', 'TT', 'TY', 'T/kem') ORDER BY id LIMIT 1`,
  );
  plot = Number(row!.id);
});

const get = (path: string, cookie = '') => timed(app.url + path, cookie ? { headers: { cookie } } : {});
const postJson = (path: string, body: string) =>
  timed(app.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

function expectRefused(r: Timed, status: number, code: string, what: string): void {
  expect(violation(r), what).toBeNull();
  expect([r.status, r.json?.error?.code], what).toEqual([status, code]);
}

describe.each(PROTOTYPE_NAMES)('the inherited name %s as a key', { timeout: 60_000 }, (name) => {
  const q = encodeURIComponent(name);

  it('is an unknown CRS, collection, font, format, column, sort or language', async () => {
    expectRefused(await get(`/ogc/collections/plots/items?crs=${q}`), 400, 'invalid_crs', 'crs');
    expectRefused(
      await get(`/ogc/collections/plots/items?bbox-crs=${q}&bbox=1,2,3,4`),
      400,
      'invalid_crs',
      'bbox-crs',
    );
    expectRefused(await get(`/ogc/collections/plots/items/1?crs=${q}`), 400, 'invalid_crs', 'feature crs');
    expectRefused(await get(`/ogc/collections/${q}/items`), 404, 'collection_not_found', 'collection');
    expectRefused(await get(`/basemap/fonts/${q}/0-255.pbf`), 404, 'font_not_found', 'font');
    expectRefused(await get(`/basemap/fonts/${q},${q}/256-511.pbf`), 404, 'font_not_found', 'font stack');
    expectRefused(await get(`/api/export?format=${q}`), 400, 'invalid_format', 'format');
    expectRefused(await get(`/api/export?crs=${q}`), 400, 'invalid_crs', 'export crs');
    expectRefused(await get(`/api/export?columns=${q}`), 400, 'invalid_columns', 'columns');
    expectRefused(await get(`/api/plots?sort=${q}`), 400, 'invalid_sort', 'plot sort');
    const search = await get(`/api/search?q=a&lang=${q}`);
    expect(violation(search), 'search lang').toBeNull();
  });

  it('sorts the staff plot list by property id, as an unknown sort does', async () => {
    const r = await get(`/api/staff/plots?sort=${q}&limit=5`, staff.cookie);
    expect(violation(r)).toBeNull();
    expect(r.status).toBe(200);
    const ids = (JSON.parse(r.body) as { items: Array<{ property_id: string }> }).items.map(
      (p) => p.property_id,
    );
    expect(ids).toEqual([...ids].sort());
  });

  it('is not an accepted attachment type', async () => {
    const p = await applicant.json<{ project: { id: string } }>('POST', '/api/applications/projects', {
      plotIds: [plot],
      activity: 'surface-treatment',
      facts: { new_building: true },
      name: 'Pintakäsittelylaitos',
    });
    expect(p.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46])]), `a.${name}`);
    const r = await timed(`${app.url}/api/applications/projects/${p.body.project.id}/attachments`, {
      method: 'POST',
      headers: { cookie: applicant.cookie, 'x-csrf-token': applicant.csrf },
      body: form,
    });
    expectRefused(r, 415, 'attachment_type_not_allowed', 'attachment');
  });

  it('is an unknown activity, fact or saved-search filter', async () => {
    const path = `/api/plots/${plot}/permit-path`;
    expectRefused(
      await postJson(path, JSON.stringify({ activity: name })),
      400,
      'unknown_activity',
      'activity',
    );
    expectRefused(
      await postJson(path, `{"activity":"office","facts":{${JSON.stringify(name)}:true}}`),
      400,
      'unknown_fact',
      'fact',
    );
    expectRefused(
      await postJson(
        '/api/saved-searches',
        `{"email":"a@example.org","filter":{${JSON.stringify(name)}:"x"}}`,
      ),
      400,
      'invalid_filter',
      'filter key',
    );
    expectRefused(
      await postJson('/api/saved-searches', JSON.stringify({ email: 'a@example.org', frequency: name })),
      400,
      'invalid_frequency',
      'frequency',
    );
  });
});

describe('deep JSON', { timeout: 60_000 }, () => {
  it('a request body nested past 64 levels is 400 json_too_deep with the depth found', async () => {
    for (const [path, body] of [
      ['/api/saved-searches', `{"email":"a@example.org","filter":{"within":${deepJson(5_000)}}}`],
      [`/api/plots/${plot}/permit-path`, `{"activity":"office","facts":${deepJson(300_000)}}`],
      [`/api/plots/${plot}/permit-path`, deepJson(1_000, '__proto__')],
    ] as const) {
      const r = await postJson(path, body);
      expectRefused(r, 400, 'json_too_deep', path);
      expect((r.json?.error as { depth?: number }).depth).toBeGreaterThan(64);
    }
    const r = await postJson(
      '/api/saved-searches',
      `{"email":"a@example.org","filter":{"within":${deepJson(5_000)}}}`,
    );
    expect((r.json?.error as { depth?: number }).depth).toBe(5_002);
  });

  it('a body within the bound still answers on its merits', async () => {
    const r = await postJson(
      '/api/saved-searches',
      `{"email":"a@example.org","filter":{"within":${deepJson(40)}}}`,
    );
    expectRefused(r, 400, 'invalid_filter', 'nested list as a filter value');
    const area = await postJson(
      '/api/saved-searches',
      JSON.stringify({ email: 'a@example.org', filter: { within: deepJson(5_000) } }),
    );
    expectRefused(area, 400, 'invalid_filter', 'deep area text');
  });

  it('an import file nested past 64 levels is 400 json_too_deep; nothing is stored', async () => {
    const files = {
      'properties.geojson': `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":${deepJson(100_000)}},"geometry":null}]}`,
      'feature.geojson': `{"type":"Feature","properties":{"a":${deepJson(100_000, 'b')}},"geometry":null}`,
      'geometry.json': `{"type":"Polygon","coordinates":${deepJson(100_000)}}`,
    };
    const [before] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM import_jobs`);
    for (const [file, text] of Object.entries(files)) {
      const form = new FormData();
      form.append('file', new Blob([text]), file);
      const r = await timed(
        `${app.url}/api/staff/import/jobs`,
        { method: 'POST', headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf }, body: form },
        30_000,
      );
      expectRefused(r, 400, 'json_too_deep', file);
    }
    const [after] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM import_jobs`);
    expect(after!.n).toBe(before!.n);
  });
});
