/**
 * The upload's job id (chosen by the page so it can poll progress): a taken id answers 409
 * job_exists and leaves the first import as it was; a database that fails while the job is
 * created answers 503 database_unavailable, never job_exists, and the same id works once the
 * database is back, so nothing of the failed attempt stayed behind.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/index.ts';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { upload, type ApiError, type Job } from './upload.ts';

let db: TestDb;
let server: Running;
let editor: StaffClient;
// While set, creating an import job fails as a lost connection does (node-postgres's message).
let outage = false;

beforeAll(async () => {
  db = await openTestDb();
  const failing: Db = {
    ...db,
    query: ((text: string, values?: unknown[]) =>
      outage && /^\s*INSERT INTO import_jobs/i.test(text)
        ? Promise.reject(new Error('Connection terminated unexpectedly'))
        : db.query(text, values)) as Db['query'],
  };
  server = await startTestServer(failing);
  editor = await signedIn(db, server.url, 'editor');
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const file = Buffer.from(
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { property_id: '091-040-0100-0001', use_code: 'K' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [25493180, 6677940],
              [25493240, 6677940],
              [25493240, 6677980],
              [25493180, 6677980],
              [25493180, 6677940],
            ],
          ],
        },
      },
    ],
  }),
);

const jobRow = async (id: string) =>
  (await db.query<{ status: string }>(`SELECT status FROM import_jobs WHERE id = $1`, [id]))[0];

describe('the import job id', () => {
  it('answers 409 job_exists for an id already used, and the first import stays in preview', async () => {
    const id = crypto.randomUUID();
    const first = await upload<{ job: Job }>(editor, 'tontit.geojson', file, `?job=${id}&crs=3879`);
    expect(first.status).toBe(201);
    const again = await upload<ApiError>(editor, 'tontit.geojson', file, `?job=${id}&crs=3879`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'job_exists', value: id });
    expect(await jobRow(id)).toEqual({ status: 'preview' });
  });

  it('answers 503 database_unavailable when the database fails as the job is created', async () => {
    const id = crypto.randomUUID();
    outage = true;
    let during;
    try {
      during = await upload<ApiError>(editor, 'tontit.geojson', file, `?job=${id}&crs=3879`);
    } finally {
      outage = false;
    }
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('database_unavailable');
    expect(await jobRow(id)).toBeUndefined();

    const after = await upload<{ job: Job }>(editor, 'tontit.geojson', file, `?job=${id}&crs=3879`);
    expect(after.status).toBe(201);
    expect(after.body.job).toMatchObject({ id, status: 'preview' });
  });
});
