import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { decodeTile, tileAt } from '../tiles/decode.ts';

interface StyleLayer {
  id: string;
  type: string;
  source?: string;
  'source-layer'?: string;
  minzoom?: number;
  layout?: Record<string, unknown>;
}
interface Style {
  version: number;
  sources: Record<string, { type: string; tiles: string[]; attribution: string; maxzoom: number }>;
  glyphs: string;
  sprite?: string;
  layers: StyleLayer[];
}

let db: TestDb;
let server: Running;
let style: Style;

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  style = (await (await fetch(`${server.url}/basemap/style.json`)).json()) as Style;
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

/** Every string in the style that looks like a URL. */
function urls(value: unknown): string[] {
  if (typeof value === 'string') return /^[a-z]+:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urls);
  if (value && typeof value === 'object') return Object.values(value).flatMap(urls);
  return [];
}

const tileUrl = (t: { z: number; x: number; y: number }) =>
  style.sources
    .basemap!.tiles[0]!.replace('{z}', String(t.z))
    .replace('{x}', String(t.x))
    .replace('{y}', String(t.y));

/** Glyph ids in a glyph PBF (stacks -> glyphs -> id). */
function glyphIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  new PbfReader(bytes).readFields((tag, _r, pbf) => {
    if (tag !== 1) return;
    pbf.readMessage((t: number, _s: unknown, p: PbfReader) => {
      if (t === 3)
        p.readMessage((g: number, _x: unknown, q: PbfReader) => {
          if (g === 1) ids.push(q.readVarint());
        }, null);
    }, null);
  }, null);
  return ids;
}

describe('GET /basemap/style.json', () => {
  it('is a MapLibre style whose every URL points at this server', () => {
    expect(style.version).toBe(8);
    const all = urls(style);
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const u of all) expect(u.startsWith(`${server.url}/basemap/`), u).toBe(true);
    expect(style.glyphs).toBe(`${server.url}/basemap/fonts/{fontstack}/{range}.pbf`);
  });

  it('credits the city, SYKE and OpenStreetMap', () => {
    const a = style.sources.basemap!.attribution;
    expect(a).toContain('© Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0');
    expect(a).toContain('YKR © SYKE ja TK 2021, CC BY 4.0');
    expect(a).toContain('© OpenStreetMap contributors, ODbL');
  });

  it('labels places in Swedish first when asked, and rejects unknown languages', async () => {
    const sv = (await (await fetch(`${server.url}/basemap/style.json?lang=sv`)).json()) as Style;
    const label = sv.layers.find((l) => l.id === 'district-labels')!;
    expect(JSON.stringify(label.layout!['text-field'])).toMatch(/^\["case".*"coalesce",\["get","name_sv"\]/);
    const bad = await fetch(`${server.url}/basemap/style.json?lang=de`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; value: string } }).error).toMatchObject({
      code: 'unsupported_language',
      value: 'de',
    });
  });

  it('serves the glyphs its labels need, Finnish and Swedish letters included', async () => {
    const fonts = new Set(
      style.layers.flatMap((l) => (l.layout?.['text-font'] as string[] | undefined) ?? []),
    );
    expect(fonts.size).toBeGreaterThan(0);
    for (const font of fonts) {
      const res = await fetch(
        style.glyphs.replace('{fontstack}', encodeURIComponent(font)).replace('{range}', '0-255'),
      );
      expect(res.status).toBe(200);
      const ids = glyphIds(new Uint8Array(await res.arrayBuffer()));
      for (const ch of 'AZaz09äöåÄÖÅé-') expect(ids, `${font} ${ch}`).toContain(ch.codePointAt(0));
    }
  });

  it('rejects malformed glyph ranges and unknown fonts', async () => {
    const bad = await fetch(`${server.url}/basemap/fonts/Noto%20Sans%20Regular/1-256.pbf`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_glyph_range');
    const unknown = await fetch(`${server.url}/basemap/fonts/Comic%20Sans/0-255.pbf`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('font_not_found');
  });
});

describe('GET /basemap/tiles/{z}/{x}/{y}.mvt', () => {
  it('holds every source layer the style draws, from the real data', async () => {
    const seen = new Map<string, Record<string, unknown>[]>();
    // The railway station (OSM extract) at street zoom and the city at district zoom.
    for (const t of [tileAt(24.941, 60.171, 14), tileAt(24.94, 60.2, 11), tileAt(24.94, 60.1, 9)]) {
      const res = await fetch(tileUrl(t), { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      for (const [name, features] of Object.entries(decodeTile(new Uint8Array(await res.arrayBuffer()))))
        seen.set(name, [...(seen.get(name) ?? []), ...features.map((f) => f.properties)]);
    }
    const wanted = new Set(style.layers.map((l) => l['source-layer']).filter(Boolean));
    for (const layer of wanted) expect([...seen.keys()], String(layer)).toContain(layer);
    const labels = seen.get('district_labels')!;
    expect(labels).toContainEqual(expect.objectContaining({ name_fi: 'Kluuvi', name_sv: 'Gloet' }));
    expect(seen.get('roads')!.some((p) => p.name === 'Mannerheimintie')).toBe(true);
  });

  it('answers 204 where there is no data, 404 past its last zoom and 400 for bad addresses', async () => {
    expect((await fetch(tileUrl(tileAt(27.5, 68.5, 10)))).status).toBe(204);
    expect((await fetch(`${server.url}/basemap/tiles/15/18580/9480.mvt`)).status).toBe(404);
    const bad = await fetch(`${server.url}/basemap/tiles/10/abc/1.mvt`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; value: string } }).error).toMatchObject({
      code: 'invalid_tile_address',
      value: 'abc',
    });
  });
});
