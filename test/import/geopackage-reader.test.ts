import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGeoPackage } from '../../server/import/readers/geopackage.ts';
import type { RawFeature } from '../../server/import/types.ts';
import { FIXTURES } from './upload.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpkg-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const fixture = path.join(FIXTURES, 'roihupelto-3879.gpkg');

describe('GeoPackage reader', () => {
  it('reads the rows where the file lies, with their attributes, geometry and EPSG code', async () => {
    const got: RawFeature[] = [];
    let bytes = 0;
    const meta = await readGeoPackage(fixture, (f) => void got.push(f), { onBytes: (b) => (bytes = b) });
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon')).toBe(
      true,
    );
    expect(meta).toMatchObject({ format: 'geopackage', declared: { epsg: 3879 } });
    expect(bytes).toBe(fs.statSync(fixture).size);
  });

  it('refuses a damaged database with invalid_geopackage', async () => {
    const bytes = fs.readFileSync(fixture);
    const broken = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(4096, 0x5a)]);
    const file = path.join(dir, 'broken.gpkg');
    fs.writeFileSync(file, broken);
    await expect(readGeoPackage(file, () => {}, {})).rejects.toMatchObject({ code: 'invalid_geopackage' });
  });
});
