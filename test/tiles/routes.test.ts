import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeTile, tileAt } from './decode.ts';
import { useTestServer } from '../helpers/fixture.ts';

// Pitäjänmäki business area, where the demo plots are dense.
const CITY = tileAt(24.86, 60.222, 11);

const app = useTestServer();

const get = (path: string, headers: Record<string, string> = {}) => fetch(app.url + path, { headers });
const tilePath = (t: { z: number; x: number; y: number }, query = '') =>
  `/tiles/plots/${t.z}/${t.x}/${t.y}.mvt${query ? `?${query}` : ''}`;

async function features(path: string) {
  const res = await get(path);
  if (res.status === 204) return [];
  expect(res.status).toBe(200);
  const layers = decodeTile(new Uint8Array(await res.arrayBuffer()));
  return Object.values(layers).flat();
}

describe('GET /tiles/plots/{z}/{x}/{y}.mvt', () => {
  it.each([
    ['/tiles/plots/a/1/1.mvt', 400, 'invalid_tile_address', 'a'],
    ['/tiles/plots/10/1.5/1.mvt', 400, 'invalid_tile_address', '1.5'],
    ['/tiles/plots/10/-1/1.mvt', 400, 'invalid_tile_address', '-1'],
    ['/tiles/plots/10/1024/1.mvt', 400, 'invalid_tile_address', '1024'],
    ['/tiles/plots/3/1/8.mvt', 400, 'invalid_tile_address', '8'],
    ['/tiles/plots/99/0/0.mvt', 400, 'invalid_tile_address', '99'],
    ['/tiles/plots/1%27%20OR%201=1/0/0.mvt', 400, 'invalid_tile_address', "1' OR 1=1"],
    ['/tiles/plots/17/0/0.mvt', 404, 'zoom_out_of_range', 17],
    ['/tiles/plots/10/1/1.png', 404, 'not_found', '1.png'],
    ['/tiles/plots/11/1165/592.mvt?use_class=houses', 400, 'invalid_filter', 'houses'],
    ['/tiles/plots/11/1165/592.mvt?area_min=big', 400, 'invalid_filter', 'big'],
  ])('answers %s with %i %s naming the bad value', async (path, status, code, value) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; value: unknown } };
    expect(body.error.code).toBe(code);
    expect(body.error.value).toEqual(value);
  });

  it('answers 204 with no body for a tile with no plots (open sea)', async () => {
    const res = await get(tilePath(tileAt(24.9, 59.95, 14)));
    expect(res.status).toBe(204);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('shows the demo plots one by one at city zoom, gzip-compressed, as MVT', async () => {
    const res = await get(tilePath(CITY), { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const layers = decodeTile(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(layers)).toEqual(['plot_points']);
    expect(layers.plot_points!.length).toBeGreaterThan(20);
    for (const f of layers.plot_points!) expect(f.id).toBe(f.properties.id);
  });

  it('sends gzip bytes that unpack to the plain tile', async () => {
    const raw = await (
      await fetch(app.url + tilePath(CITY), { headers: { 'Accept-Encoding': 'identity' } })
    ).arrayBuffer();
    const plain = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get: httpGet }) =>
        httpGet(app.url + tilePath(CITY), { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(gunzipSync(Buffer.concat(chunks))));
        }).on('error', reject),
      );
    });
    expect(Buffer.compare(plain, Buffer.from(raw))).toBe(0);
  });

  it('leaves drafts and withdrawn plots out', async () => {
    const hidden = await app.db.query<{ id: number }>(`SELECT id FROM plots WHERE status <> 'published'`);
    expect(hidden.length).toBeGreaterThan(0);
    const shown = new Set<number>();
    for (const x of [CITY.x - 1, CITY.x, CITY.x + 1])
      for (const y of [CITY.y - 1, CITY.y, CITY.y + 1])
        for (const f of await features(tilePath({ z: 11, x, y }))) shown.add(f.id!);
    expect(shown.size).toBeGreaterThan(0);
    for (const h of hidden) expect(shown.has(h.id)).toBe(false);
  });

  it('shrinks a tile to the plots the filter keeps', async () => {
    const all = await features(tilePath(CITY));
    const industrial = await features(tilePath(CITY, 'use_class=industrial'));
    expect(industrial.length).toBeGreaterThan(0);
    expect(industrial.length).toBeLessThan(all.length);
    for (const f of industrial) expect(f.properties.use_class).toBe('industrial');
    const big = await features(tilePath(CITY, 'use_class=industrial&area_min=5000'));
    expect(big.length).toBeLessThan(industrial.length);
    for (const f of big) expect(Number(f.properties.area_m2)).toBeGreaterThanOrEqual(5000);
  });

  it('keeps only the plots inside a drawn area', async () => {
    const all = await features(tilePath(CITY));
    // The western half of the Pitäjänmäki business area.
    const area = {
      type: 'Polygon',
      coordinates: [
        [
          [24.84, 60.215],
          [24.862, 60.215],
          [24.862, 60.23],
          [24.84, 60.23],
          [24.84, 60.215],
        ],
      ],
    };
    const inside = await features(tilePath(CITY, `within=${encodeURIComponent(JSON.stringify(area))}`));
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.length).toBeLessThan(all.length);
    const want = await app.db.query<{ id: number }>(
      `SELECT id FROM plots WHERE status = 'published'
          AND ST_Intersects(geom, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 3879)) ORDER BY id`,
      [JSON.stringify(area)],
    );
    expect(inside.map((f) => f.id).sort((a, b) => a! - b!)).toEqual(want.map((r) => r.id));
  });

  it('answers 304 to a matching If-None-Match and caches versioned URLs for good', async () => {
    const version = (
      await app.db.query<{ version: number }>(`SELECT version FROM data_versions WHERE name = 'plots'`)
    )[0]!.version;
    const first = await get(tilePath(CITY, `v=${version}`));
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    expect(first.headers.get('cache-control')).toContain('immutable');
    const again = await get(tilePath(CITY, `v=${version}`), { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const unversioned = await get(tilePath(CITY));
    expect(unversioned.headers.get('cache-control')).toContain('must-revalidate');
  });

  it('drops cached tiles when plot data changes, so the new data shows at once', async () => {
    const before = await get(tilePath(CITY, 'availability=available'));
    const ids = (await features(tilePath(CITY, 'availability=available'))).map((f) => f.id!);
    expect(ids.length).toBeGreaterThan(0);
    await app.db.query(`UPDATE plots SET availability = 'reserved' WHERE id = $1`, [ids[0]]);
    // The NOTIFY from the trigger reaches the app.server's data version shortly after the commit.
    let after: number[] = ids;
    for (let i = 0; i < 50 && after.includes(ids[0]!); i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = (await features(tilePath(CITY, 'availability=available'))).map((f) => f.id!);
    }
    expect(after).not.toContain(ids[0]);
    expect(after.length).toBe(ids.length - 1);
    const now = await get(tilePath(CITY, 'availability=available'), {
      'If-None-Match': before.headers.get('etag')!,
    });
    expect(now.status).toBe(200);
  });
});

