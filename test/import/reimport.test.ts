/**
 * Re-importing the publisher's published plots never publishes by surprise: by default a
 * changed row becomes the plot's pending draft (staff see it with its changes, the public API
 * keeps the published values until it is published), an unchanged row writes no version and
 * is counted as unchanged; `publish_updates: true` publishes at commit, for publishers only.
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
let editor: StaffClient;
let ids: number[] = [];

interface Commit {
  created: number;
  updated: number;
  staged: number;
  unchanged: number;
  plot_ids: number[];
  staged_plot_ids: number[];
}
interface Pending {
  version: number;
  status: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
  note: string;
}

const importFile = async (name: string, body: object = {}, as = publisher) => {
  const r = await upload(as, name, fixture(name));
  expect(r.status).toBe(201);
  const done = await as.json<Commit & ApiError>(
    'POST',
    `/api/staff/import/jobs/${r.body.job.id}/commit`,
    body,
  );
  return { job: r.body.job, done };
};
const publicCard = async (id: number) =>
  (await fetch(`${server.url}/api/plots/${id}`).then((r) => r.json())) as Record<string, unknown>;
const staffPlot = async (id: number) =>
  (
    await publisher.json<{
      plot: Record<string, unknown> & { version: number; pending_draft: Pending | null };
    }>('GET', `/api/staff/plots/${id}`)
  ).body.plot;
const versions = async (id: number) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plot_versions WHERE plot_id = $1`, [id]))[0]!
    .n;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  publisher = await signedIn(db, server.url, 'publisher');
  editor = await signedIn(db, server.url, 'editor');
  const { done } = await importFile('reimport-published-3879.geojson');
  expect(done.body.created).toBe(2);
  ids = done.body.plot_ids;
  const pub = await publisher.json('POST', '/api/staff/plots/bulk', { ids, action: 'publish' });
  expect(pub.status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe('re-importing published plots', () => {
  it('the preview counts one update and one unchanged row', async () => {
    const r = await upload(publisher, 'again.geojson', fixture('reimport-changed-3879.geojson'));
    const job: Job & { validation: { unchanged: number } } = r.body.job as never;
    expect(job.validation).toMatchObject({ total: 2, new: 0, update: 1, unchanged: 1, rows_with_errors: 0 });
    await publisher.json('DELETE', `/api/staff/import/jobs/${job.id}`);
  });

  it('stages the changed plot as a pending draft; the public keeps the published values', async () => {
    const before = await Promise.all(ids.map(versions));
    const { done } = await importFile('reimport-changed-3879.geojson');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      created: 0,
      updated: 0,
      staged: 1,
      unchanged: 1,
      staged_plot_ids: [ids[0]],
    });
    // No version written for either plot: the published one waits, the unchanged one is as it was.
    expect(await Promise.all(ids.map(versions))).toEqual(before);
    const card = await publicCard(ids[0]!);
    expect(card).toMatchObject({ building_right_kem2: 3200, availability: 'available' });
    const plot = await staffPlot(ids[0]!);
    expect(plot).toMatchObject({ status: 'published', building_right_kem2: 3200 });
    expect(plot.pending_draft).toMatchObject({ version: plot.version + 1, status: 'draft' });
    expect(plot.pending_draft!.changes.sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'availability', before: 'available', after: 'reserved' },
      { field: 'building_right_kem2', before: 3200, after: 3600 },
    ]);
    expect((await staffPlot(ids[1]!)).pending_draft).toBeNull();
  });

  it('publishing the pending draft writes it as the next version, and the public sees it', async () => {
    const plot = await staffPlot(ids[0]!);
    const stale = await publisher.json<ApiError>('POST', `/api/staff/plots/${ids[0]}/pending/publish`, {
      version: plot.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const forbidden = await editor.json<ApiError>('POST', `/api/staff/plots/${ids[0]}/pending/publish`, {
      version: plot.version,
    });
    expect(forbidden.status).toBe(403);
    const pub = await publisher.json<{ plot: { version: number; pending_draft: null } }>(
      'POST',
      `/api/staff/plots/${ids[0]}/pending/publish`,
      { version: plot.version },
    );
    expect(pub.status).toBe(200);
    expect(pub.body.plot).toMatchObject({ version: plot.version + 1, pending_draft: null });
    // The public card follows the data version, which other connections hear of a moment later.
    await expect
      .poll(() => publicCard(ids[0]!))
      .toMatchObject({ building_right_kem2: 3600, availability: 'reserved' });
    const again = await publisher.json<ApiError>('POST', `/api/staff/plots/${ids[0]}/pending/publish`, {
      version: plot.version + 1,
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('no_pending_draft');
  });

  it('the same file again is all unchanged and writes nothing', async () => {
    const before = await Promise.all(ids.map(versions));
    const { done } = await importFile('reimport-changed-3879.geojson');
    expect(done.body).toMatchObject({ created: 0, updated: 0, staged: 0, unchanged: 2 });
    expect(await Promise.all(ids.map(versions))).toEqual(before);
  });

  it('publish_updates: true publishes at commit, and only a publisher may ask for it', async () => {
    const r = await upload(editor, 'old.geojson', fixture('reimport-published-3879.geojson'));
    const refused = await editor.json<ApiError>('POST', `/api/staff/import/jobs/${r.body.job.id}/commit`, {
      publish_updates: true,
    });
    expect(refused.status).toBe(403);
    await editor.json('DELETE', `/api/staff/import/jobs/${r.body.job.id}`);
    const { done } = await importFile('reimport-published-3879.geojson', { publish_updates: true });
    expect(done.body).toMatchObject({ updated: 1, staged: 0, unchanged: 1 });
    await expect
      .poll(() => publicCard(ids[0]!))
      .toMatchObject({ building_right_kem2: 3200, availability: 'available' });
    expect((await staffPlot(ids[0]!)).pending_draft).toBeNull();
  });

  it('a pending draft can be discarded; the published plot stays', async () => {
    await importFile('reimport-changed-3879.geojson');
    const v = (await staffPlot(ids[0]!)).version;
    const gone = await publisher.json<{ plot: { pending_draft: null; version: number } }>(
      'DELETE',
      `/api/staff/plots/${ids[0]}/pending`,
    );
    expect(gone.status).toBe(200);
    expect(gone.body.plot).toMatchObject({ pending_draft: null, version: v });
    expect(await publicCard(ids[0]!)).toMatchObject({ building_right_kem2: 3200 });
  });
});
