import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/fixture.ts';

let base: string;
let published: number;
const app = useTestServer();
beforeAll(async () => {
  base = `http://127.0.0.1:${app.port}/ogc`;
  const [r] = await app.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plots WHERE status = 'published'`,
  );
  published = r!.n;
});

const CRS = {
  crs84: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
  4326: 'http://www.opengis.net/def/crs/EPSG/0/4326',
  3879: 'http://www.opengis.net/def/crs/EPSG/0/3879',
  3067: 'http://www.opengis.net/def/crs/EPSG/0/3067',
};

interface Link {
  href: string;
  rel: string;
  type?: string;
}
interface Feature {
  id: number;
  geometry: { type: string; coordinates: number[][][][] };
  properties: Record<string, unknown>;
}
interface Page {
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: Link[];
}

const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url.startsWith('http') ? url : base + url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
};
const link = (links: Link[], rel: string) => links.find((l) => l.rel === rel);
const firstPoint = (f: Feature) => f.geometry.coordinates[0]![0]![0]!;

describe('OGC API documents', () => {
  it('the landing page links the API definition, conformance and collections with absolute URLs', async () => {
    const { status, body, headers } = await get('');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(link(body.links, 'service-desc')).toMatchObject({
      href: `${base}/api`,
      type: 'application/vnd.oai.openapi+json;version=3.0',
    });
    expect(link(body.links, 'conformance')!.href).toBe(`${base}/conformance`);
    expect(link(body.links, 'data')!.href).toBe(`${base}/collections`);
    expect(link(body.links, 'self')).toBeDefined();
  });

  it('declares Part 1 core, GeoJSON, OpenAPI 3.0 and Part 2 CRS conformance', async () => {
    const { body } = await get('/conformance');
    expect(body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
      ]),
    );
  });

  it('serves an OpenAPI 3.0 definition describing the items parameters', async () => {
    const { status, body, headers } = await get('/api');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    expect(body.openapi).toMatch(/^3\.0\./);
    const params = body.paths['/collections/plots/items'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['limit', 'bbox', 'bbox-crs', 'crs', 'use_class', 'area_min']),
    );
    const limit = body.paths['/collections/plots/items'].get.parameters.find(
      (p: { name: string }) => p.name === 'limit',
    );
    expect(limit.schema).toMatchObject({ default: 100, maximum: 10000 });
  });

  it('lists the plots and districts collections with extent, CRS list and storage CRS', async () => {
    const { body } = await get('/collections');
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(['plots', 'districts']);
    for (const c of body.collections) {
      expect(c.storageCrs).toBe(CRS[3879]);
      expect(c.crs).toEqual([CRS.crs84, CRS[4326], CRS[3879], CRS[3067]]);
      const [w, s, e, n] = c.extent.spatial.bbox[0];
      expect(w).toBeGreaterThan(24.5);
      expect(e).toBeLessThan(25.6);
      expect(s).toBeGreaterThan(59.8);
      expect(n).toBeLessThan(60.4);
      expect(link(c.links, 'items')).toMatchObject({
        href: `${base}/collections/${c.id}/items`,
        type: 'application/geo+json',
      });
    }
  });

  it('gives one collection by id and 404 collection_not_found for others', async () => {
    expect((await get('/collections/plots')).body.id).toBe('plots');
    const { status, body } = await get('/collections/parcels');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'collection_not_found', value: 'parcels' });
    expect((await get('/collections/parcels/items')).status).toBe(404);
  });
});

describe('OGC API items', () => {
  it('pages 100 published plots by default, counting all that match', async () => {
    const { status, body, headers } = await get('/collections/plots/items');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(headers.get('content-crs')).toBe(`<${CRS.crs84}>`);
    const page = body as Page;
    expect(page.numberMatched).toBe(published);
    expect(page.numberReturned).toBe(100);
    expect(page.features).toHaveLength(100);
    expect(Date.parse(page.timeStamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(link(page.links, 'next')).toBeDefined();
    expect(link(page.links, 'prev')).toBeUndefined();
    expect(link(page.links, 'collection')!.href).toBe(`${base}/collections/plots`);
    expect(page.features[0]!.properties).toMatchObject({ is_demo: true });
  });

  it('follows next links through every plot once, and prev leads back to the same page', async () => {
    const ids: number[] = [];
    const pages: Page[] = [];
    let url: string | undefined = '/collections/plots/items?limit=70';
    while (url && pages.length < 50) {
      const { body } = await get(url);
      pages.push(body);
      ids.push(...(body as Page).features.map((f) => f.id));
      url = link(body.links, 'next')?.href;
    }
    expect(ids).toHaveLength(published);
    expect(new Set(ids).size).toBe(published);
    expect(link(pages[pages.length - 1]!.links, 'next')).toBeUndefined();
    const back = await get(link(pages[2]!.links, 'prev')!.href);
    expect((back.body as Page).features.map((f) => f.id)).toEqual(pages[1]!.features.map((f) => f.id));
    expect(link(pages[2]!.links, 'next')!.href).not.toMatch(/offset/);
  });

  it('writes EPSG:3879 northing first, in Helsinki ranges, with a Content-Crs header', async () => {
    const { body, headers } = await get(
      `/collections/plots/items?limit=20&crs=${encodeURIComponent(CRS[3879])}`,
    );
    expect(headers.get('content-crs')).toBe(`<${CRS[3879]}>`);
    for (const f of (body as Page).features) {
      const [n, e] = firstPoint(f) as [number, number];
      expect(n).toBeGreaterThan(6_670_000);
      expect(n).toBeLessThan(6_690_000);
      expect(e).toBeGreaterThan(25_490_000);
      expect(e).toBeLessThan(25_512_000);
    }
  });

  it('writes EPSG:4326 latitude first and EPSG:3067 easting first, all the same place', async () => {
    const one = async (crs: string) =>
      firstPoint(
        ((await get(`/collections/plots/items?limit=1&crs=${encodeURIComponent(crs)}`)).body as Page)
          .features[0]!,
      );
    const [lon, lat] = (await one(CRS.crs84)) as [number, number];
    const [lat2, lon2] = (await one(CRS[4326])) as [number, number];
    expect([lat2, lon2]).toEqual([lat, lon]);
    expect(lon).toBeGreaterThan(24.8);
    expect(lat).toBeGreaterThan(60.1);
    const [e, n] = (await one(CRS[3067])) as [number, number];
    expect(e).toBeGreaterThan(370_000);
    expect(e).toBeLessThan(410_000);
    expect(n).toBeGreaterThan(6_660_000);
    expect(n).toBeLessThan(6_700_000);
  });

  it('filters by a CRS84 bbox and by a bbox in EPSG:3879 (northing first)', async () => {
    const [box] = await app.db.query<{
      w: number;
      s: number;
      e: number;
      n: number;
      x0: number;
      y0: number;
      x1: number;
      y1: number;
    }>(
      `SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n,
              ST_XMin(m) x0, ST_YMin(m) y0, ST_XMax(m) x1, ST_YMax(m) y1
       FROM (SELECT ST_Transform(geom, 4326) g, geom m FROM sub_districts WHERE number = 456) x`,
    );
    const b = box!;
    const [expected] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM plots WHERE status = 'published'
         AND ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 3879))`,
      [b.x0, b.y0, b.x1, b.y1],
    );
    const projected = await get(
      `/collections/plots/items?limit=1000&bbox=${[b.y0, b.x0, b.y1, b.x1].join(',')}&bbox-crs=${encodeURIComponent(CRS[3879])}`,
    );
    expect(projected.status).toBe(200);
    expect(projected.body.numberMatched).toBe(expected!.n);
    expect(projected.body.numberMatched).toBeGreaterThan(0);
    expect(projected.body.numberMatched).toBeLessThan(published);
    const lonLat = await get(`/collections/plots/items?limit=1000&bbox=${[b.w, b.s, b.e, b.n].join(',')}`);
    for (const f of (lonLat.body as Page).features) {
      const [x, y] = firstPoint(f) as [number, number];
      expect(x).toBeGreaterThan(b.w - 0.01);
      expect(x).toBeLessThan(b.e + 0.01);
      expect(y).toBeGreaterThan(b.s - 0.01);
      expect(y).toBeLessThan(b.n + 0.01);
    }
  });

  it('takes the shared filter parameters', async () => {
    const { body } = await get('/collections/plots/items?use_class=office&limit=1000');
    const [r] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM plots WHERE status = 'published' AND use_class = 'office'`,
    );
    expect(body.numberMatched).toBe(r!.n);
    expect(body.numberMatched).toBeGreaterThan(0);
    for (const f of (body as Page).features) expect(f.properties.use_class).toBe('office');
  });

  it('answers 304 to a client holding the current version of a page', async () => {
    const first = await fetch(`${base}/collections/plots/items?limit=5`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${base}/collections/plots/items?limit=5`, {
      headers: { 'If-None-Match': etag! },
    });
    expect(again.status).toBe(304);
  });

  it('serves the districts with their names', async () => {
    const { body } = await get('/collections/districts/items?limit=100');
    expect(body.numberMatched).toBe(body.features.length);
    expect(body.features.length).toBeGreaterThan(50);
    const d = (body as Page).features.find((f) => f.id === 10);
    expect(d!.properties).toMatchObject({ number: 10, name_fi: 'Sörnäinen', name_sv: 'Sörnäs' });
  });
});

