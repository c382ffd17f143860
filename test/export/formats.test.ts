import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HELSINKI_RANGE, ogrinfo, tempFile } from './ogr.ts';
import { useTestServer } from '../helpers/fixture.ts';

// The planner's case from the issue: industrial plots over 5 000 m².
const FILTER = 'use_class=industrial&area_min=5000';

let expected: number;

const app = useTestServer();
beforeAll(async () => {
  const [row] = await app.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plots WHERE status = 'published' AND use_class = 'industrial' AND area_m2 >= 5000`,
  );
  expected = row!.n;
});

async function download(query: string): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await fetch(`${app.url}/api/export?${query}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes };
}

function expectInHelsinki(extent: number[] | undefined, crs: string): void {
  const r = HELSINKI_RANGE[crs]!;
  expect(extent, 'layer extent').toBeDefined();
  const [minX, minY, maxX, maxY] = extent!;
  expect(minX).toBeGreaterThanOrEqual(r.x[0]);
  expect(maxX).toBeLessThanOrEqual(r.x[1]);
  expect(minY).toBeGreaterThanOrEqual(r.y[0]);
  expect(maxY).toBeLessThanOrEqual(r.y[1]);
}

describe('the test set', () => {
  it('has industrial plots over 5 000 m² to export', () => {
    expect(expected).toBeGreaterThan(3);
  });
});

