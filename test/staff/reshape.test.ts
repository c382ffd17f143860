import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
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
  area_m2: number;
  building_right_kem2: number | null;
  use_code: string;
  replaces: Array<{ id: number; property_id: string; kind: string }>;
  replaced_by: Array<{ id: number; property_id: string; kind: string }>;
}
interface Reshaped {
  withdrawn: Plot[];
  created: Plot[];
}
interface Failure {
  error: { code: string; value: unknown };
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

const SIZE = 0.0005; // square(): 2 x SIZE wide, SIZE high (degrees)
let nextLon = 24.8695;
/** A fresh draft square in Pitäjänmäki's business area; `east` of a previous one shares its edge. */
async function draft(lon = (nextLon += 0.0015), extra: Record<string, unknown> = {}): Promise<Plot> {
  const res = await editor.json<{ plot: Plot }>('POST', '/api/staff/plots', {
    property_id: freshPropertyId(),
    use_code: 'TY',
    building_right_kem2: 2400,
    geometry: square(lon, 60.2201, SIZE),
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.plot;
}
/** The longitude of the middle of a square plot (its geometry is a MultiPolygon in CRS84). */
const centreOf = (p: Plot) => {
  const ring = (p as unknown as { geometry: { coordinates: number[][][][] } }).geometry.coordinates[0]![0]!;
  return Math.min(...ring.map((c) => c[0]!)) + SIZE;
};

/** A north-south line through `lon`, past both edges of the squares. */
const cut = (lon: number) => ({
  type: 'LineString',
  coordinates: [
    [lon, 60.2201 - SIZE],
    [lon, 60.2201 + SIZE],
  ],
});

const exists = async (pid: string) =>
  (await db.query(`SELECT 1 FROM plots WHERE property_id = $1`, [pid])).length > 0;

describe('splitting a plot', () => {
  it('makes two drafts with the given identifiers and withdraws the old plot, naming them', async () => {
    const p = await draft();
    const centre = centreOf(p);
    const [a, b] = [freshPropertyId(), freshPropertyId()];
    // Off centre, so the larger part (first identifier) is clear.
    const res = await editor.json<Reshaped>('POST', `/api/staff/plots/${p.id}/split`, {
      version: p.version,
      line: cut(centre + SIZE / 2),
      property_ids: [a, '91-40-' + b.slice(8, 12).replace(/^0+/, '') + '-' + Number(b.slice(13))],
      note: 'Plot division 2026',
    });
    expect(res.status).toBe(201);
    const [big, small] = res.body.created;
    expect(big!.property_id).toBe(a);
    expect(small!.property_id).toBe(b);
    for (const c of res.body.created) {
      expect(c.status).toBe('draft');
      expect(c.use_code).toBe('TY');
      expect(c.replaces).toEqual([{ id: p.id, property_id: p.property_id, kind: 'split' }]);
    }
    expect(big!.area_m2 + small!.area_m2).toBeCloseTo(p.area_m2, -1);
    expect(big!.area_m2 / small!.area_m2).toBeCloseTo(3, 0);
    expect(big!.building_right_kem2! + small!.building_right_kem2!).toBeCloseTo(2400, 0);

    const [old] = res.body.withdrawn;
    expect(old).toMatchObject({ id: p.id, status: 'withdrawn', version: p.version + 1 });
    expect(old!.replaced_by.map((r) => r.property_id).sort()).toEqual([a, b].sort());

    const hist = await editor.json<{ versions: Array<{ version: number; change_note: string }> }>(
      'GET',
      `/api/staff/plots/${p.id}/history`,
    );
    expect(hist.body.versions.at(-1)!.change_note).toBe(`Split into ${a}, ${b}`);
    const newHist = await editor.json<{ versions: Array<{ change_note: string }> }>(
      'GET',
      `/api/staff/plots/${big!.id}/history`,
    );
    expect(newHist.body.versions[0]!.change_note).toBe('Plot division 2026');
    const actions = await db.query<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_log WHERE target_id = ANY($1::text[]) ORDER BY id`,
      [[String(p.id), String(big!.id), String(small!.id)]],
    );
    expect(actions.map((x) => x.action).sort()).toEqual([
      'plot.create',
      'plot.create',
      'plot.create',
      'plot.split',
    ]);
  });

  it.each([
    [
      'a line that stops inside the plot',
      (c: number) => ({
        line: {
          type: 'LineString',
          coordinates: [
            [c, 60.2201],
            [c, 60.22012],
          ],
        },
      }),
      400,
      'split_line_not_across',
    ],
    ['no line', () => ({ line: { type: 'Point', coordinates: [24.9, 60.2] } }), 400, 'invalid_split_line'],
    [
      'one identifier',
      (c: number) => ({ line: cut(c), property_ids: [freshPropertyId()] }),
      400,
      'property_ids_required',
    ],
    [
      'a malformed identifier',
      (c: number) => ({ line: cut(c), property_ids: [freshPropertyId(), '091-040-12'] }),
      400,
      'invalid_plot',
    ],
    [
      'a public-area block',
      (c: number) => ({ line: cut(c), property_ids: [freshPropertyId(), '091-040-9903-0001'] }),
      400,
      'invalid_plot',
    ],
    [
      'the same identifier twice',
      (c: number) => {
        const x = freshPropertyId();
        return { line: cut(c), property_ids: [x, x] };
      },
      400,
      'same_property_id_twice',
    ],
    [
      'an identifier in use',
      (c: number) => ({ line: cut(c), property_ids: [freshPropertyId(), '091-045-0001-0001'] }),
      409,
      'duplicate_property_id',
    ],
    ['an old version', (c: number) => ({ line: cut(c), version: 99 }), 409, 'stale_version'],
  ])('refuses %s and writes nothing', async (_what, body, status, code) => {
    const p = await draft();
    const ids = [freshPropertyId(), freshPropertyId()];
    const res = await editor.json<Failure>('POST', `/api/staff/plots/${p.id}/split`, {
      version: p.version,
      property_ids: ids,
      ...body(centreOf(p)),
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    const [after] = await db.query<{ status: string; version: number }>(
      `SELECT status, version FROM plots WHERE id = $1`,
      [p.id],
    );
    expect(after).toEqual({ status: 'draft', version: p.version });
    expect(await exists(ids[0]!)).toBe(false);
  });

  it('only a publisher splits a published plot', async () => {
    const p = await draft();
    const pub = await publisher.json<{ plot: Plot }>('POST', `/api/staff/plots/${p.id}/publish`, {
      version: p.version,
    });
    const body = {
      version: pub.body.plot.version,
      line: cut(centreOf(p)),
      property_ids: [freshPropertyId(), freshPropertyId()],
    };
    const refused = await editor.json<Failure>('POST', `/api/staff/plots/${p.id}/split`, body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('published_edit_forbidden');
    const ok = await publisher.json<Reshaped>('POST', `/api/staff/plots/${p.id}/split`, body);
    expect(ok.status).toBe(201);
    // Off the public map at once; the parts wait as drafts.
    const pubRes = await fetch(`${server.url}/api/plots/${p.id}`);
    expect(pubRes.status).toBe(404);
  });
});

describe('merging plots', () => {
  it('makes one draft of adjacent plots and withdraws them, naming it', async () => {
    const a = await draft();
    const b = await draft(centreOf(a) + 2 * SIZE); // shares a's east edge
    const pid = freshPropertyId();
    const res = await editor.json<Reshaped>('POST', '/api/staff/plots/merge', {
      plots: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version },
      ],
      property_id: pid,
    });
    expect(res.status).toBe(201);
    const [m] = res.body.created;
    expect(m).toMatchObject({ property_id: pid, status: 'draft', use_code: 'TY', building_right_kem2: 4800 });
    expect(m!.area_m2).toBeCloseTo(a.area_m2 + b.area_m2, -1);
    expect(m!.replaces.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    for (const w of res.body.withdrawn) {
      expect(w.status).toBe('withdrawn');
      expect(w.replaced_by).toEqual([{ id: m!.id, property_id: pid, kind: 'merge' }]);
    }
    const [geom] = await db.query<{ n: number }>(
      `SELECT ST_NumGeometries(geom)::int AS n FROM plots WHERE id = $1`,
      [m!.id],
    );
    expect(geom!.n).toBe(1);
    const notes = await db.query<{ change_note: string }>(
      `SELECT change_note FROM plot_versions WHERE plot_id = $1 ORDER BY version DESC LIMIT 1`,
      [a.id],
    );
    expect(notes[0]!.change_note).toBe(`Merged into ${pid}`);
  });

  it('refuses plots that do not touch, and writes nothing', async () => {
    const a = await draft();
    const b = await draft();
    const pid = freshPropertyId();
    const res = await editor.json<Failure>('POST', '/api/staff/plots/merge', {
      plots: [
        { id: a.id, version: a.version },
        { id: b.id, version: b.version },
      ],
      property_id: pid,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('plots_not_adjacent');
    expect(await exists(pid)).toBe(false);
    const st = await db.query<{ status: string }>(`SELECT status FROM plots WHERE id = ANY($1::bigint[])`, [
      [a.id, b.id],
    ]);
    expect(st.map((s) => s.status)).toEqual(['draft', 'draft']);
  });

  it('refuses one plot, a withdrawn plot and an old version', async () => {
    const a = await draft();
    const b = await draft(centreOf(a) + 2 * SIZE);
    const merge = (plots: unknown[]) =>
      editor.json<Failure>('POST', '/api/staff/plots/merge', { plots, property_id: freshPropertyId() });
    const one = await merge([{ id: a.id, version: a.version }]);
    expect([one.status, one.body.error.code]).toEqual([400, 'invalid_merge']);
    const stale = await merge([
      { id: a.id, version: a.version + 5 },
      { id: b.id, version: b.version },
    ]);
    expect([stale.status, stale.body.error.code]).toEqual([409, 'stale_version']);
    const [w] = await db.query<{ id: number; version: number }>(
      `SELECT id::int, version FROM plots WHERE status = 'withdrawn' ORDER BY id LIMIT 1`,
    );
    const withdrawn = await merge([
      { id: a.id, version: a.version },
      { id: w!.id, version: w!.version },
    ]);
    expect([withdrawn.status, withdrawn.body.error.code]).toEqual([409, 'plot_withdrawn']);
  });
});
