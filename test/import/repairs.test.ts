/**
 * Geometry repairs that change a plot are the publisher's decision: a bow-tie outline (a
 * rectangle with two corners swapped) repaired into two triangles shows its area before and
 * after and blocks the commit (409 repairs_unconfirmed naming the row) until it is accepted or
 * the row excluded; a repair that keeps the area stays a warning. A stated area 10 % off the
 * geometry's is a warning with both figures.
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

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  publisher = await signedIn(db, server.url, 'publisher');
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface Problem {
  field: string;
  code: string;
  severity: string;
  value: unknown;
  [k: string]: unknown;
}
type Row = {
  n: number;
  excluded: boolean;
  problems: Problem[];
  geometry: { type: string };
  original_geometry: { type: string } | null;
};

const rows = async (id: string) =>
  (await publisher.json<{ rows: Row[] }>('GET', `/api/staff/import/jobs/${id}/rows?only=all`)).body.rows;
const commit = (id: string) =>
  publisher.json<ApiError & { created: number }>('POST', `/api/staff/import/jobs/${id}/commit`, {});
const decide = (id: string, body: object) =>
  publisher.json<ApiError & { job: Job }>('POST', `/api/staff/import/jobs/${id}/repairs`, body);

describe('a bow-tie plot', () => {
  let job: Job;
  it('is an error showing the area before and after the repair, with both shapes for the map', async () => {
    const r = await upload(publisher, 'bowtie.geojson', fixture('bowtie-3879.geojson'));
    expect(r.status).toBe(201);
    job = r.body.job;
    expect(job.validation).toMatchObject({ total: 3, new: 3, rows_with_errors: 1 });
    const [bow, touching, plain] = await rows(job.id);
    expect(bow!.problems).toContainEqual(
      expect.objectContaining({
        field: 'geometry',
        code: 'geometry_repair_changes_area',
        severity: 'error',
        area_before: 5465,
        area_after: 2733,
        change_pct: 50,
      }),
    );
    expect(bow!.geometry.type).toBe('MultiPolygon');
    expect(bow!.original_geometry!.type).toBe('Polygon');
    // A ring touching itself: repaired without changing the area, so a plain warning.
    expect(touching!.problems).toEqual([
      expect.objectContaining({ code: 'geometry_repaired', severity: 'warning', change_pct: 0 }),
    ]);
    expect(touching!.problems[0]!.area_before).toBe(touching!.problems[0]!.area_after);
    expect(plain!.problems).toEqual([]);
    expect(plain!.original_geometry).toBeNull();
  });

  it('refuses the commit with 409 repairs_unconfirmed naming the row, and writes nothing', async () => {
    const refused = await commit(job.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'repairs_unconfirmed', value: 1, rows: [1] });
    const none = await db.query(`SELECT 1 FROM plots WHERE property_id LIKE '091-465-0987-%'`);
    expect(none).toHaveLength(0);
  });

  it('refuses a decision on a row without an area-changing repair, or an unknown decision', async () => {
    const wrongRow = await decide(job.id, { rows: [3], decision: 'accept' });
    expect(wrongRow.status).toBe(404);
    expect(wrongRow.body.error).toMatchObject({ code: 'repair_not_found', value: 3 });
    const wrongDecision = await decide(job.id, { rows: [1], decision: 'maybe' });
    expect(wrongDecision.status).toBe(400);
    expect(wrongDecision.body.error.code).toBe('invalid_decision');
  });

  it('excluding the row lets the others commit', async () => {
    const excluded = await decide(job.id, { rows: [1], decision: 'exclude' });
    expect(excluded.status).toBe(200);
    expect(excluded.body.job.validation).toMatchObject({ excluded: 1, rows_with_errors: 0 });
    // Taken back: undecided again, refused again.
    await decide(job.id, { rows: [1], decision: 'undecided' });
    expect((await commit(job.id)).body.error.code).toBe('repairs_unconfirmed');
  });

  it('accepting the repair commits the repaired plot with its repaired area', async () => {
    const accepted = await decide(job.id, { rows: [1], decision: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.job.validation.rows_with_errors).toBe(0);
    const [bow] = await rows(job.id);
    expect(bow!.problems).toContainEqual(
      expect.objectContaining({
        code: 'geometry_repair_accepted',
        severity: 'warning',
        area_before: 5465,
        area_after: 2733,
      }),
    );
    const done = await commit(job.id);
    expect(done.status).toBe(200);
    expect(done.body.created).toBe(3);
    const [plot] = await db.query<{ area_m2: number }>(
      `SELECT area_m2::float8 FROM plots WHERE property_id = '091-465-0987-0001'`,
    );
    expect(plot!.area_m2).toBe(2733);
  });

  it('a decision holds for the repaired area it was given for, and is asked again for another', async () => {
    const text = fixture('bowtie-3879.geojson').toString().replace(/0987-/g, '0986-');
    const r = await upload(publisher, 'bowtie.geojson', Buffer.from(text));
    const id = r.body.job.id;
    await decide(id, { rows: [1], decision: 'accept' });
    const moved = await publisher.json<{ job: Job }>('POST', `/api/staff/import/jobs/${id}/configure`, {
      swap_axes: false,
      mapping: { property_id: 'kiinteistotunnus', use_code: 'kayttotarkoitus' },
    });
    expect(moved.body.job.validation.rows_with_errors).toBe(0);
    // Validated again (another mapping), the same repair keeps its decision; a repair to
    // another area (as another coordinate system would make) is undecided again.
    await db.query(
      `UPDATE import_rows SET repair_accepted_m2 = repair_accepted_m2 + 10 WHERE job_id = $1 AND n = 1`,
      [id],
    );
    const again = await publisher.json<{ job: Job }>('POST', `/api/staff/import/jobs/${id}/configure`, {
      confirm_crs: true,
    });
    expect(again.body.job.validation.rows_with_errors).toBe(1);
    expect((await commit(id)).body.error.code).toBe('repairs_unconfirmed');
  });
});

describe('a stated area', () => {
  it('10 % off the geometry is a warning with both figures; within 3 % says nothing', async () => {
    const r = await upload(publisher, 'pinta-ala.geojson', fixture('stated-area-3879.geojson'));
    expect(r.status).toBe(201);
    const job = r.body.job;
    expect(job.settings.mapping).toMatchObject({ area_m2: 'pinta_ala' });
    expect(job.validation).toMatchObject({ rows_with_errors: 0, rows_with_warnings: 1 });
    const [off, close] = await rows(job.id);
    expect(off!.problems).toEqual([
      expect.objectContaining({
        field: 'area_m2',
        code: 'stated_area_differs',
        severity: 'warning',
        stated: 2640,
        geometry: 2400,
        change_pct: 10,
      }),
    ]);
    expect(close!.problems).toEqual([]);
    // Without the mapping there is nothing to compare; an unknown attribute is refused.
    const unmapped = await publisher.json<{ job: Job }>(
      'POST',
      `/api/staff/import/jobs/${job.id}/configure`,
      {
        mapping: { property_id: 'kiinteistotunnus', use_code: 'kayttotarkoitus', area_m2: '' },
      },
    );
    expect(unmapped.body.job.validation.rows_with_warnings).toBe(0);
    const bad = await publisher.json<ApiError>('POST', `/api/staff/import/jobs/${job.id}/configure`, {
      mapping: { property_id: 'kiinteistotunnus', area_m2: 'ala' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_mapping');
    // The stated area is a check only: the plot's area is its geometry's.
    await publisher.json('POST', `/api/staff/import/jobs/${job.id}/configure`, {
      mapping: { property_id: 'kiinteistotunnus', use_code: 'kayttotarkoitus', area_m2: 'pinta_ala' },
    });
    expect((await commit(job.id)).status).toBe(200);
    const [plot] = await db.query<{ area_m2: number }>(
      `SELECT area_m2::float8 FROM plots WHERE property_id = '091-465-0988-0001'`,
    );
    expect(plot!.area_m2).toBe(2400);
  });
});