describe('OGC API single features', () => {
  it('gives one plot as a GeoJSON Feature with links, in the requested CRS', async () => {
    const [p] = await app.db.query<{ id: number; property_id: string }>(
      `SELECT id::int, property_id FROM plots WHERE status = 'published' ORDER BY id LIMIT 1`,
    );
    const { status, body, headers } = await get(
      `/collections/plots/items/${p!.id}?crs=${encodeURIComponent(CRS[3879])}`,
    );
    expect(status).toBe(200);
    expect(headers.get('content-crs')).toBe(`<${CRS[3879]}>`);
    expect(body.type).toBe('Feature');
    expect(body.id).toBe(p!.id);
    expect(body.properties.property_id).toBe(p!.property_id);
    expect(firstPoint(body)[0]).toBeGreaterThan(6_670_000);
    expect(link(body.links, 'collection')!.href).toBe(`${base}/collections/plots`);
  });

  it('is 404 feature_not_found for an unpublished, unknown or malformed id', async () => {
    const [draft] = await app.db.query<{ id: number }>(
      `SELECT id::int FROM plots WHERE status = 'draft' LIMIT 1`,
    );
    for (const id of [String(draft!.id), '99999999', 'abc']) {
      const { status, body } = await get(`/collections/plots/items/${id}`);
      expect(status).toBe(404);
      expect(body.error).toMatchObject({ code: 'feature_not_found', value: id });
    }
  });
});

