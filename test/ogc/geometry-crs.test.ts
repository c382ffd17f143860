/**
 * OGC API responses in EPSG:3879 and EPSG:3067 say their CRS once, in Content-Crs: no geometry
 * carries a `crs` member of its own (PostGIS adds one for every SRID but 4326 unless told not
 * to, and a GeoJSON reader may then take it over the header or choke on it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/fixture.ts';

let base: string;
const app = useTestServer();
beforeAll(async () => {
  base = `http://127.0.0.1:${app.port}/ogc`;
});

const get = async (path: string) => {
  const res = await fetch(base + path);
  return { headers: res.headers, body: (await res.json()) as Record<string, unknown> };
};

describe('no per-geometry crs member', () => {
  it.each([3879, 3067])('EPSG:%i items and single features, every collection', async (srid) => {
    const crs = encodeURIComponent(`http://www.opengis.net/def/crs/EPSG/0/${srid}`);
    const { body: list } = await get('/collections');
    const ids = (list.collections as Array<{ id: string }>).map((c) => c.id);
    expect(ids).toContain('plots');
    for (const id of ids) {
      const { headers, body } = await get(`/collections/${id}/items?limit=5&crs=${crs}`);
      expect(headers.get('content-crs')).toBe(`<http://www.opengis.net/def/crs/EPSG/0/${srid}>`);
      const features = body.features as Array<{ id: number; geometry: Record<string, unknown> }>;
      expect(features.length).toBeGreaterThan(0);
      for (const f of features) {
        expect(Object.keys(f.geometry).sort()).toEqual(['coordinates', 'type']);
      }
      const one = await get(`/collections/${id}/items/${features[0]!.id}?crs=${crs}`);
      expect(Object.keys(one.body.geometry as object).sort()).toEqual(['coordinates', 'type']);
    }
  });
});
