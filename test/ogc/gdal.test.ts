/**
 * A real GIS client reads the OGC API: GDAL's OAPIF driver (ogrinfo / ogr2ogr from gdal-bin),
 * with no configuration beyond the landing page URL.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

const run = promisify(execFile);

let db: TestDb;
let server: Running;
let source: string;
let published: number;
beforeAll(async () => {
  const probe = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      'ogrinfo (GDAL) is not installed, so the OGC API cannot be checked with a real client: install gdal-bin (Debian/Ubuntu: apt-get install gdal-bin).',
    );
  db = await openTestDb();
  server = await startTestServer(db);
  source = `OAPIF:http://127.0.0.1:${server.port}/ogc`;
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plots WHERE status = 'published'`,
  );
  published = r!.n;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

// GDAL's HTTP requests happen in a child process: the test awaits it, the server answers meanwhile.
const gdal = async (cmd: 'ogrinfo' | 'ogr2ogr', args: string[]) =>
  (await run(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 })).stdout;

interface Collection {
  features: Array<{ properties: Record<string, unknown>; geometry: { coordinates: number[][][][] } }>;
}
const points = (fc: Collection) =>
  fc.features.flatMap((f) => f.geometry.coordinates.flatMap((poly) => poly.flatMap((ring) => ring)));

describe("GDAL's OAPIF driver", () => {
  it('lists both collections', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-q', source]);
    expect(out).toMatch(/plots/);
    expect(out).toMatch(/districts/);
  });

  it('summarises the plots layer: multipolygons, the published count, the fields', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-so', source, 'plots']);
    expect(out).toMatch(/Geometry: Multi Polygon/);
    expect(out).toMatch(new RegExp(`Feature Count: ${published}\\b`));
    expect(out).toMatch(/property_id: String/);
    expect(out).toMatch(/area_m2: (Integer|Real)/);
    const ext = out.match(/Extent: \(([\d.]+), ([\d.]+)\) - \(([\d.]+), ([\d.]+)\)/);
    expect(ext).not.toBeNull();
    const [w, s, e, n] = ext!.slice(1).map(Number) as [number, number, number, number];
    expect(w).toBeGreaterThan(24.7);
    expect(e).toBeLessThan(25.3);
    expect(s).toBeGreaterThan(60.1);
    expect(n).toBeLessThan(60.35);
  });

  it('reads every plot in CRS84, following the next links, with lon,lat in Helsinki', async () => {
    const fc = JSON.parse(
      await gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', source, 'plots']),
    ) as Collection;
    expect(fc.features).toHaveLength(published);
    const ids = new Set(fc.features.map((f) => f.properties.property_id));
    expect(ids.size).toBe(published);
    for (const [lon, lat] of points(fc)) {
      expect(lon).toBeGreaterThan(24.8);
      expect(lon).toBeLessThan(25.3);
      expect(lat).toBeGreaterThan(60.1);
      expect(lat).toBeLessThan(60.35);
    }
  });

  it('reads the plots in EPSG:3879 with eastings and northings in Helsinki ranges, matching the server', async () => {
    const out = await gdal('ogr2ogr', [
      '-f',
      'GeoJSON',
      '/vsistdout/',
      source,
      'plots',
      '-t_srs',
      'EPSG:3879',
      '-lco',
      'COORDINATE_PRECISION=3',
    ]);
    const fc = JSON.parse(out) as Collection;
    expect(fc.features).toHaveLength(published);
    for (const [e, n] of points(fc)) {
      expect(e).toBeGreaterThan(25_490_000);
      expect(e).toBeLessThan(25_512_000);
      expect(n).toBeGreaterThan(6_670_000);
      expect(n).toBeLessThan(6_690_000);
    }
    // The server's own EPSG:3879 output (northing first, as the CRS defines) names the same points.
    const first = fc.features.find((f) => f.properties.property_id)!;
    const [row] = await db.query<{ id: number }>('SELECT id::int FROM plots WHERE property_id = $1', [
      first.properties.property_id,
    ]);
    const res = await fetch(
      `http://127.0.0.1:${server.port}/ogc/collections/plots/items/${row!.id}?crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/3879')}`,
    );
    const own = (await res.json()) as { geometry: { coordinates: number[][][][] } };
    const [n0, e0] = own.geometry.coordinates[0]![0]![0]! as [number, number];
    const [e1, n1] = first.geometry.coordinates[0]![0]![0]! as [number, number];
    expect(Math.abs(e0 - e1)).toBeLessThan(0.05);
    expect(Math.abs(n0 - n1)).toBeLessThan(0.05);
  });

  it('passes a spatial filter to the server as bbox', async () => {
    const [b] = await db.query<{ w: number; s: number; e: number; n: number; count: number }>(
      `SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n,
         (SELECT count(*)::int FROM plots p WHERE p.status = 'published' AND ST_Intersects(p.geom, ST_Transform(ST_MakeEnvelope(ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g), 4326), 3879))) AS count
       FROM (SELECT ST_Transform(geom, 4326) g FROM sub_districts WHERE number = 433) x`,
    );
    const out = await gdal('ogrinfo', [
      '-ro',
      '-so',
      source,
      'plots',
      '-spat',
      String(b!.w),
      String(b!.s),
      String(b!.e),
      String(b!.n),
    ]);
    expect(b!.count).toBeGreaterThan(0);
    expect(out).toMatch(new RegExp(`Feature Count: ${b!.count}\\b`));
  });

  it('reads the districts with their Finnish and Swedish names', async () => {
    const out = await gdal('ogrinfo', ['-ro', source, 'districts', '-where', 'number = 10']);
    expect(out).toMatch(/name_fi \(String\) = Sörnäinen/);
    expect(out).toMatch(/name_sv \(String\) = Sörnäs/);
  });
});