describe('GET /tiles/plots.json', () => {
  it('describes the tile set as TileJSON 3 with versioned, filtered tile URLs', async () => {
    const res = await get('/tiles/plots.json?use_class=office,commercial&area_min=1000');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown> & {
      tiles: string[];
      bounds: number[];
      vector_layers: Array<{ id: string; fields: Record<string, string> }>;
    };
    expect(doc.tilejson).toBe('3.0.0');
    expect(doc.minzoom).toBe(0);
    expect(doc.maxzoom).toBe(16);
    const [w, s, e, n] = doc.bounds;
    expect(w).toBeGreaterThan(24.7);
    expect(e).toBeLessThan(25.3);
    expect(s).toBeGreaterThan(59.9);
    expect(n).toBeLessThan(60.35);
    expect(String(doc.attribution)).toContain('Helsingin kaupunki');
    expect(String(doc.attribution)).toMatch(/Demo plots/);
    expect(doc.tiles[0]).toMatch(/^http:\/\/[^/]+\/tiles\/plots\/\{z\}\/\{x\}\/\{y\}\.mvt\?/);
    const url = new URL(doc.tiles[0]!);
    const version = (
      await app.db.query<{ version: number }>(`SELECT version FROM data_versions WHERE name = 'plots'`)
    )[0]!.version;
    expect(url.searchParams.get('v')).toBe(String(version));
    expect(url.searchParams.get('use_class')).toBe('commercial,office');
    expect(url.searchParams.get('area_min')).toBe('1000');
    expect(doc.vector_layers.map((l) => l.id)).toEqual(['plots', 'plot_points', 'plot_clusters']);
    expect(doc.vector_layers[0]!.fields).toEqual({
      id: 'Number',
      use_class: 'String',
      use_code: 'String',
      availability: 'String',
      area_m2: 'Number',
      building_right_kem2: 'Number',
      price_eur_kem2: 'Number',
    });
    expect(doc.vector_layers[2]!.fields.count).toBe('Number');
  });

  it('rejects a bad filter with 400 invalid_filter', async () => {
    const res = await get('/tiles/plots.json?tenure=rent');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; value: string } }).error).toMatchObject({
      code: 'invalid_filter',
      value: 'rent',
    });
  });
});
