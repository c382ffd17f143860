/**
 * Property-based fuzzing of the public read API (tiles, OGC API - Features, search, plot list and
 * card, exports, PDFs): whatever the path and query, the app.server answers within a time limit,
 * never with a 5xx, and every 4xx carries a JSON error with a stable code. The data is the same
 * afterwards.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deepJson,
  FILTER,
  fuzzRuns,
  hostileQuery,
  hostileSegment,
  hostileValue,
  PROTOTYPE_NAMES,
} from './hostile.ts';
import { dataFingerprint, timed, violation } from './http.ts';
import { useTestServer } from '../helpers/fixture.ts';

let before: Awaited<ReturnType<typeof dataFingerprint>>;

const app = useTestServer({ apiRateLimitPerMin: 0 });
beforeAll(async () => {
  before = await dataFingerprint(app.db);
});

/** Requests `path`, fails the property with the request and the answer when it misbehaves. */
async function check(path: string, init: RequestInit = {}): Promise<void> {
  const r = await timed(app.url + path, init, 15_000);
  // "..", "%2e%2e" and the like can take a URL out of the API (to the client app's 404).
  const api = /^\/(api|tiles|ogc|basemap)(\/|$)/.test(new URL(path, app.url).pathname);
  const v = api ? violation(r) : r.status >= 500 || r.status === 0 ? violation(r) : null;
  if (v) throw new Error(`${init.method ?? 'GET'} ${path} -> ${v}`);
}

describe('hostile requests to the public API', { timeout: 120_000 }, () => {
  it('tiles: any z/x/y and filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileSegment,
        hostileSegment,
        fc.oneof(
          hostileSegment,
          hostileSegment.map((s) => `${s}.mvt`),
        ),
        hostileQuery([...FILTER, 'v']),
        (z, x, y, q) => check(`/tiles/plots/${z}/${x}/${y}${q}`),
      ),
      fuzzRuns(150),
    );
  });

  it('tiles: valid addresses with any filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 22 }),
        fc.nat(),
        fc.nat(),
        hostileQuery([...FILTER, 'v']),
        (z, x, y, q) => check(`/tiles/plots/${z}/${x % 2 ** z}/${y % 2 ** z}.mvt${q}`),
      ),
      fuzzRuns(80),
    );
  });

  it('TileJSON: any filter', async () => {
    await fc.assert(
      fc.asyncProperty(hostileQuery(FILTER), (q) => check(`/tiles/plots.json${q}`)),
      fuzzRuns(60),
    );
  });

  it('OGC items: any collection, bbox, bbox-crs, crs, limit, paging and filter', async () => {
    const params = ['bbox', 'bbox-crs', 'crs', 'limit', 'f', 'after', 'before', ...FILTER];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom('plots', 'districts'), hostileSegment),
        hostileQuery(params),
        (c, q) => check(`/ogc/collections/${c}/items${q}`),
      ),
      fuzzRuns(150),
    );
  });

  it('OGC single feature: any featureId, crs and f', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('plots', 'districts'),
        hostileSegment,
        hostileQuery(['crs', 'f']),
        (c, id, q) => check(`/ogc/collections/${c}/items/${id}${q}`),
      ),
      fuzzRuns(80),
    );
  });

  it('search: any q, limit and lang', async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, hostileQuery(['limit', 'lang']), (q, rest) =>
        check(`/api/search?q=${encodeURIComponent(q)}${rest.replace(/^\?/, '&')}`),
      ),
      fuzzRuns(150),
    );
  });

  it('plot list and card: any filter, bbox, sort, cursor and id', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileQuery(['bbox', 'sort', 'limit', 'cursor', ...FILTER]),
        hostileSegment,
        async (q, id) => {
          await check(`/api/plots${q}`);
          await check(`/api/plots/${id}`);
        },
      ),
      fuzzRuns(100),
    );
  });

  it('export: any format, crs, columns, delimiter, geometry, lang and filter', async () => {
    const params = ['format', 'crs', 'columns', 'delimiter', 'geometry', 'lang', ...FILTER];
    const formats = fc.constantFrom('csv', 'geojson', 'gml', 'kml', 'xlsx', 'gpkg');
    await fc.assert(
      fc.asyncProperty(formats, hostileQuery(params), (f, q) =>
        check(`/api/export?format=${f}${q.replace(/^\?/, '&')}`),
      ),
      fuzzRuns(60),
    );
  });

  it('PDFs: any plot id, shortlist ids and lang', async () => {
    await fc.assert(
      fc.asyncProperty(hostileSegment, hostileValue, hostileQuery(['lang']), async (id, ids, q) => {
        await check(`/api/plots/${id}/factsheet.pdf${q}`);
        await check(`/api/shortlist.pdf?ids=${encodeURIComponent(ids)}`);
      }),
      fuzzRuns(30),
    );
  });

  it('basemap fonts: any stack and range', async () => {
    await fc.assert(
      fc.asyncProperty(hostileSegment, fc.constantFrom('0-255.pbf', '256-511.pbf', 'x.pbf'), (stack, file) =>
        check(`/basemap/fonts/${stack}/${file}`),
      ),
      fuzzRuns(40),
    );
  });

  it('permit path: any plot, activity and facts, inherited names and deep nesting too', async () => {
    const key = fc.oneof(
      fc.constantFrom(...PROTOTYPE_NAMES, 'new_building', 'office'),
      fc.string({ maxLength: 8 }),
    );
    const body = fc.oneof(
      fc
        .record({
          activity: fc.oneof(key, fc.jsonValue({ maxDepth: 2 })),
          facts: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 })),
        })
        .map((o) => JSON.stringify(o)),
      fc
        .tuple(fc.integer({ min: 1, max: 200_000 }), fc.option(key))
        .map(([d, k]) => `{"activity":"office","facts":${deepJson(d, k ?? undefined)}}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant('1'), hostileSegment), body, (id, b) =>
        check(`/api/plots/${id}/permit-path`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: b,
        }),
      ),
      fuzzRuns(60),
    );
  });

  it('other methods, odd headers and bodies on public paths', async () => {
    const paths = [
      '/tiles/plots/14/9326/4739.mvt',
      '/ogc/collections/plots/items',
      '/api/search?q=a',
      '/api/export',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET'),
        fc.constantFrom(...paths),
        fc.record({
          accept: fc.constantFrom('*/*', 'application/geo+json', 'text/html', '', 'x/y;q=abc', ';;;'),
          'if-none-match': fc.oneof(hostileValue, fc.constant('*')),
          'accept-language': hostileValue,
          'content-type': fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
          ),
        }),
        fc.string({ maxLength: 200 }),
        (method, path, headers, body) =>
          check(path, {
            method,
            // fetch refuses header values with control characters; the app.server never sees them.
            headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => /^[\x20-\x7e]*$/.test(v))),
            body: method === 'GET' ? undefined : body,
          }),
      ),
      fuzzRuns(60),
    );
  });

  it('left the data exactly as it was', async () => {
    expect(await dataFingerprint(app.db)).toEqual(before);
  });
});
