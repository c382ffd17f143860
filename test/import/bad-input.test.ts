/**
 * Files the importer must refuse, each with its own code and message, leaving nothing behind:
 * no plot, no import job, no staging row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import type { Running } from '../../server/main.ts';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { upload, type ApiError } from './upload.ts';

let db: TestDb;
let server: Running;
let editor: StaffClient;
let plotsBefore = 0;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db, { uploadLimitMb: 2 });
  editor = await signedIn(db, server.url, 'editor');
  plotsBefore = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM plots'))[0]!.n;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) z.addBuffer(data, name, { compress: true });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Sets the "encrypted" flag in every local and central header, as a password-protected zip has it. */
function markEncrypted(zip: Buffer): Buffer {
  const b = Buffer.from(zip);
  for (let i = 0; i < b.length - 4; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x04034b50) b.writeUInt16LE(b.readUInt16LE(i + 6) | 1, i + 6);
    if (sig === 0x02014b50) b.writeUInt16LE(b.readUInt16LE(i + 8) | 1, i + 8);
  }
  return b;
}

const fc = (features: object[], extra: object = {}) =>
  Buffer.from(JSON.stringify({ type: 'FeatureCollection', ...extra, features }));
const poly = (coords: number[][]) => ({
  type: 'Feature',
  properties: { property_id: '091-040-0100-0001', use_code: 'K' },
  geometry: { type: 'Polygon', coordinates: [coords] },
});
const square3879 = [
  [25493180, 6677940],
  [25493240, 6677940],
  [25493240, 6677980],
  [25493180, 6677980],
  [25493180, 6677940],
];

const cases: Array<[string, () => Promise<Buffer> | Buffer, string, number, Record<string, unknown>?]> = [
  [
    'a damaged zip',
    () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]),
    'zip_corrupt',
    400,
  ],
  [
    'a password-protected zip',
    async () => markEncrypted(await zipOf({ 'a.shp': Buffer.alloc(100, 1), 'a.dbf': Buffer.alloc(100, 2) })),
    'zip_encrypted',
    400,
  ],
  ['a zip bomb', () => zipOf({ 'a.csv': Buffer.alloc(60_000_000, 48) }), 'zip_bomb', 400],
  ['a zip without data files', () => zipOf({ 'readme.txt': Buffer.from('hello') }), 'zip_no_data', 400],
  [
    'a Shapefile without .dbf',
    () => zipOf({ 'a.shp': Buffer.alloc(100, 1), 'a.prj': Buffer.from('x') }),
    'shapefile_incomplete',
    400,
  ],
  [
    'a CSV in an unknown encoding',
    () =>
      Buffer.concat([
        Buffer.from('wkt;nimi\n"POINT(1 2)";'),
        Buffer.from([0x81, 0x8d, 0x90]),
        Buffer.from('\n'),
      ]),
    'unknown_encoding',
    400,
  ],
  [
    'mixed polygons and points',
    () =>
      fc(
        [
          poly(square3879),
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [25493180, 6677940] } },
        ],
        { crs: { type: 'name', properties: { name: 'EPSG:3879' } } },
      ),
    'mixed_geometry_types',
    400,
  ],
  [
    'GeoJSON (CRS84 by the RFC) holding EPSG:3879 coordinates',
    () => fc([poly(square3879)]),
    'crs_mismatch',
    400,
    { suggestion: { epsg: 3879, swap_axes: false } },
  ],
  [
    'coordinates outside Helsinki in every CRS',
    () =>
      fc([
        poly([
          [2.35, 48.85],
          [2.36, 48.85],
          [2.36, 48.86],
          [2.35, 48.85],
        ]),
      ]),
    'coordinates_outside_helsinki',
    400,
  ],
  [
    'a WFS exception report',
    () =>
      Buffer.from(
        '<?xml version="1.0"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1"><ows:Exception><ows:ExceptionText>Unknown type</ows:ExceptionText></ows:Exception></ows:ExceptionReport>',
      ),
    'wfs_exception',
    400,
  ],
  [
    'malformed XML',
    () => Buffer.from('<wfs:FeatureCollection><wfs:member><a></b></wfs:member>'),
    'invalid_gml',
    400,
  ],
  [
    'malformed JSON',
    () => Buffer.from('{"type": "FeatureCollection", "features": ['),
    'invalid_geojson',
    400,
  ],
  ['an unsupported file type', () => Buffer.from('just some text'), 'unsupported_format', 400],
  ['a file over the upload limit', () => Buffer.alloc(3_000_000, 32), 'upload_too_large', 413],
];

const names: Record<string, string> = {
  'a CSV without geometry': 'x.csv',
  'a CSV in an unknown encoding': 'x.csv',
  'an unsupported file type': 'x.docx',
  'malformed XML': 'x.gml',
  'a file over the upload limit': 'x.geojson',
};

describe.each(cases)('%s', (label, make, code, status, extra) => {
  it(`answers ${status} ${code} and writes nothing`, async () => {
    const r = await upload<ApiError>(
      editor,
      names[label] ?? (label.includes('zip') || label.includes('Shapefile') ? 'x.zip' : 'x.geojson'),
      await make(),
    );
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message.length).toBeGreaterThan(10);
    if (extra) expect(r.body.error).toMatchObject(extra);
    const jobs = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_jobs');
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_rows');
    const plots = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM plots');
    expect([jobs[0]!.n, rows[0]!.n, plots[0]!.n]).toEqual([0, 0, plotsBefore]);
  });
});

describe('a file the user says is in another CRS', () => {
  it('imports the GeoJSON above once the user names EPSG:3879', async () => {
    const r = await upload<{
      job: { settings: { epsg: number; crs_source: string; crs_confirmed: boolean } };
    }>(editor, 'x.geojson', fc([poly(square3879)]), '?crs=3879');
    expect(r.status).toBe(201);
    expect(r.body.job.settings).toMatchObject({ epsg: 3879, crs_source: 'user', crs_confirmed: true });
  });
});
