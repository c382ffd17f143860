import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basemapOrigins, parseBasemaps, tileTemplate } from '../../server/basemap/catalog.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';

const GUIDE_AND_ORTHO = '["helsinki-guide-map", "helsinki-ortho"]';
const names = { fi: 'Testikartta', sv: 'Testkarta', en: 'Test map' };

describe('BASEMAPS parsing', () => {
  it('enables the city guide map and aerial imagery by their preset names', () => {
    const list = parseBasemaps(GUIDE_AND_ORTHO);
    expect(list.map((e) => [e.id, e.type, e.layer])).toEqual([
      ['helsinki-guide-map', 'wmts', 'avoindata:Karttasarja_PKS'],
      ['helsinki-ortho', 'wms', 'avoindata:Ortoilmakuva_2023'],
    ]);
    expect(list.every((e) => e.attribution === '© Helsingin kaupunki, CC BY 4.0')).toBe(true);
    // WMTS: the service URL of the capabilities document, GeoWebCache's level names, literal placeholders.
    const wmts = tileTemplate(list[0]!);
    expect(wmts).toMatch(/^https:\/\/kartta\.hel\.fi\/ws\/geoserver\/avoindata\/gwc\/service\/wmts\?/);
    expect(wmts).not.toMatch(/GetCapabilities/i);
    expect(wmts).toContain('TILEMATRIX=EPSG%3A3857%3A{z}&TILEROW={y}&TILECOL={x}');
    expect(wmts).toContain('LAYER=avoindata%3AKarttasarja_PKS');
    const wms = tileTemplate(list[1]!);
    expect(wms).toContain('REQUEST=GetMap');
    expect(wms).toContain('BBOX={bbox-epsg-3857}');
    expect(wms).toContain('FORMAT=image%2Fjpeg');
  });

  it('takes overrides of a preset, full entries and a JSON file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-basemaps-'));
    const file = path.join(dir, 'basemaps.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { preset: 'helsinki-ortho', maxzoom: 18 },
        {
          id: 'osm-like',
          type: 'xyz',
          url: 'https://tiles.example.org/{z}/{x}/{y}.png',
          name: names,
          attribution: '© Example',
        },
      ]),
    );
    try {
      const list = parseBasemaps(file);
      expect(list[0]).toMatchObject({ id: 'helsinki-ortho', maxzoom: 18, minzoom: 9 });
      expect(list[1]).toMatchObject({ id: 'osm-like', minzoom: 0, maxzoom: 19, overlay: false });
      expect(tileTemplate(list[1]!)).toBe('https://tiles.example.org/{z}/{x}/{y}.png');
      expect(basemapOrigins(list)).toEqual(['https://kartta.hel.fi', 'https://tiles.example.org']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops the start with a message naming the bad entry and field', () => {
    const bad = (v: string) => {
      try {
        loadConfig({ BASEMAPS: v });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error(`accepted ${v}`);
    };
    expect(bad('["helsinki-guide-map", "helsinki-nope"]')).toMatch(
      /BASEMAPS: entry 2 \("helsinki-nope"\): unknown preset; presets: helsinki-guide-map/,
    );
    expect(
      bad(
        JSON.stringify([
          { id: 'wms-x', type: 'wms', url: 'https://wms.example.org/wms', name: names, attribution: 'x' },
        ]),
      ),
    ).toMatch(/entry 1 \("wms-x"\): layer: a wms entry needs its layer name/);
    expect(
      bad(
        JSON.stringify([
          { id: 'xyz', type: 'xyz', url: 'https://t.example.org/tiles.png', name: names, attribution: 'x' },
        ]),
      ),
    ).toMatch(/entry 1 \("xyz"\): url: a tile template needs \{z\}, \{x\} and \{y\}/);
    expect(
      bad(
        JSON.stringify([
          {
            id: 'no-sv',
            type: 'style',
            url: 'https://s.example.org/style.json',
            name: { fi: 'a', en: 'b' },
            attribution: 'x',
          },
        ]),
      ),
    ).toMatch(/entry 1 \("no-sv"\): name\.sv/);
    expect(bad('[{"id": "builtin", "preset": "helsinki-ortho"}]')).toMatch(/entry 1 \("builtin"\): id/);
    expect(bad('["helsinki-ortho", "helsinki-ortho"]')).toMatch(
      /entry 2 \("helsinki-ortho"\): the id "helsinki-ortho" is used twice/,
    );
    expect(bad('[{"preset": "helsinki-ortho"')).toMatch(/BASEMAPS: inline JSON is not JSON/);
    expect(bad('no/such/basemaps.json')).toMatch(
      /BASEMAPS: cannot read the file "no\/such\/basemaps.json" \(ENOENT\)/,
    );
  });

  it('offers only the built-in map when BASEMAPS is unset: the presets are off by default', () => {
    expect(loadConfig({}).basemaps).toEqual([]);
  });
});

