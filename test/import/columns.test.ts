/**
 * Import fidelity, columns: a CSV's geometry is found by its values whatever the column is
 * called, and can be named; attribute names cut to ten characters or followed by units still
 * map; every column left out is a warning naming its probable field; the command line prints
 * the mapping, refuses to commit with unmapped columns, names --confirm-crs, and leaves no job
 * behind when refused; a broken row names its text and line; gml:boundedBy is no attribute.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlotsCli } from '../../server/import/cli.ts';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { FIXTURES, fixture, upload, type ApiError, type Job } from './upload.ts';

interface ColumnsJob extends Job {
  summary: Job['summary'] & {
    geometry: {
      chosen: { column?: string; x?: string; y?: string } | null;
      kind: string | null;
      candidates: Array<{ kind: string; column?: string; x?: string; y?: string }>;
    } | null;
    geometry_kinds: Record<string, number>;
    declared_crs: string | null;
  };
  validation: Job['validation'] & { unmapped: Array<{ column: string; probably: string | null }> };
}
interface Row {
  n: number;
  line: number | null;
  mapped: Record<string, unknown>;
  problems: Array<{ field: string; code: string; value: unknown; line?: number }>;
  geometry: { type: string; coordinates: unknown } | null;
}

let db: TestDb;
let server: Running;
let publisher: StaffClient;
let email: string;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  publisher = await signedIn(db, server.url, 'publisher');
  const [u] = await db.query<{ email: string }>(`SELECT email FROM users WHERE role = 'publisher' LIMIT 1`);
  email = u!.email;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

const send = (name: string, data: Buffer, query = '') =>
  upload<{ job: ColumnsJob } & Partial<ApiError>>(publisher, name, data, query);
const rows = async (id: string) =>
  (await publisher.json<{ rows: Row[] }>('GET', `/api/staff/import/jobs/${id}/rows?limit=100`)).body.rows;
const firstPosition = (g: Row['geometry']): number[] => {
  let c = g!.coordinates as unknown;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as number[];
};

async function cli(args: string[]) {
  const out: string[] = [];
  const code = await importPlotsCli(
    db,
    [...args, '--as', email],
    { out: (l) => out.push(l), err: (l) => out.push(l) },
    { uploadLimitMb: 50 },
  );
  return { code, out: out.join('\n') };
}
const jobCount = async () =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM import_jobs`))[0]!.n;
const plotCount = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM plots`))[0]!.n;

describe('the geometry of a CSV, found by its values', () => {
  it('a WKT/EWKT column named geometria_wkt, any case, is read with the SRID it declares', async () => {
    const r = await send('tontit.csv', fixture('tontit-geometria-wkt.csv'));
    expect(r.status).toBe(201);
    const job = r.body.job;
    expect(job.summary.geometry).toMatchObject({ chosen: { column: 'geometria_wkt' }, kind: 'wkt' });
    expect(job.summary.attributes).not.toContain('geometria_wkt');
    expect(job.summary.declared_crs).toBe('EPSG:3879');
    expect(job.settings).toMatchObject({ epsg: 3879, crs_confirmed: true });
    const [one, two] = await rows(job.id);
    expect(one!.geometry && firstPosition(one!.geometry)[0]).toBeCloseTo(24.87, 2);
    expect(two!.geometry && firstPosition(two!.geometry)[0]).toBeCloseTo(24.87, 1);
  });

  it('itä/pohjoinen columns are a point pair', async () => {
    const r = await send('pisteet.csv', fixture('tontit-ita-pohjoinen.csv'));
    expect(r.status).toBe(201);
    expect(r.body.job.summary.geometry).toMatchObject({ chosen: { x: 'itä', y: 'pohjoinen' }, kind: 'xy' });
    expect(r.body.job.summary.geometry_kinds).toEqual({ point: 2 });
    expect(r.body.job.settings).toMatchObject({ epsg: 3879, swap_axes: false });
    const [one] = await rows(r.body.job.id);
    expect(firstPosition(one!.geometry)[0]).toBeCloseTo(25.044, 2);
  });

  it('a WKB hex column (EWKB, SRID 3067) is read in EPSG:3067', async () => {
    const r = await send('wkb.csv', fixture('tontit-wkb-3067.csv'));
    expect(r.status).toBe(201);
    expect(r.body.job.summary.geometry).toMatchObject({ chosen: { column: 'shape' }, kind: 'wkb' });
    expect(r.body.job.settings).toMatchObject({ epsg: 3067, crs_confirmed: true });
    expect(r.body.job.validation).toMatchObject({ total: 2, rows_with_errors: 0 });
    const [one] = await rows(r.body.job.id);
    const [lon, lat] = firstPosition(one!.geometry);
    expect(lon).toBeCloseTo(24.9834, 3);
    expect(lat).toBeCloseTo(60.1904, 3);
  });

  it('GeoJSON geometries in a column are found too', async () => {
    const g = JSON.stringify({ type: 'Point', coordinates: [25496000, 6672000] }).replace(/"/g, '""');
    const r = await send('gj.csv', Buffer.from(`tunnus;sijainti_json\n091-010-0701-0009;"${g}"\n`));
    expect(r.status).toBe(201);
    expect(r.body.job.summary.geometry).toMatchObject({
      chosen: { column: 'sijainti_json' },
      kind: 'geojson',
    });
  });

  it('a CSV with no geometry opens the preview, which asks for the column', async () => {
    const r = await send('ei.csv', Buffer.from('kiinteistotunnus;osoite\n091-040-0100-0001;Katu 1\n'));
    expect(r.status).toBe(201);
    expect(r.body.job.summary.geometry).toMatchObject({ chosen: null, candidates: [] });
    expect(r.body.job.validation.problems.map((p) => p.code)).toContain('new_plot_needs_polygon');
  });

  it('the publisher picks another geometry column; an unknown one is 400 naming the columns', async () => {
    const [e, n] = [25496000, 6672000];
    const sq = (x: number) =>
      `POLYGON((${x} ${n}, ${x + 50} ${n}, ${x + 50} ${n + 50}, ${x} ${n + 50}, ${x} ${n}))`;
    const csv = Buffer.from(
      `tunnus;uusi_rajaus;vanha_rajaus\n091-010-0701-0010;"${sq(e)}";"${sq(e + 3000)}"\n`,
    );
    const auto = await send('kaksi.csv', csv);
    expect(auto.body.job.summary.geometry!.candidates.map((c) => c.column)).toEqual([
      'uusi_rajaus',
      'vanha_rajaus',
    ]);
    const picked = await send('kaksi.csv', csv, '?geometry_column=vanha_rajaus');
    expect(picked.status).toBe(201);
    expect(picked.body.job.summary.geometry).toMatchObject({
      chosen: { column: 'vanha_rajaus' },
      by_user: true,
    });
    expect(picked.body.job.summary.attributes).toContain('uusi_rajaus');
    const a = firstPosition((await rows(auto.body.job.id))[0]!.geometry)[0]!;
    const b = firstPosition((await rows(picked.body.job.id))[0]!.geometry)[0]!;
    expect(b - a).toBeGreaterThan(0.04);
    const bad = await send('kaksi.csv', csv, '?geometry_column=rajaus');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'unknown_geometry_column', value: 'rajaus' });
    expect(bad.body.error!.columns).toEqual(['tunnus', 'uusi_rajaus', 'vanha_rajaus']);
    const half = await send('kaksi.csv', csv, '?x_column=tunnus');
    expect(half.status).toBe(400);
    expect(half.body.error!.code).toBe('invalid_geometry_choice');
  });

  it('a saved mapping keeps the geometry column, and the CLI reads the file with it', async () => {
    const saved = await publisher.json<{ mapping: { mapping: { geometry: unknown } } }>(
      'POST',
      '/api/staff/import/mappings',
      { name: 'kaksi rajausta', mapping: { property_id: 'tunnus' }, geometry: { column: 'vanha_rajaus' } },
    );
    expect(saved.status).toBe(201);
    expect(saved.body.mapping.mapping.geometry).toEqual({ column: 'vanha_rajaus' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tl-columns-')), 'kaksi-rajausta.csv');
    fs.writeFileSync(
      file,
      'tunnus;uusi_rajaus;vanha_rajaus\n091-010-0701-0011;"POINT(25496000 6672000)";"POINT(25499000 6672000)"\n',
    );
    const r = await cli(['--file', file, '--mapping', 'kaksi rajausta']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Geometry: column vanha_rajaus');
    const flags = await cli(['--file', file, '--geometry-column', 'uusi_rajaus']);
    expect(flags.out).toContain('Geometry: column uusi_rajaus');
    const pair = await cli([
      '--file',
      FIXTURES + '/tontit-ita-pohjoinen.csv',
      '--x-column',
      'itä',
      '--y-column',
      'pohjoinen',
    ]);
    expect(pair.out).toContain('Geometry: x itä, y pohjoinen');
    const half = await cli(['--file', file, '--x-column', 'itä']);
    expect(half.code).toBe(2);
  });
});

describe('attributes are mapped or named', () => {
  it('Shapefile names cut to ten characters map: rakennusoi, kaavatunnu', async () => {
    const r = await send('kaavayksikot.zip', fixture('kaavayksikot-lyhyet-nimet-shp.zip'));
    expect(r.status).toBe(201);
    expect(r.body.job.settings.mapping).toMatchObject({
      property_id: 'kiinteisto',
      use_code: 'kayttotark',
      building_right_kem2: 'rakennusoi',
      plan_number: 'kaavatunnu',
    });
    expect(r.body.job.validation.unmapped).toEqual([]);
    const [one] = await rows(r.body.job.id);
    expect(one!.mapped).toMatchObject({ building_right_kem2: 2600, plan_number: '12345' });
  });

  it('descriptive CSV names map; the unknown and the left-over columns are warnings with their probable field', async () => {
    const r = await send('kuvaavat.csv', fixture('tontit-kuvaavat-nimet.csv'));
    expect(r.status).toBe(201);
    expect(r.body.job.settings.mapping).toMatchObject({
      building_right_kem2: 'rakennusoikeus_kem2',
      lease_basis_eur_kem2: 'hinta_eur_kem2',
    });
    expect(r.body.job.validation.unmapped).toEqual([
      { column: 'yhteyshenkilo', probably: null },
      { column: 'vanha_rakennusoikeus', probably: 'building_right_kem2' },
    ]);
    const [one] = await rows(r.body.job.id);
    expect(one!.mapped).toMatchObject({ building_right_kem2: 5000, lease_basis_eur_kem2: 48.5 });
    // Mapping the column by hand clears its warning.
    const m = await publisher.json<{ job: ColumnsJob }>(
      'POST',
      `/api/staff/import/jobs/${r.body.job.id}/configure`,
      {
        mapping: { ...r.body.job.settings.mapping, notes: 'yhteyshenkilo' },
      },
    );
    expect(m.body.job.validation.unmapped.map((u) => u.column)).toEqual(['vanha_rakennusoikeus']);
  });

  it('the CLI prints the mapping and the unmapped columns and refuses to commit them unless told', async () => {
    const file = FIXTURES + '/tontit-kuvaavat-nimet.csv';
    const [plots, jobs] = [await plotCount(), await jobCount()];
    const refused = await cli(['--file', file, '--confirm-crs', '--commit']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('building_right_kem2 <- rakennusoikeus_kem2');
    expect(refused.out).toContain('lease_basis_eur_kem2 <- hinta_eur_kem2');
    expect(refused.out).toMatch(
      /Unmapped columns[^\n]*\n {2}yhteyshenkilo\n {2}vanha_rakennusoikeus \(probably building_right_kem2\)/,
    );
    expect(refused.out).toMatch(/unmapped_columns: .*--ignore-unmapped/);
    expect(await plotCount()).toBe(plots);
    expect(await jobCount()).toBe(jobs);
    const done = await cli(['--file', file, '--confirm-crs', '--ignore-unmapped', '--commit']);
    expect(done.out).toContain('Committed: 2 new drafts');
    expect(done.code).toBe(0);
    const [p] = await db.query<{ building_right_kem2: number; lease_basis_eur_kem2: number }>(
      `SELECT building_right_kem2::float8, lease_basis_eur_kem2::float8 FROM plots WHERE property_id = '091-456-0009-0001'`,
    );
    expect(p).toEqual({ building_right_kem2: 5000, lease_basis_eur_kem2: 48.5 });
  });
});

describe('smaller', () => {
  it('the CLI names --confirm-crs for an inferred CRS, and a refused run leaves no job', async () => {
    const jobs = await jobCount();
    const r = await cli(['--file', FIXTURES + '/tontit-ita-pohjoinen.csv', '--ignore-unmapped', '--commit']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/crs_not_confirmed: .*--confirm-crs/);
    expect(await jobCount()).toBe(jobs);
  });

  it('a broken row names the text that could not be read and its line in the file (header is line 1)', async () => {
    const r = await send('tontit.csv', fixture('tontit-geometria-wkt.csv'));
    const broken = (await rows(r.body.job.id)).find((x) => x.n === 3)!;
    expect(broken.line).toBe(5);
    expect(broken.problems).toContainEqual(
      expect.objectContaining({ field: 'geometry', code: 'invalid_geometry', line: 5 }),
    );
    const p = broken.problems.find((x) => x.code === 'invalid_geometry')!;
    expect(String(p.value)).toMatch(/^POLYGON\(\(25492981\.82/);
    const out = await cli(['--file', FIXTURES + '/tontit-geometria-wkt.csv']);
    expect(out.out).toMatch(/row 3 \(line 5\): error geometry invalid_geometry "POLYGON\(\(/);
  });

  it('gml:boundedBy is not offered as an attribute', async () => {
    const r = await send('wfs.gml', fixture('kaavayksikot-boundedby-3879.gml'));
    expect(r.status).toBe(201);
    expect(r.body.job.summary.attributes).not.toContain('boundedBy');
    expect(r.body.job.summary.attributes).toContain('kaavatunnus');
    expect(r.body.job.validation.unmapped).toEqual([]);
  });
});
