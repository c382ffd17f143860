/**
 * The import-plots command asks for the same decisions as the staff page: an area-changing
 * repair refuses --commit with a message naming --accept-repairs and --exclude-row, and
 * changes to published plots are staged as drafts unless --publish-updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { importPlotsCli } from '../../server/import/cli.ts';
import { signedIn } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { FIXTURES } from './upload.ts';

let db: TestDb;
let server: Running;
let email: string;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  await signedIn(db, server.url, 'publisher');
  const [u] = await db.query<{ email: string }>(`SELECT email FROM users WHERE role = 'publisher' LIMIT 1`);
  email = u!.email;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

async function cli(file: string, ...args: string[]) {
  const out: string[] = [];
  const code = await importPlotsCli(
    db,
    ['--file', `${FIXTURES}/${file}`, '--as', email, ...args],
    { out: (l) => out.push(l), err: (l) => out.push(l) },
    { uploadLimitMb: 50 },
  );
  return { code, out: out.join('\n') };
}
const plot = async (pid: string) =>
  (
    await db.query<{ area_m2: number; building_right_kem2: number; status: string; version: number }>(
      `SELECT area_m2::float8, building_right_kem2::float8, status, version FROM plots WHERE property_id = $1`,
      [pid],
    )
  )[0];

describe('repairs from the command line', () => {
  it('--commit is refused while a repair changes an area, naming the flags and both areas', async () => {
    const r = await cli('bowtie-3879.geojson', '--commit');
    expect(r.code).toBe(1);
    expect(r.out).toContain('row 1: repairing the geometry changes its area from 5465 to 2733 m² (50 %)');
    expect(r.out).toContain('repairs_unconfirmed');
    expect(r.out).toContain('--accept-repairs');
    expect(r.out).toContain('--exclude-row');
    expect(await plot('091-465-0987-0002')).toBeUndefined();
    const [jobs] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM import_jobs WHERE status = 'preview'`,
    );
    expect(jobs!.n).toBe(0);
  });

  it('--exclude-row 1 leaves the bow-tie out; --accept-repairs imports it repaired', async () => {
    const excluded = await cli('bowtie-3879.geojson', '--exclude-row', '1', '--commit');
    expect(excluded.code).toBe(0);
    expect(excluded.out).toContain('Committed: 2 new drafts');
    expect(await plot('091-465-0987-0001')).toBeUndefined();
    const accepted = await cli('bowtie-3879.geojson', '--accept-repairs', '--commit');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain('Committed: 1 new drafts, 0 updated plots, 0 changes to published plots');
    expect(accepted.out).toContain('2 unchanged');
    expect((await plot('091-465-0987-0001'))!.area_m2).toBe(2733);
  });

  it('--exclude-row takes a row number', async () => {
    const r = await cli('bowtie-3879.geojson', '--exclude-row', 'one', '--commit');
    expect(r.code).toBe(1);
    expect(r.out).toContain('invalid_rows');
  });
});

describe('re-imports from the command line', () => {
  it('stages changes to published plots unless --publish-updates', async () => {
    expect((await cli('reimport-published-3879.geojson', '--commit')).code).toBe(0);
    await db.query(`UPDATE plots SET status = 'published' WHERE property_id LIKE '091-465-0989-%'`);
    const published = (await plot('091-465-0989-0001'))!;
    const staged = await cli('reimport-changed-3879.geojson', '--commit');
    expect(staged.code).toBe(0);
    expect(staged.out).toContain('0 updated plots, 1 changes to published plots staged as drafts');
    expect(staged.out).toContain('1 unchanged');
    expect(await plot('091-465-0989-0001')).toEqual(published);
    const [draft] = await db.query<{ changes: Record<string, unknown> }>(
      `SELECT d.changes FROM plot_drafts d JOIN plots p ON p.id = d.plot_id WHERE p.property_id = '091-465-0989-0001'`,
    );
    expect(draft!.changes).toEqual({ building_right_kem2: 3600, availability: 'reserved' });
    const now = await cli('reimport-changed-3879.geojson', '--publish-updates', '--commit');
    expect(now.out).toContain('1 updated plots, 0 changes to published plots');
    expect(await plot('091-465-0989-0001')).toMatchObject({
      status: 'published',
      building_right_kem2: 3600,
      version: published.version + 1,
    });
  });
});
