/** Each supported format and CRS form reaches the same preview; points update existing plots. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { fixture, upload, type Job } from './upload.ts';

let db: TestDb;
let server: Running;
let publisher: StaffClient;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  publisher = await signedIn(db, server.url, 'publisher');
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const rect = (e: number, n: number) => [
  [e, n],
  [e + 60, n],
  [e + 60, n + 40],
  [e, n + 40],
  [e, n],
];

async function firstRowPlace(jobId: string) {
  const r = await publisher.json<{ rows: Array<{ geometry: { coordinates: number[][][][] } }> }>(
    'GET',
    `/api/staff/import/jobs/${jobId}/rows?limit=1`,
  );
  return r.body.rows[0]!.geometry.coordinates[0]![0]![0]! as [number, number];
}

describe('formats', () => {
  it('GeoPackage: reads the table, its EPSG:3879 and the attributes', async () => {
    const r = await upload(publisher, 'roihupelto.gpkg', fixture('roihupelto-3879.gpkg'));
    expect(r.status).toBe(201);
    expect(r.body.job.summary).toMatchObject({ format: 'geopackage', layer: 'tontit', feature_count: 2 });
    expect(r.body.job.settings).toMatchObject({ epsg: 3879, swap_axes: false, preset: 'tonttiluukku' });
    expect(r.body.job.validation).toMatchObject({ new: 2, rows_with_errors: 0 });
    const [lon, lat] = await firstRowPlace(r.body.job.id);
    expect(lon).toBeCloseTo(25.056, 2);
    expect(lat).toBeCloseTo(60.2116, 2);
  });

  it('GML 2 with "EPSG:3879" easting first lands in the same place as the GeoPackage', async () => {
    const r = await upload(publisher, 'roihupelto.gml', fixture('roihupelto-gml2-3879.gml'));
    expect(r.status).toBe(201);
    expect(r.body.job.settings).toMatchObject({ epsg: 3879, swap_axes: false });
    const [lon, lat] = await firstRowPlace(r.body.job.id);
    expect(lon).toBeCloseTo(25.056, 2);
    expect(lat).toBeCloseTo(60.2116, 2);
  });

  it('GeoJSON with a legacy crs member (EPSG:3879 as a URN) and RFC 7946 GeoJSON agree', async () => {
    const legacy = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3879' } },
      features: [
        {
          type: 'Feature',
          properties: { property_id: '91-456-3-1', use_code: 'T' },
          geometry: { type: 'Polygon', coordinates: [rect(25503110, 6677649)] },
        },
      ],
    };
    const a = await upload(publisher, 'legacy.geojson', Buffer.from(JSON.stringify(legacy)));
    expect(a.status).toBe(201);
    expect(a.body.job.settings).toMatchObject({ epsg: 3879, swap_axes: false, crs_confirmed: true });
    const [lon, lat] = await firstRowPlace(a.body.job.id);
    const modern = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { property_id: '91-456-3-1', use_code: 'T' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [lon, lat],
                [lon + 0.001, lat],
                [lon + 0.001, lat + 0.0004],
                [lon, lat],
              ],
            ],
          },
        },
      ],
    };
    const b = await upload(publisher, 'modern.geojson', Buffer.from(JSON.stringify(modern)));
    expect(b.body.job.settings).toMatchObject({ epsg: 4326, swap_axes: false, crs_confirmed: true });
    expect(b.body.job.validation.rows_with_errors).toBe(0);
  });

  it('latitude-first EPSG:4326 coordinates are detected and flipped', async () => {
    const flipped = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } },
      features: [
        {
          type: 'Feature',
          properties: { property_id: '91-456-3-2', use_code: 'T' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [60.2116, 25.0561],
                [60.2116, 25.0571],
                [60.212, 25.0571],
                [60.2116, 25.0561],
              ],
            ],
          },
        },
      ],
    };
    const r = await upload(publisher, 'latlon.geojson', Buffer.from(JSON.stringify(flipped)));
    expect(r.body.job.settings).toMatchObject({ epsg: 4326, swap_axes: true });
    const [lon] = await firstRowPlace(r.body.job.id);
    expect(lon).toBeCloseTo(25.056, 2);
  });

  it('a point CSV with coordinate columns updates existing plots by identifier and keeps their outline (published at commit when asked)', async () => {
    const [plot] = await db.query<{ id: number; property_id: string; availability: string; version: number }>(
      `SELECT id::int, property_id, availability, version FROM plots WHERE status = 'published' AND availability <> 'reserved' ORDER BY id LIMIT 1`,
    );
    const [pt] = await db.query<{ x: number; y: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM plots WHERE id = $1`,
      [plot!.id],
    );
    const csv = `jhs_tunnus,saatavuus,x,y\n${plot!.property_id.replace(/-/g, '')},varattu,${pt!.x.toFixed(2)},${pt!.y.toFixed(2)}\n`;
    const r = await upload(publisher, 'vapaat.csv', Buffer.from(csv));
    expect(r.status).toBe(201);
    const job: Job = r.body.job;
    expect(job.validation).toMatchObject({ update: 1, new: 0, rows_with_errors: 0 });
    expect(job.validation.problems.map((p) => p.code)).toContain('changes_published_plot');
    await publisher.json('POST', `/api/staff/import/jobs/${job.id}/configure`, { confirm_crs: true });
    const before = await db.query<{ area_m2: number }>('SELECT area_m2::float8 FROM plots WHERE id = $1', [
      plot!.id,
    ]);
    const done = await publisher.json<{ updated: number }>(
      'POST',
      `/api/staff/import/jobs/${job.id}/commit`,
      { publish_updates: true },
    );
    expect(done.body.updated).toBe(1);
    const after = await db.query<{ availability: string; version: number; area_m2: number }>(
      'SELECT availability, version, area_m2::float8 FROM plots WHERE id = $1',
      [plot!.id],
    );
    expect(after[0]).toEqual({
      availability: 'reserved',
      version: plot!.version + 1,
      area_m2: before[0]!.area_m2,
    });
  });

  it('saves a mapping and lists it for reuse', async () => {
    const saved = await publisher.json<{ mapping: { name: string } }>('POST', '/api/staff/import/mappings', {
      name: 'Excel-pohja',
      mapping: { property_id: 'kiinteistötunnus' },
    });
    expect(saved.status).toBe(201);
    const list = await publisher.json<{
      mappings: Array<{ name: string; mapping: { mapping: Record<string, string> } }>;
    }>('GET', '/api/staff/import/mappings');
    expect(list.body.mappings.find((m) => m.name === 'Excel-pohja')!.mapping.mapping).toEqual({
      property_id: 'kiinteistötunnus',
    });
  });

  it('a mapping change re-validates: unmapping the identifier flags every row', async () => {
    const r = await upload(publisher, 'roihupelto.gpkg', fixture('roihupelto-3879.gpkg'));
    const c = await publisher.json<{ job: Job }>(
      'POST',
      `/api/staff/import/jobs/${r.body.job.id}/configure`,
      { mapping: { use_code: 'use_code' } },
    );
    expect(c.body.job.validation.rows_with_errors).toBe(2);
    const bad = await publisher.json<{ error: { code: string } }>(
      'POST',
      `/api/staff/import/jobs/${r.body.job.id}/configure`,
      { mapping: { use_code: 'no_such_column' } },
    );
    expect(bad.body.error.code).toBe('invalid_mapping');
  });
});