describe('the map API and CSP with configured backgrounds', () => {
  let db: TestDb;
  let plain: Running;
  let withMaps: Running;
  beforeAll(async () => {
    db = await openTestDb();
    plain = await startTestServer(db);
    withMaps = await startTestServer(db, { basemaps: parseBasemaps(GUIDE_AND_ORTHO + '') });
  });
  afterAll(async () => {
    await withMaps?.stop();
    await plain?.stop();
    await db?.close();
  });

  const csp = async (url: string) => {
    const header = (await fetch(`${url}/`)).headers.get('content-security-policy') ?? '';
    return Object.fromEntries(
      header.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    ) as Record<string, string[]>;
  };

  it('lists the built-in map first, then the configured ones with names and tile templates', async () => {
    const body = (await (await fetch(`${withMaps.url}/api/config`)).json()) as {
      basemaps: Array<{
        id: string;
        kind: string;
        name: Record<string, string>;
        tiles?: string[];
        attribution: string;
      }>;
    };
    expect(body.basemaps.map((b) => [b.id, b.kind])).toEqual([
      ['builtin', 'builtin'],
      ['helsinki-guide-map', 'raster'],
      ['helsinki-ortho', 'raster'],
    ]);
    expect(body.basemaps[2]!.name).toEqual({
      fi: 'Ilmakuva 2023 (Helsinki)',
      sv: 'Flygbild 2023 (Helsingfors)',
      en: 'Aerial imagery 2023 (Helsinki)',
    });
    expect(body.basemaps[2]!.tiles![0]).toMatch(/^https:\/\/kartta\.hel\.fi\/.*BBOX=\{bbox-epsg-3857\}/);
    const none = (await (await fetch(`${plain.url}/api/config`)).json()) as {
      basemaps: Array<{ id: string }>;
    };
    expect(none.basemaps.map((b) => b.id)).toEqual(['builtin']);
  });

  it('the built-in style names the business areas from zoom 9 and keeps the zone lines for services', async () => {
    const style = (await (await fetch(`${plain.url}/basemap/style.json?lang=sv`)).json()) as {
      layers: Array<{ id: string; minzoom?: number; layout?: { visibility?: string } }>;
    };
    const ids = style.layers.map((l) => l.id);
    const business = style.layers.find((l) => l.id === 'business-area-labels');
    expect(business?.minzoom).toBe(9);
    // Placed last: its labels win over the district names at city-wide zooms.
    expect(ids.at(-1)).toBe('business-area-labels');
    const zoneLines = style.layers.find((l) => l.id === 'urban-zone-lines');
    expect(zoneLines?.layout?.visibility).toBe('none');
    expect(ids.indexOf('urban-zone-lines')).toBeLessThan(ids.indexOf('district-borders'));
  });

  it('opens img-src and connect-src to the configured hosts and to no other', async () => {
    const on = await csp(withMaps.url);
    expect(on['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://kartta.hel.fi']);
    expect(on['connect-src']).toEqual(["'self'", 'https://kartta.hel.fi']);
    const off = await csp(plain.url);
    expect(off['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(off['connect-src']).toEqual(["'self'"]);
  });
});