describe('GeoPackage', () => {
  it.each(['EPSG:3879', 'EPSG:3067', 'EPSG:4326'])(
    'opens in GDAL with every plot in Helsinki in %s',
    async (crs) => {
      const { res, bytes } = await download(`format=gpkg&crs=${crs}&${FILTER}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
      expect(res.headers.get('content-disposition')).toMatch(
        /attachment; filename="tonttiluukku-tontit-\d{4}-\d\d-\d\d\.gpkg"/,
      );
      const layer = ogrinfo(tempFile(bytes, 'gpkg'));
      expect(layer.featureCount).toBe(expected);
      expect(layer.geometry).toBe('Multi Polygon');
      expectInHelsinki(layer.extent, crs);
      expect(layer.srs).toContain(
        crs === 'EPSG:3879' ? 'GK25FIN' : crs === 'EPSG:3067' ? 'TM35FIN' : 'WGS 84',
      );
      expect(layer.fields.area_m2).toBe('Real');
      expect(layer.fields.district_number).toBe('Integer');
      expect(layer.fields.registered).toBe('Integer(Boolean)');
      expect(layer.fields.draw_ends_on).toBe('Date');
      expect(layer.fields.property_id).toBe('String');
    },
  );

  it('puts the plots exactly on the city coordinates in EPSG:3879 (to the millimetre)', async () => {
    const [plot] = await app.db.query<{ id: number; wkt: string }>(
      `SELECT id, ST_AsText(geom) AS wkt FROM plots WHERE status = 'published' AND use_class = 'industrial' AND area_m2 >= 5000 ORDER BY id LIMIT 1`,
    );
    const { bytes } = await download(`format=gpkg&crs=EPSG:3879&ids=${plot!.id}`);
    const text = execFileSync('ogrinfo', ['-ro', '-al', tempFile(bytes, 'gpkg')], { encoding: 'utf8' });
    const written = coordinates(/MULTIPOLYGON \(\(\(([^)]*)\)/.exec(text)![1]!);
    const stored = coordinates(/MULTIPOLYGON\(\(\(([^)]*)\)/.exec(plot!.wkt)![1]!);
    expect(written.length).toBe(stored.length);
    written.forEach((p, i) => {
      expect(Math.abs(p[0]! - stored[i]![0]!)).toBeLessThanOrEqual(0.0005);
      expect(Math.abs(p[1]! - stored[i]![1]!)).toBeLessThanOrEqual(0.0005);
    });
  });

  it('carries the demo note, the licences and Finnish field titles', async () => {
    const { bytes } = await download(`format=gpkg&${FILTER}`);
    const text = execFileSync('ogrinfo', ['-ro', '-so', '-al', tempFile(bytes, 'gpkg')], {
      encoding: 'utf8',
    });
    expect(text).toContain('Esittelyaineisto');
    expect(text).toContain('Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0');
    expect(text).toContain('YKR © SYKE ja TK 2021, CC BY 4.0');
    // GDAL 3.6 does not print field titles: read the schema extension's table directly.
    const gpkg = new Database(tempFile(bytes, 'gpkg'), { readonly: true });
    const titles = gpkg.prepare('SELECT column_name, title FROM gpkg_data_columns').all() as {
      column_name: string;
      title: string;
    }[];
    gpkg.close();
    expect(titles).toContainEqual({ column_name: 'area_m2', title: 'Pinta-ala (m²)' });
    expect(titles).toContainEqual({ column_name: 'price_eur_kem2', title: 'Hinta (€/k-m²)' });
  });
});

function coordinates(list: string): number[][] {
  return list.split(',').map((p) => p.trim().split(/\s+/).map(Number));
}

describe('GeoJSON', () => {
  it('is RFC 7946 in CRS84 by default, without a crs member', async () => {
    const { res, bytes } = await download(FILTER + '&format=geojson');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const doc = JSON.parse(new TextDecoder().decode(bytes));
    expect(doc.crs).toBeUndefined();
    expect(doc.metadata.licences).toContain('YKR © SYKE ja TK 2021, CC BY 4.0');
    expect(doc.metadata.demo).toBe(true);
    const layer = ogrinfo(tempFile(bytes, 'geojson'));
    expect(layer.featureCount).toBe(expected);
    expectInHelsinki(layer.extent, 'CRS84');
    expect(layer.fields.area_m2).toBe('Real');
  });

  it.each(['EPSG:3879', 'EPSG:3067'])('declares %s and GDAL places the plots in Helsinki', async (crs) => {
    const { bytes } = await download(`${FILTER}&format=geojson&crs=${crs}`);
    const doc = JSON.parse(new TextDecoder().decode(bytes));
    expect(doc.crs.properties.name).toBe(`urn:ogc:def:crs:EPSG::${crs.slice(5)}`);
    const layer = ogrinfo(tempFile(bytes, 'geojson'));
    expect(layer.featureCount).toBe(expected);
    expectInHelsinki(layer.extent, crs);
    expect(layer.srs).toContain(crs === 'EPSG:3879' ? 'GK25FIN' : 'TM35FIN');
  });
});

describe('GML 3.2', () => {
  it.each(['EPSG:3879', 'EPSG:3067', 'EPSG:4326', 'CRS84'])(
    'reads back in %s with the right axis order',
    async (crs) => {
      const { bytes } = await download(`${FILTER}&format=gml&crs=${crs}`);
      const text = new TextDecoder().decode(bytes);
      expect(text).toContain('xmlns:gml="http://www.opengis.net/gml/3.2"');
      expect(text).toContain('CC BY 4.0');
      expect(text).toContain(
        crs === 'CRS84'
          ? 'srsName="http://www.opengis.net/def/crs/OGC/1.3/CRS84"'
          : `srsName="urn:ogc:def:crs:EPSG::${crs.slice(5)}"`,
      );
      // The EPSG registry's axis order: GK25FIN northing first, TM35FIN(E,N) easting first,
      // EPSG:4326 latitude first; CRS84 longitude first.
      const first = /<gml:posList[^>]*>([\d.]+) ([\d.]+)/.exec(text)!.slice(1).map(Number);
      const r = HELSINKI_RANGE[crs]!;
      const northFirst = crs === 'EPSG:3879' || crs === 'EPSG:4326';
      const [x, y] = northFirst ? [first[1]!, first[0]!] : [first[0]!, first[1]!];
      expect(x).toBeGreaterThanOrEqual(r.x[0]);
      expect(x).toBeLessThanOrEqual(r.x[1]);
      expect(y).toBeGreaterThanOrEqual(r.y[0]);
      expect(y).toBeLessThanOrEqual(r.y[1]);
      const layer = ogrinfo(tempFile(bytes, 'gml'));
      expect(layer.featureCount).toBe(expected);
      expectInHelsinki(layer.extent, crs);
    },
  );
});

describe('KML', () => {
  it('is WGS84 longitude, latitude with the licences in the description', async () => {
    const { res, bytes } = await download(`${FILTER}&format=kml&lang=sv`);
    expect(res.headers.get('content-disposition')).toContain('tonttiluukku-tomter-');
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Demodata');
    expect(text).toContain('Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0');
    const layer = ogrinfo(tempFile(bytes, 'kml'));
    expect(layer.featureCount).toBe(expected);
    expectInHelsinki(layer.extent, 'CRS84');
  });

  it('refuses a projected CRS, naming the accepted ones', async () => {
    const res = await fetch(`${app.url}/api/export?format=kml&crs=EPSG:3879`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_crs');
    expect(body.error.accepted).toEqual(['CRS84', 'EPSG:4326']);
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, Finnish headers with units, and WKT GDAL reads in EPSG:3067', async () => {
    const { res, bytes } = await download(`${FILTER}&format=csv&crs=EPSG:3067&geometry=wkt`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-data-licence')).toContain('CC BY 4.0');
    expect(res.headers.get('x-demo-data')).toBe('true');
    expect(res.headers.get('link')).toContain('/api/export/about?lang=fi');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toContain('Pinta-ala (m²)');
    expect(text.split('\r\n')[0]).toContain('Hinta (€/k-m²)');
    const layer = ogrinfo(tempFile(bytes, 'csv'), undefined, [
      '-oo',
      'GEOM_POSSIBLE_NAMES=Geometria (WKT)',
      '-oo',
      'AUTODETECT_TYPE=YES',
      '-oo',
      'KEEP_GEOM_COLUMNS=NO',
    ]);
    expect(layer.featureCount).toBe(expected);
    expectInHelsinki(layer.extent, 'EPSG:3067');
    expect(layer.fields['Pinta-ala (m²)']).toMatch(/^(Integer|Real)$/);
    expect(layer.fields['Tehokkuus e']).toBe('Real');
  });

  it('with semicolons writes decimal commas for spreadsheets set to Finnish', async () => {
    const { bytes } = await download(
      `${FILTER}&format=csv&delimiter=semicolon&columns=property_id,efficiency,area_m2`,
    );
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Kiinteistötunnus;Pinta-ala (m²);Tehokkuus e');
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).some((l) => /;\d+,\d+$/.test(l))).toBe(true);
    const layer = ogrinfo(tempFile(bytes, 'csv'));
    expect(layer.featureCount).toBe(expected);
  });
});

describe('XLSX', () => {
  it('has typed numeric cells, a frozen header with an autofilter, and an about sheet', async () => {
    const { res, bytes } = await download(`${FILTER}&format=xlsx&lang=en`);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Plots')!;
    expect(ws.rowCount).toBe(expected + 1);
    const head = (ws.getRow(1).values as unknown[]).map(cellText);
    const areaCol = head.indexOf('Area (m²)');
    expect(areaCol).toBeGreaterThan(0);
    expect(head).toContain('Price (€/k-m²)');
    expect(ws.getRow(2).getCell(areaCol).type).toBe(ExcelJS.ValueType.Number);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const about = wb.getWorksheet('About')!;
    const aboutText = JSON.stringify(about.getSheetValues());
    expect(aboutText).toContain('Demo data');
    expect(aboutText).toContain('YKR © SYKE ja TK 2021, CC BY 4.0');

    const layer = ogrinfo(tempFile(bytes, 'xlsx'), 'Plots');
    expect(layer.featureCount).toBe(expected);
    expect(layer.fields['Area (m²)']).toMatch(/^(Integer|Real)$/);
    expect(layer.fields['Efficiency e']).toBe('Real');
    expect(layer.fields['Draw ends']).toBe('Date');
  });
});

/** The text of a cell value read by exceljs (inline strings come back as rich text). */
function cellText(v: unknown): unknown {
  const rich = (v as { richText?: { text: string }[] } | null)?.richText;
  return rich ? rich.map((r) => r.text).join('') : v;
}
