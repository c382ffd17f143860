/**
 * The publishing walk-through: a publisher imports a GML 3.2 WFS response (EPSG:3879, northing
 * first), a zipped Shapefile (EPSG:3067) and a semicolon CSV with decimal commas (Windows-1252,
 * CRS inferred), fixes what each preview flags, publishes, and finds every plot in the right
 * place in the public API, with history and audit entries for each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { fixture, upload, type ApiError, type Job } from './upload.ts';

let db: TestDb;
let server: Running;
let publisher: StaffClient;
const imported: number[] = [];

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  publisher = await signedIn(db, server.url, 'publisher');
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const problemCodes = (j: Job) => j.validation.problems.map((p) => p.code).sort();

async function rows(jobId: string, only = 'problems') {
  const r = await publisher.json<{
    rows: Array<{
      n: number;
      action: string;
      mapped: Record<string, unknown>;
      problems: Array<{ code: string; field: string }>;
      geometry: { type: string };
    }>;
  }>('GET', `/api/staff/import/jobs/${jobId}/rows?only=${only}`);
  return r.body.rows;
}

async function fix(jobId: string, n: number, body: object): Promise<Job> {
  const r = await publisher.json<{ job: Job }>('PATCH', `/api/staff/import/jobs/${jobId}/rows/${n}`, body);
  expect(r.status).toBe(200);
  return r.body.job;
}

async function commit(jobId: string) {
  return publisher.json<{ created: number; updated: number; plot_ids: number[] } & ApiError>(
    'POST',
    `/api/staff/import/jobs/${jobId}/commit`,
    {},
  );
}

async function placeOf(ids: number[]) {
  return db.query<{
    id: number;
    property_id: string;
    sub_district_number: number;
    area_m2: number;
    status: string;
  }>(
    `SELECT id::int, property_id, sub_district_number, area_m2::float8 AS area_m2, status FROM plots WHERE id = ANY($1::bigint[]) ORDER BY property_id`,
    [ids],
  );
}

describe('GML 3.2 WFS response in EPSG:3879, northing first', () => {
  let job: Job;
  it('reads the layer, recognises the preset and detects the swapped axes', async () => {
    const r = await upload(publisher, 'Kaavayksikot.gml', fixture('kaavayksikot-wfs-3879.gml'));
    expect(r.status).toBe(201);
    job = r.body.job;
    expect(job.summary).toMatchObject({ format: 'gml', layer: 'Kaavayksikot', feature_count: 3 });
    expect(job.settings).toMatchObject({
      epsg: 3879,
      swap_axes: true,
      crs_confirmed: true,
      preset: 'kaavayksikot',
    });
    expect(job.settings.mapping).toMatchObject({
      property_id: 'kaavayksikkotunnus',
      plan_number: 'kaavatunnus',
      building_right_kem2: 'rakennusoikeus',
    });
  });

  it('flags the unknown use code and the repair that halves an outline, and nothing is in plots yet', async () => {
    expect(job.validation).toMatchObject({ total: 3, new: 3, rows_with_errors: 2, rows_with_warnings: 0 });
    expect(problemCodes(job)).toEqual(['geometry_repair_changes_area', 'unknown_value']);
    const flagged = await rows(job.id);
    expect(flagged.find((r) => r.problems.some((p) => p.code === 'unknown_value'))!.n).toBe(2);
    const none = await db.query(`SELECT 1 FROM plots WHERE property_id LIKE '091-465-0001-01%'`);
    expect(none).toHaveLength(0);
    const refused = await commit(job.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('repairs_unconfirmed');
  });

  it('commits after the fix and the accepted repair: three drafts inside Pitäjänmäki', async () => {
    const fixed = await fix(job.id, 2, { values: { use_code: 'KT' } });
    expect(fixed.validation.rows_with_errors).toBe(1);
    const unconfirmed = await commit(job.id);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error).toMatchObject({ code: 'repairs_unconfirmed', rows: [3] });
    const accepted = await publisher.json<{ job: Job }>('POST', `/api/staff/import/jobs/${job.id}/repairs`, {
      rows: [3],
      decision: 'accept',
    });
    expect(accepted.body.job.validation.rows_with_errors).toBe(0);
    const done = await commit(job.id);
    expect(done.status).toBe(200);
    expect(done.body.created).toBe(3);
    imported.push(...done.body.plot_ids);
    const plots = await placeOf(done.body.plot_ids);
    expect(plots.map((p) => [p.property_id, p.sub_district_number, p.status])).toEqual([
      ['091-465-0001-0101', 465, 'draft'],
      ['091-465-0001-0102', 465, 'draft'],
      ['091-465-0001-0103', 465, 'draft'],
    ]);
    expect(plots[0]!.area_m2).toBe(2400);
  });
});

describe('zipped Shapefile in EPSG:3067', () => {
  let job: Job;
  it('reads the .prj, the truncated DBF names and the short property identifier form', async () => {
    const r = await upload(publisher, 'kiinteistot.zip', fixture('kiinteistot-3067-shp.zip'));
    expect(r.status).toBe(201);
    job = r.body.job;
    expect(job.summary.format).toBe('shapefile');
    expect(job.settings).toMatchObject({ epsg: 3067, swap_axes: false, crs_confirmed: true });
    expect(job.settings.mapping).toMatchObject({
      property_id: 'kiinteisto',
      address: 'osoite',
      use_code: 'kaytto',
      building_right_kem2: 'rakoikeus',
    });
    expect(job.validation).toMatchObject({ total: 3, rows_with_errors: 1 });
    const flagged = await rows(job.id);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.problems).toContainEqual(
      expect.objectContaining({ field: 'property_id', code: 'required' }),
    );
  });

  it('commits after the missing identifier is given: three plots inside Herttoniemi', async () => {
    await fix(job.id, 3, { values: { property_id: '91-433-5-3' } });
    const done = await commit(job.id);
    expect(done.body.created).toBe(3);
    imported.push(...done.body.plot_ids);
    const plots = await placeOf(done.body.plot_ids);
    expect(plots.map((p) => p.property_id)).toEqual([
      '091-433-0005-0001',
      '091-433-0005-0002',
      '091-433-0005-0003',
    ]);
    expect(plots.every((p) => p.sub_district_number === 433)).toBe(true);
    // 60 m x 40 m, through EPSG:3067 and back.
    expect(Math.abs(plots[0]!.area_m2 - 2400)).toBeLessThanOrEqual(2);
  });
});

describe('semicolon CSV with decimal commas, Windows-1252, CRS not named', () => {
  let job: Job;
  it('detects the encoding, infers EPSG:3879 and asks for confirmation', async () => {
    const r = await upload(publisher, 'tontit.csv', fixture('tontit-excel-1252.csv'));
    expect(r.status).toBe(201);
    job = r.body.job;
    expect(job.summary).toMatchObject({ format: 'csv', encoding: 'windows1252' });
    expect(job.summary.attributes).toContain('kiinteistötunnus');
    expect(job.settings).toMatchObject({ epsg: 3879, swap_axes: false, crs_confirmed: false });
    expect(problemCodes(job)).toEqual(['duplicate_in_file']);
    const all = await rows(job.id, 'all');
    expect(all[0]!.mapped).toMatchObject({
      address: 'Työpajankatu 2',
      building_right_kem2: 1250.5,
      lease_basis_eur_kem2: 55.5,
      availability: 'available',
    });
    expect(all[1]!.mapped).toMatchObject({ availability: 'coming', building_right_kem2: 2100 });
  });

  it('refuses to commit until the inferred CRS is confirmed and the duplicate fixed', async () => {
    await fix(job.id, 3, { values: { property_id: '091-010-0601-0003' } });
    const unconfirmed = await commit(job.id);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe('crs_not_confirmed');
    const confirmed = await publisher.json<{ job: Job }>(
      'POST',
      `/api/staff/import/jobs/${job.id}/configure`,
      { confirm_crs: true },
    );
    expect(confirmed.body.job.settings.crs_confirmed).toBe(true);
    const done = await commit(job.id);
    expect(done.status).toBe(200);
    expect(done.body.created).toBe(3);
    imported.push(...done.body.plot_ids);
    const plots = await placeOf(done.body.plot_ids);
    expect(plots.every((p) => p.sub_district_number === 102)).toBe(true);
  });
});

describe('publishing what was imported', () => {
  it('shows every plot in the public API at the right place, with history and audit', async () => {
    expect(imported).toHaveLength(9);
    const before = await fetch(`${server.url}/api/plots/${imported[0]}`);
    expect(before.status).toBe(404);
    const pub = await publisher.json<{ updated: number }>('POST', '/api/staff/plots/bulk', {
      ids: imported,
      action: 'publish',
      note: 'First import',
    });
    expect(pub.body.updated).toBe(9);
    const expected: Record<string, [number, number]> = {
      '465': [24.8711, 60.2201],
      '433': [25.0439, 60.1999],
      '010': [24.9834, 60.1904],
    };
    for (const id of imported) {
      const res = await fetch(`${server.url}/api/plots/${id}`);
      expect(res.status).toBe(200);
      const card = (await res.json()) as { property_id: string; center: [number, number] };
      const [lon, lat] = expected[card.property_id.slice(4, 7)]!;
      // Within ~300 m of where the source placed it (northing-first read right, 3067 transformed right).
      expect(Math.abs(card.center[0] - lon)).toBeLessThan(0.006);
      expect(Math.abs(card.center[1] - lat)).toBeLessThan(0.003);
    }
    const h = await publisher.json<{ versions: Array<{ change_note: string; status: string }> }>(
      'GET',
      `/api/staff/plots/${imported[0]}/history`,
    );
    expect(h.body.versions.map((v) => [v.status, v.change_note])).toEqual([
      ['draft', 'Import Kaavayksikot.gml'],
      ['published', 'First import'],
    ]);
    const audit = await db.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'import.%' OR action LIKE 'plot.bulk.%' GROUP BY action ORDER BY action`,
    );
    expect(Object.fromEntries(audit.map((a) => [a.action, a.n]))).toEqual({
      'import.upload': 3,
      'import.fix_row': 3,
      'import.configure': 1,
      'import.commit': 3,
      'import.repairs': 1,
      'plot.bulk.publish': 1,
    });
  });
});
