import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGeoJson } from '../../server/import/readers/geojson.ts';
import { FeatureScanner } from '../../server/import/readers/json-features.ts';
import type { RawFeature } from '../../server/import/types.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geojson-stream-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const square = (e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [e, n],
      [e + 40, n],
      [e + 40, n + 30],
      [e, n],
    ],
  ],
});
// Text that a naive scanner would take for structure: brackets, quotes, escapes, non-ASCII.
const TRICKY = ['Katu 1 {B}', 'say "[hi]"', 'back\\slash\\', 'Härmälä ÅÖ 🏭', '"features":[', '}]}'];
const features = TRICKY.map((name, i) => ({
  type: 'Feature',
  properties: { name, n: i, nested: { features: [{ a: [1, { b: '}' }] }] } },
  geometry: square(25_496_000 + i * 50, 6_675_000),
}));
const collection = {
  type: 'FeatureCollection',
  name: 'plots',
  features,
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3879' } },
};

async function read(text: string | Buffer) {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.geojson`);
  fs.writeFileSync(file, text);
  const got: RawFeature[] = [];
  const meta = await readGeoJson(file, (f) => void got.push(f), {});
  return { got, meta };
}

describe('streaming GeoJSON', () => {
  it('cuts the features out whatever the chunk boundaries', () => {
    const bytes = Buffer.from('\ufeff' + JSON.stringify(collection, null, 1));
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const s = new FeatureScanner();
      const texts = [...s.push(bytes.subarray(0, cut)), ...s.push(bytes.subarray(cut))];
      expect(texts.map((t) => JSON.parse(t))).toEqual(features);
      expect(JSON.parse(s.end())).toEqual({ ...collection, features: [] });
    }
  });

  it('reads every feature and the crs member placed after the features', async () => {
    const { got, meta } = await read(JSON.stringify(collection));
    expect(got.map((f) => f.attrs.name)).toEqual(TRICKY);
    expect(got[3]!.geometry).toEqual(square(25_496_150, 6_675_000));
    expect(meta.declared).toEqual({ epsg: 3879, name: 'urn:ogc:def:crs:EPSG::3879' });
  });

  it('reads a single Feature and a bare geometry as one feature in CRS84', async () => {
    const one = await read(JSON.stringify(features[0]));
    expect(one.got).toEqual([{ attrs: features[0]!.properties, geometry: features[0]!.geometry }]);
    expect(one.meta.declared.epsg).toBe(4326);
    const bare = await read(JSON.stringify(square(24.9, 60.2)));
    expect(bare.got).toEqual([{ attrs: {}, geometry: square(24.9, 60.2) }]);
  });

  it('hands features on while reading: the first arrives long before the end of a large file', async () => {
    const file = path.join(dir, 'big.geojson');
    const out = fs.createWriteStream(file);
    out.write('{"type":"FeatureCollection","features":[');
    const one = JSON.stringify(features[3]);
    for (let i = 0; i < 20_000; i++) out.write((i ? ',' : '') + one);
    out.write(']}');
    await new Promise((r) => out.end(r));
    const size = fs.statSync(file).size;
    let read = 0;
    let readAtFirst = -1;
    let n = 0;
    await readGeoJson(
      file,
      () => {
        if (n++ === 0) readAtFirst = read;
      },
      { onBytes: (b) => (read = b) },
    );
    expect(n).toBe(20_000);
    expect(read).toBe(size);
    expect(readAtFirst).toBeGreaterThan(0);
    expect(readAtFirst).toBeLessThan(size / 4);
  });

  it.each([
    ['a truncated file', '{"type":"FeatureCollection","features":[{"type":"Feature"'],
    ['a broken feature', '{"type":"FeatureCollection","features":[{"type":"Feature",}]}'],
    ['a stray bracket', '{"type":"FeatureCollection","features":[]}}'],
    ['no GeoJSON object', '{"hello":"world"}'],
  ])('refuses %s with invalid_geojson', async (_what, text) => {
    await expect(read(text)).rejects.toMatchObject({ code: 'invalid_geojson' });
  });
});
