/** The staff plot list's search box takes every form staff write a plot in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { staffSearchIdentifiers } from '../../server/staff/search.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

describe('reading a staff search', () => {
  it.each([
    ['45012/1', ['091-045-0012-0001', '091-004-5012-0001']],
    ['45012 1', ['091-045-0012-0001', '091-004-5012-0001']],
    ['45-12-1', ['091-045-0012-0001']],
    ['45 - 12 - 1', ['091-045-0012-0001']],
    ['47-1051-2', ['091-047-1051-0002']],
    ['091-045-0012-0001', ['091-045-0012-0001']],
    ['09104500120001', ['091-045-0012-0001']],
  ])('"%s" names %j', (q, ids) => {
    expect(staffSearchIdentifiers(q)).toEqual(ids);
  });

  it.each(['091-045-0012', 'Tiilenpolttajankuja 5'])('"%s" is free text', (q) => {
    expect(staffSearchIdentifiers(q)).toBeUndefined();
  });
});

describe('the staff plot list', () => {
  let db: TestDb;
  let server: Running;
  let editor: StaffClient;
  let plot: { id: number; property_id: string; block_plot: string };
  beforeAll(async () => {
    db = await openTestDb();
    server = await startTestServer(db);
    editor = await signedIn(db, server.url, 'editor');
    // A plot whose block is under 1000, so its block/plot form has no dash.
    const rows = await db.query<typeof plot>(
      `SELECT id::int, property_id, block_plot FROM plots
        WHERE block_plot ~ '^[0-9]+/[0-9]+$' ORDER BY id LIMIT 1`,
    );
    plot = rows[0]!;
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it('finds a plot by block/plot, with a space, with dashes and by its identifier', async () => {
    const [, district, block, no] = /^091-(\d{3})-(\d{4})-(\d{4})$/.exec(plot.property_id)!;
    const [bp, bpNo] = plot.block_plot.split('/');
    const forms = [
      plot.block_plot,
      `${bp} ${bpNo}`,
      `${Number(district)}-${Number(block)}-${Number(no)}`,
      plot.property_id,
    ];
    for (const q of forms) {
      const res = await editor.json<{ items: Array<{ id: number }> }>(
        'GET',
        `/api/staff/plots?q=${encodeURIComponent(q)}`,
      );
      expect(res.status, q).toBe(200);
      expect(
        res.body.items.map((i) => i.id),
        q,
      ).toContain(plot.id);
    }
    // Free text still searches addresses and identifiers as before.
    const partial = await editor.json<{ items: Array<{ id: number }> }>(
      'GET',
      `/api/staff/plots?q=${encodeURIComponent(plot.property_id.slice(0, 12))}&limit=1000`,
    );
    expect(partial.body.items.map((i) => i.id)).toContain(plot.id);
  });
});