describe('OGC API bad input', () => {
  it.each([
    ['limit=10001', 'invalid_limit', '10001'],
    ['limit=0', 'invalid_limit', '0'],
    ['bbox=25.2,60.3,24.9,60.1', 'invalid_bbox', '25.2,60.3,24.9,60.1'],
    ['bbox=-1e12,-1e12,1e12,1e12', 'invalid_bbox', '-1e12,-1e12,1e12,1e12'],
    ['bbox=24.9,60.1,25.2', 'invalid_bbox', '24.9,60.1,25.2'],
    [
      `bbox=24.9,60.1,25.2,60.3&bbox-crs=${encodeURIComponent(CRS[3879])}`,
      'invalid_bbox',
      '24.9,60.1,25.2,60.3',
    ],
    ['crs=EPSG:9999', 'invalid_crs', 'EPSG:9999'],
    ["crs=x' OR '1'='1", 'invalid_crs', "x' OR '1'='1"],
    ['bbox=24.9,60.1,25.2,60.3&bbox-crs=EPSG:2393', 'invalid_crs', 'EPSG:2393'],
    ['use_class=farm', 'invalid_filter', 'farm'],
    ['availability=available;DELETE FROM plots', 'invalid_filter', 'available;DELETE FROM plots'],
    ['offset=100', 'unknown_parameter', 'offset'],
    ['after=abc', 'invalid_page', 'abc'],
    ['f=xml', 'invalid_format', 'xml'],
  ])('%s is 400 %s naming the value', async (query, code, value) => {
    const { status, body } = await get(`/collections/plots/items?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.value).toBe(value);
  });

  it('names the accepted CRS when one is unknown', async () => {
    const { body } = await get('/collections/plots/items?crs=EPSG:9999');
    expect(body.error.accepted).toEqual([CRS.crs84, CRS[4326], CRS[3879], CRS[3067]]);
  });

  it('answers 406 when the client accepts no JSON form', async () => {
    const { status, body } = await get('/collections/plots/items', { Accept: 'application/xml' });
    expect(status).toBe(406);
    expect(body.error.code).toBe('not_acceptable');
  });

  it('a whole-world CRS84 bbox is a valid question', async () => {
    const { status, body } = await get('/collections/plots/items?bbox=-180,-90,180,90&limit=1');
    expect(status).toBe(200);
    expect(body.numberMatched).toBe(published);
  });
});

describe('OGC API links and counts', () => {
  it('links the same plots as CSV and GeoPackage through the export, with the filter', async () => {
    const { body } = await get('/collections/plots/items?use_class=office&limit=1');
    const alternates = (body as Page).links.filter((l) => l.rel === 'alternate');
    expect(alternates.map((l) => l.type)).toEqual(['text/csv', 'application/geopackage+sqlite3']);
    for (const l of alternates) {
      const u = new URL(l.href);
      expect(u.pathname).toBe('/api/export');
      expect(u.searchParams.get('use_class')).toBe('office');
    }
  });

  it('counts again once the plot data changes', async () => {
    const before = await get('/collections/plots/items?limit=1');
    expect(before.body.numberMatched).toBe(published);
    const [p] = await app.db.query<{ id: number }>(
      `UPDATE plots SET status = 'withdrawn' WHERE id = (SELECT min(id) FROM plots WHERE status = 'published') RETURNING id::int`,
    );
    try {
      let matched = published;
      for (let i = 0; i < 50 && matched === published; i++) {
        await new Promise((r) => setTimeout(r, 50));
        matched = (await get('/collections/plots/items?limit=1')).body.numberMatched;
      }
      expect(matched).toBe(published - 1);
    } finally {
      await app.db.query(`UPDATE plots SET status = 'published' WHERE id = $1`, [p!.id]);
    }
  });
});
