import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { publishDue } from '../../server/staff/workflow.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { freshPropertyId, square } from './geo.ts';

let db: TestDb;
let server: Running;
let editor: StaffClient;
let publisher: StaffClient;

interface Plot {
  id: number;
  version: number;
  status: string;
  property_id: string;
  availability: string;
  area_m2: number;
  sub_district_number: number;
  building_right_kem2: number | null;
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  editor = await signedIn(db, server.url, 'editor');
  publisher = await signedIn(db, server.url, 'publisher');
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

async function newDraft(c: StaffClient = editor, extra: Record<string, unknown> = {}): Promise<Plot> {
  const res = await c.json<{ plot: Plot }>('POST', '/api/staff/plots', {
    property_id: freshPropertyId(),
    use_code: 'KTY',
    building_right_kem2: '2 400,5',
    geometry: square(24.8711, 60.2201),
    note: 'new plot',
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.plot;
}

describe('creating and editing', () => {
  it('creates a draft with the area computed in metres and the sub-district from the geometry', async () => {
    const p = await newDraft();
    expect(p.status).toBe('draft');
    expect(p.version).toBe(1);
    expect(p.area_m2).toBeGreaterThan(2000);
    expect(p.area_m2).toBeLessThan(4000);
    expect(p.sub_district_number).toBe(465); // Pitäjänmäen yritysalue
    expect(p.building_right_kem2).toBe(2400.5);
  });

  it('accepts the short and 14-digit property identifier forms and stores the dashed form', async () => {
    const a = await newDraft(editor, { property_id: '91-40-9876-5' });
    expect(a.property_id).toBe('091-040-9876-0005');
    const b = await newDraft(editor, { property_id: '09104098760006' });
    expect(b.property_id).toBe('091-040-9876-0006');
  });

  it.each([
    [{ property_id: '091-040-9901-0001' }, 'property_id', 'public_area_property'],
    [{ property_id: 'DROP TABLE plots;' }, 'property_id', 'invalid_property_id'],
    [{ use_code: 'XX' }, 'use_code', 'unknown_value'],
    [{ building_right_kem2: '-5' }, 'building_right_kem2', 'out_of_range'],
    [{ plan_number: '12a' }, 'plan_number', 'invalid_plan_number'],
    [{ draw_ends_on: '31.2.2027' }, 'draw_ends_on', 'invalid_date'],
  ])('refuses %j with the field and code', async (bad, field, code) => {
    const res = await editor.json<{
      error: { code: string; field: string; problems: Array<{ code: string }> };
    }>('POST', '/api/staff/plots', {
      property_id: freshPropertyId(),
      use_code: 'K',
      geometry: square(24.8711, 60.2201),
      ...bad,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_plot');
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.problems[0]!.code).toBe(code);
  });

  it('refuses a geometry outside Helsinki (e.g. lat/lon swapped)', async () => {
    const res = await editor.json<{ error: { code: string } }>('POST', '/api/staff/plots', {
      property_id: freshPropertyId(),
      use_code: 'K',
      geometry: square(60.2201, 24.8711),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('outside_helsinki');
  });

  it('refuses a stale edit with 409, the current version and what changed', async () => {
    const p = await newDraft();
    const first = await editor.json<{ plot: Plot }>('PATCH', `/api/staff/plots/${p.id}`, {
      version: 1,
      availability: 'reserved',
    });
    expect(first.status).toBe(200);
    expect(first.body.plot.version).toBe(2);
    const stale = await publisher.json<{
      error: { code: string; current_version: number; changes: Array<{ field: string; after: unknown }> };
    }>('PATCH', `/api/staff/plots/${p.id}`, { version: 1, availability: 'coming' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.current_version).toBe(2);
    expect(stale.body.error.changes).toContainEqual({
      field: 'availability',
      before: 'available',
      after: 'reserved',
    });
    const row = await db.query<{ availability: string }>('SELECT availability FROM plots WHERE id = $1', [
      p.id,
    ]);
    expect(row[0]!.availability).toBe('reserved');
  });
});

describe('workflow', () => {
  it('draft -> published shows the plot in the public API; withdrawn removes it', async () => {
    const p = await newDraft();
    expect((await fetch(`${server.url}/api/plots/${p.id}`)).status).toBe(404);
    const pub = await publisher.json<{ plot: Plot }>('POST', `/api/staff/plots/${p.id}/publish`, {
      version: p.version,
    });
    expect(pub.status).toBe(200);
    expect(pub.body.plot.status).toBe('published');
    const card = await fetch(`${server.url}/api/plots/${p.id}`);
    expect(card.status).toBe(200);
    expect((await card.json()).property_id).toBe(p.property_id);
    const wd = await publisher.json<{ plot: Plot }>('POST', `/api/staff/plots/${p.id}/withdraw`, {
      version: pub.body.plot.version,
    });
    expect(wd.body.plot.status).toBe('withdrawn');
    expect((await fetch(`${server.url}/api/plots/${p.id}`)).status).toBe(404);
  });

  it('an editor cannot publish, nor change a published plot', async () => {
    const p = await newDraft();
    expect(
      (await editor.json('POST', `/api/staff/plots/${p.id}/publish`, { version: p.version })).status,
    ).toBe(403);
    const pub = await publisher.json<{ plot: Plot }>('POST', `/api/staff/plots/${p.id}/publish`, {
      version: p.version,
    });
    const edit = await editor.json<{ error: { code: string } }>('PATCH', `/api/staff/plots/${p.id}`, {
      version: pub.body.plot.version,
      notes: 'x',
    });
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe('published_edit_forbidden');
  });

  it('refuses a step the status does not allow', async () => {
    const p = await newDraft();
    const res = await publisher.json<{ error: { code: string } }>(
      'POST',
      `/api/staff/plots/${p.id}/withdraw`,
      { version: p.version },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
  });

  it('a scheduled publication stays hidden until its time, then the scheduler publishes it', async () => {
    const p = await newDraft();
    const at = new Date(Date.now() + 3600_000).toISOString();
    const s = await publisher.json<{ plot: Plot & { publish_at: string } }>(
      'POST',
      `/api/staff/plots/${p.id}/schedule`,
      { version: p.version, publish_at: at },
    );
    expect(s.status).toBe(200);
    expect(s.body.plot.status).toBe('draft');
    // A check with nothing due changes nothing, not even the data version every cache keys on.
    const version = async () =>
      (await db.query<{ v: number }>(`SELECT version::int AS v FROM data_versions WHERE name = 'plots'`))[0]!
        .v;
    const before = await version();
    expect(await publishDue(db)).toBe(0);
    expect(await version()).toBe(before);
    expect((await fetch(`${server.url}/api/plots/${p.id}`)).status).toBe(404);
    // Time passes.
    await db.query(`UPDATE plots SET publish_at = now() - interval '1 minute' WHERE id = $1`, [p.id]);
    expect(await publishDue(db)).toBe(1);
    expect((await fetch(`${server.url}/api/plots/${p.id}`)).status).toBe(200);
    const past = await publisher.json<{ error: { code: string } }>(
      'POST',
      `/api/staff/plots/${p.id}/schedule`,
      {
        version: 99,
        publish_at: '2001-01-01T00:00:00Z',
      },
    );
    expect(past.body.error.code).toBe('publish_at_in_past');
  });

  it('bulk-changes availability of selected plots in one step', async () => {
    const a = await newDraft();
    const b = await newDraft();
    const res = await editor.json<{ updated: number }>('POST', '/api/staff/plots/bulk', {
      ids: [a.id, b.id],
      changes: { availability: 'coming' },
      note: 'Coming next year',
    });
    expect(res.body.updated).toBe(2);
    const rows = await db.query<{ availability: string }>(
      'SELECT availability FROM plots WHERE id = ANY($1::bigint[])',
      [[a.id, b.id]],
    );
    expect(rows.map((r) => r.availability)).toEqual(['coming', 'coming']);
    // All or nothing: one missing id refuses everything.
    const bad = await editor.json('POST', '/api/staff/plots/bulk', {
      ids: [a.id, 999999999],
      changes: { availability: 'reserved' },
    });
    expect(bad.status).toBe(404);
    const again = await db.query<{ availability: string }>('SELECT availability FROM plots WHERE id = $1', [
      a.id,
    ]);
    expect(again[0]!.availability).toBe('coming');
  });
});

describe('history, restore and audit', () => {
  it('lists every version with who, the note and the diff, and restores an earlier one', async () => {
    const p = await newDraft();
    await editor.json('PATCH', `/api/staff/plots/${p.id}`, {
      version: 1,
      address: 'Strömbergintie 4',
      note: 'address from the city',
    });
    await editor.json('PATCH', `/api/staff/plots/${p.id}`, {
      version: 2,
      address: 'Wrong street 1',
      geometry: square(24.8721, 60.2201),
    });
    const h = await editor.json<{
      versions: Array<{
        version: number;
        changed_by: string;
        change_note: string;
        changes: Array<{ field: string; before: unknown; after: unknown }>;
      }>;
    }>('GET', `/api/staff/plots/${p.id}/history`);
    expect(h.body.versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(h.body.versions[1]!.change_note).toBe('address from the city');
    expect(h.body.versions[1]!.changes).toEqual([
      { field: 'address', before: null, after: 'Strömbergintie 4' },
    ]);
    expect(h.body.versions[2]!.changes.map((c) => c.field)).toContain('geom');
    const r = await editor.json<{ plot: Plot & { address: string } }>(
      'POST',
      `/api/staff/plots/${p.id}/restore`,
      { version: 3, restore_version: 2 },
    );
    expect(r.status).toBe(200);
    expect(r.body.plot.version).toBe(4);
    expect(r.body.plot.address).toBe('Strömbergintie 4');
    const h2 = await editor.json<{
      versions: Array<{ change_note: string; changes: Array<{ field: string }> }>;
    }>('GET', `/api/staff/plots/${p.id}/history`);
    expect(h2.body.versions[3]!.change_note).toBe('Restored version 2');
    expect(h2.body.versions[3]!.changes.map((c) => c.field).sort()).toEqual(['address', 'geom']);
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_type = 'plot' AND target_id = $1 ORDER BY id`,
      [String(p.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['plot.create', 'plot.update', 'plot.update', 'plot.restore']);
  });

  it('records who changed the plot in the plot itself', async () => {
    const p = await newDraft(publisher);
    const me = await publisher.json<{ user: { email: string } }>('GET', '/api/auth/me');
    const row = await db.query<{ updated_by: string; created_by: string }>(
      'SELECT updated_by, created_by FROM plots WHERE id = $1',
      [p.id],
    );
    expect(row[0]).toEqual({ updated_by: me.body.user.email, created_by: me.body.user.email });
  });

  it('lists drafts for staff with status filter and the shared plot filter', async () => {
    const p = await newDraft();
    const res = await editor.json<{ items: Array<{ id: number; status: string }>; total: number }>(
      'GET',
      `/api/staff/plots?status=draft&q=${p.property_id}`,
    );
    expect(res.body.items.map((i) => i.id)).toEqual([p.id]);
    const bad = await editor.json<{ error: { code: string } }>('GET', '/api/staff/plots?status=deleted');
    expect(bad.body.error.code).toBe('invalid_query');
  });
});
