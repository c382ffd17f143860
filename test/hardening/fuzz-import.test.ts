/**
 * Property-based fuzzing of the staff import: random and almost-valid files under every accepted
 * extension, random query parameters, and random JSON to the configure, row-fix and commit steps.
 * Always an answer in time, never a 5xx, 4xx with a JSON code; no plot is written by garbage.
 * (Zip bombs, encrypted and damaged zips have their own cases in test/import/bad-input.test.ts.)
 */
import fc from 'fast-check';
import yazl from 'yazl';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { deepJson, fuzzRuns, hostileQuery, hostileValue, PROTOTYPE_NAMES } from './hostile.ts';
import { dataFingerprint, timed, violation, type Timed } from './http.ts';
import { useTestServer } from '../helpers/fixture.ts';

let staff: StaffClient;

const app = useTestServer({ apiRateLimitPerMin: 0, uploadLimitMb: 1 });
beforeAll(async () => {
  staff = await signedIn(app.db, app.url, 'publisher');
});

const EXTENSIONS = ['.csv', '.geojson', '.json', '.gml', '.xml', '.zip', '.gpkg', '.txt', '', '.shp'];

async function zipOf(files: Array<[string, Uint8Array]>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of files) z.addBuffer(Buffer.from(data), name || 'x');
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const coord = fc.tuple(fc.double({ min: -1e8, max: 1e8, noNaN: true }), fc.double({ noNaN: true }));
/** Files that get past the first checks: GeoJSON-shaped JSON, CSV with a geometry column, zips. */
const file: fc.Arbitrary<[string, Uint8Array | Promise<Buffer>]> = fc.oneof(
  fc.tuple(fc.constantFrom(...EXTENSIONS), fc.uint8Array({ maxLength: 3_000 })),
  fc.tuple(
    fc.constantFrom('.geojson', '.json'),
    fc
      .record({
        type: fc.constantFrom('FeatureCollection', 'Feature', 'Polygon', 'x'),
        crs: fc.option(
          fc.record({ type: fc.constant('name'), properties: fc.record({ name: hostileValue }) }),
        ),
        features: fc.array(
          fc.record({
            type: fc.constant('Feature'),
            properties: fc.dictionary(
              fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTOTYPE_NAMES)),
              fc.jsonValue({ maxDepth: 1 }),
            ),
            geometry: fc.oneof(
              fc.jsonValue({ maxDepth: 2 }),
              fc.record({
                type: fc.constantFrom('Polygon', 'Point', 'MultiPolygon', 'LineString'),
                coordinates: fc.array(fc.array(coord, { maxLength: 6 }), { maxLength: 2 }),
              }),
            ),
          }),
          { maxLength: 8 },
        ),
      })
      .map((o) => new TextEncoder().encode(JSON.stringify(o))),
  ),
  // Deep nesting anywhere in a GeoJSON file, under inherited names as keys now and then.
  fc.tuple(
    fc.constantFrom('.geojson', '.json'),
    fc
      .tuple(
        fc.integer({ min: 1, max: 100_000 }),
        fc.option(fc.constantFrom(...PROTOTYPE_NAMES)),
        fc.constantFrom('properties', 'geometry', 'skeleton'),
      )
      .map(([d, k, where]) => {
        const deep = deepJson(d, k ?? undefined);
        const text =
          where === 'skeleton'
            ? `{"type":"Feature","properties":{"a":${deep}},"geometry":null}`
            : `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${where === 'properties' ? `{"p":${deep}}` : '{}'},"geometry":${where === 'geometry' ? `{"type":"Polygon","coordinates":${deep}}` : 'null'}}]}`;
        return new TextEncoder().encode(text);
      }),
  ),
  fc.tuple(
    fc.constant('.csv'),
    fc
      .tuple(
        fc.constantFrom('wkt;kiinteistotunnus;pinta_ala', 'x,y,id', 'geometry,tunnus', 'a'),
        fc.array(fc.array(hostileValue, { maxLength: 4 }), { maxLength: 10 }),
        fc.constantFrom(';', ',', '\t'),
      )
      .map(([head, rows, sep]) =>
        new TextEncoder().encode([head, ...rows.map((r) => r.join(sep))].join('\n')),
      ),
  ),
  fc.tuple(
    fc.constant('.zip'),
    fc
      .array(
        fc.tuple(
          fc.constantFrom('a.shp', 'a.dbf', 'a.shx', 'a.prj', 'b.csv', 'dir/x.gml', 'a.cpg'),
          fc.uint8Array({ maxLength: 500 }),
        ),
        {
          maxLength: 5,
        },
      )
      .map(zipOf),
  ),
);

async function upload(name: string, data: Uint8Array, query: string): Promise<Timed> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  return timed(
    `${app.url}/api/staff/import/jobs${query}`,
    {
      method: 'POST',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      body: form,
    },
    20_000,
  );
}

const send = (method: string, path: string, body: unknown) =>
  timed(`${app.url}${path}`, {
    method,
    headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('hostile import uploads', { timeout: 120_000 }, () => {
  let before: Awaited<ReturnType<typeof dataFingerprint>>;
  beforeAll(async () => {
    before = await dataFingerprint(app.db);
  });

  it('any file, name and query: an answer in time, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.string({ maxLength: 20 }),
        hostileQuery(['crs', 'encoding', 'layer', 'job']),
        async ([ext, data], base, q) => {
          const r = await upload(`${base}${ext}`, await data, q);
          const v = violation(r);
          if (v) throw new Error(`upload ${base}${ext}${q} -> ${v}`);
        },
      ),
      fuzzRuns(80),
    );
  });

  it('any configure, row fix and commit body on a real job: never a 5xx', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { kiinteistotunnus: '091-045-0012-0099', pinta_ala: 2400 },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [24.87, 60.22],
                [24.871, 60.22],
                [24.871, 60.2205],
                [24.87, 60.22],
              ],
            ],
          },
        },
      ],
    });
    const up = await upload('ok.geojson', new TextEncoder().encode(geojson), '');
    expect(up.status).toBe(201);
    const job = (JSON.parse(up.body) as { job: { id: string } }).job.id;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.dictionary(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom(...PROTOTYPE_NAMES)),
          fc
            .integer({ min: 60, max: 100_000 })
            .map((d) => JSON.parse(deepJson(Math.min(d, 2_000))) as unknown),
        ),
        fc.oneof(fc.constant('1'), hostileValue.map(encodeURIComponent)),
        hostileQuery(['only', 'limit', 'offset', 'q']),
        async (body, n, q) => {
          for (const r of [
            await send('POST', `/api/staff/import/jobs/${job}/configure`, body),
            await send('PATCH', `/api/staff/import/jobs/${job}/rows/${n}`, body),
            await timed(`${app.url}/api/staff/import/jobs/${job}/rows${q}`, {
              headers: { cookie: staff.cookie },
            }),
            await send('POST', `/api/staff/import/jobs/${encodeURIComponent(String(n))}/commit`, body),
          ]) {
            const v = violation(r);
            if (v) throw new Error(`${JSON.stringify(body).slice(0, 200)} n=${n} q=${q} -> ${v}`);
          }
        },
      ),
      fuzzRuns(60),
    );
  });

  it('wrote no plot and no plot version', async () => {
    expect(await dataFingerprint(app.db)).toEqual(before);
  });
});
