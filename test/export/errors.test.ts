import { describe, expect, it } from 'vitest';
import { ogrinfo, tempFile } from './ogr.ts';
import { useTestServer } from '../helpers/fixture.ts';

const app = useTestServer();

const get = (q: string) => fetch(`${app.url}/api/export?${q}`);

describe('bad input is a 400 naming the parameter, the value and what is accepted', () => {
  it.each([
    ['format=shp', 'invalid_format', 'shp', ['csv', 'xlsx', 'geojson', 'gpkg', 'gml', 'kml']],
    [
      'format=gpkg&crs=EPSG:2393',
      'invalid_crs',
      'EPSG:2393',
      ['EPSG:3879', 'EPSG:3067', 'EPSG:4326', 'CRS84'],
    ],
    [
      "format=csv&crs=EPSG:3879'--",
      'invalid_crs',
      "EPSG:3879'--",
      ['EPSG:3879', 'EPSG:3067', 'EPSG:4326', 'CRS84'],
    ],
    ['lang=de', 'invalid_language', 'de', ['fi', 'sv', 'en']],
    ['delimiter=tab', 'invalid_delimiter', 'tab', ['comma', 'semicolon']],
    ['geometry=wkb', 'invalid_geometry', 'wkb', ['wkt', 'none']],
  ])('%s -> %s', async (q, code, value, accepted) => {
    const res = await get(q);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({ code, value, accepted });
    for (const a of accepted) expect(error.message).toContain(a);
  });

  it('an unknown column (or SQL in its place) is refused with the list of columns', async () => {
    const res = await get('columns=property_id,area_m2;DROP TABLE plots');
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_columns');
    expect(error.accepted).toContain('area_m2');
    const [n] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plots');
    expect(n!.n).toBeGreaterThan(0);
  });

  it.each([
    ['area_min=lots', 'area_min'],
    ['use_class=residential', 'use_class'],
    ['within={"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}', 'within'],
    ['ids=1,2,x', 'ids'],
  ])('a bad filter %s is 400 invalid_filter', async (q, param) => {
    const res = await get(`format=gpkg&${q}`);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'invalid_filter', param });
  });
});

describe('an empty result is a valid empty file', () => {
  const none = 'area_min=999999999';
  it.each(['gpkg', 'geojson', 'gml', 'kml', 'xlsx'])('%s opens in GDAL with no features', async (format) => {
    const res = await get(`format=${format}&${none}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-plot-count')).toBe('0');
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (format === 'geojson') expect(JSON.parse(new TextDecoder().decode(bytes)).features).toEqual([]);
    const file = tempFile(bytes, format);
    if (format === 'xlsx') {
      // GDAL reads a header-only sheet as no layer rows; the workbook itself must open.
      expect(ogrinfo(file, undefined, []).text).toContain('using driver `XLSX');
    } else if (format === 'gml') {
      // GDAL needs at least one feature to guess a GML schema; the document must still open.
      expect(ogrinfo(file).text).toContain('using driver `GML');
    } else {
      expect(ogrinfo(file).featureCount).toBe(0);
    }
  });

  it('CSV is the BOM and the header row alone', async () => {
    const res = await get(`format=csv&columns=property_id,area_m2&${none}`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text).toBe('\uFEFFKiinteistötunnus,Pinta-ala (m²)\r\n');
  });
});

describe('selection and drawn area', () => {
  it('ids= exports exactly the selected published plots', async () => {
    const rows = await app.db.query<{ id: number }>(
      `SELECT id::int AS id FROM plots WHERE status = 'published' ORDER BY id LIMIT 3`,
    );
    const [draft] = await app.db.query<{ id: number }>(
      `SELECT id::int AS id FROM plots WHERE status <> 'published' LIMIT 1`,
    );
    const ids = [...rows.map((r) => r.id), draft!.id];
    const res = await get(`format=geojson&ids=${ids.join(',')}`);
    const doc = await res.json();
    expect(doc.features.map((f: { id: number }) => f.id)).toEqual(rows.map((r) => r.id));
  });

  it('within= exports the plots inside a drawn area', async () => {
    const [p] = await app.db.query<{ x: number; y: number }>(
      `SELECT ST_X(c) AS x, ST_Y(c) AS y FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM plots WHERE status = 'published' ORDER BY id LIMIT 1) s`,
    );
    const d = 0.002;
    const within = {
      type: 'Polygon',
      coordinates: [
        [
          [p!.x - d, p!.y - d],
          [p!.x + d, p!.y - d],
          [p!.x + d, p!.y + d],
          [p!.x - d, p!.y + d],
          [p!.x - d, p!.y - d],
        ],
      ],
    };
    const [n] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM plots WHERE status = 'published' AND ST_Intersects(geom, ST_Transform(ST_GeomFromGeoJSON($1), 3879))`,
      [JSON.stringify({ ...within, crs: { type: 'name', properties: { name: 'EPSG:4326' } } })],
    );
    const res = await get(`format=csv&columns=id&within=${encodeURIComponent(JSON.stringify(within))}`);
    const lines = (await res.text()).trim().split('\r\n');
    expect(n!.n).toBeGreaterThan(0);
    expect(lines.length - 1).toBe(n!.n);
  });
});

describe('the dialog and the about document', () => {
  it('options lists formats, CRSs and column titles in the language asked', async () => {
    const res = await fetch(`${app.url}/api/export/options?lang=sv`);
    const body = await res.json();
    expect(body.formats).toEqual(['csv', 'xlsx', 'geojson', 'gpkg', 'gml', 'kml']);
    expect(body.columns).toContainEqual({ key: 'area_m2', title: 'Areal (m²)' });
  });

  it('about carries the demo note, the licences and the columns', async () => {
    const text = await (await fetch(`${app.url}/api/export/about?lang=en`)).text();
    expect(text).toContain('Demo data');
    expect(text).toContain('YKR © SYKE ja TK 2021, CC BY 4.0');
    expect(text).toContain('Price (€/k-m²)');
  });
});
