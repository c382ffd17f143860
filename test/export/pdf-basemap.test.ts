/**
 * The fact sheet on the chosen background map: tiles (XYZ) and a WMS served by a local HTTP
 * server in the test are fetched for the plot's surroundings and drawn beneath it with the
 * entry's attribution; a stopped or silent service gives the built-in map and a translated note
 * within the timeout; an id that is not a configured background is 400 invalid_basemap.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBasemaps } from '../../server/basemap/catalog.ts';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { pdfText } from './pdf-text.ts';

/** A solid 8 x 8 RGB PNG, written by hand (no image library needed). */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.concat(
    Array.from({ length: 8 }, () => Buffer.from([0, ...Array(8).fill([208, 32, 138]).flat()])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG = png();
let tiles: http.Server;
let silent: http.Server;
const requests: URL[] = [];
let db: TestDb;
let server: Running;
let plot: { id: number; lon: number; lat: number };

const listen = async (s: http.Server) => {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
};
const names = (n: string) => ({ fi: `${n} (testi)`, sv: `${n} (test)`, en: `${n} (test)` });

beforeAll(async () => {
  tiles = http.createServer((req, res) => {
    requests.push(new URL(req.url!, 'http://x'));
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
  });
  const tilesUrl = await listen(tiles);
  // Accepts the connection and never answers: the sheet must not wait for it.
  silent = http.createServer(() => {});
  const silentUrl = await listen(silent);
  const stopped = http.createServer();
  const stoppedUrl = await listen(stopped);
  await new Promise((resolve) => stopped.close(resolve));
  const basemaps = parseBasemaps(
    JSON.stringify([
      {
        id: 'test-xyz',
        type: 'xyz',
        url: `${tilesUrl}/t/{z}/{x}/{y}.png`,
        name: names('Tiles'),
        attribution: 'Test tiles ©',
      },
      {
        id: 'test-wms',
        type: 'wms',
        url: `${tilesUrl}/wms`,
        layer: 'ortho',
        name: names('WMS'),
        attribution: 'Test WMS ©',
      },
      {
        id: 'test-down',
        type: 'xyz',
        url: `${stoppedUrl}/{z}/{x}/{y}.png`,
        name: names('Down'),
        attribution: 'Down ©',
      },
      {
        id: 'test-silent',
        type: 'xyz',
        url: `${silentUrl}/{z}/{x}/{y}.png`,
        name: names('Silent'),
        attribution: 'Silent ©',
      },
      {
        id: 'test-overlay',
        type: 'xyz',
        url: `${tilesUrl}/o/{z}/{x}/{y}.png`,
        name: names('Over'),
        attribution: 'Over ©',
        overlay: true,
      },
    ]),
  );
  db = await openTestDb();
  server = await startTestServer(db, { basemaps });
  const [row] = await db.query<typeof plot>(
    `SELECT id::int AS id, ST_X(ST_Transform(ST_Centroid(geom), 4326)) AS lon,
            ST_Y(ST_Transform(ST_Centroid(geom), 4326)) AS lat
       FROM plots WHERE status = 'published' ORDER BY id LIMIT 1`,
  );
  plot = row!;
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
  silent?.closeAllConnections();
  await new Promise((resolve) => tiles?.close(resolve));
  await new Promise((resolve) => silent?.close(resolve));
});

async function sheet(q: string): Promise<{ status: number; text: string; raw: string; ms: number }> {
  const t0 = Date.now();
  const res = await fetch(`${server.url}/api/plots/${plot.id}/factsheet.pdf?${q}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    text: res.ok ? pdfText(bytes) : '',
    raw: Buffer.from(bytes).toString('latin1'),
    ms: Date.now() - t0,
  };
}

/** Web Mercator tile column and row of a point at zoom z. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.asinh(Math.tan(r)) / Math.PI) / 2) * n)];
}

describe('fact sheet on the chosen background', () => {
  it('draws the tiles around the plot beneath it and prints their attribution', async () => {
    requests.length = 0;
    const { status, text, raw } = await sheet('lang=en&basemap=test-xyz');
    expect(status).toBe(200);
    expect(raw).toMatch(/\/Subtype \/Image/);
    expect(text).toContain('Background map: Test tiles ©');
    const asked = requests
      .filter((u) => u.pathname.startsWith('/t/'))
      .map((u) =>
        u.pathname
          .replace(/\.png$/, '')
          .split('/')
          .slice(2, 5)
          .map(Number),
      );
    expect(asked.length).toBeGreaterThan(0);
    const z = asked[0]![0]!;
    expect(z).toBeGreaterThanOrEqual(14); // a street-level zoom for a few hundred metres
    const [x, y] = tileOf(plot.lon, plot.lat, z);
    expect(asked).toContainEqual([z, x, y]);
  });

  it('asks the WMS for the sheet box in EPSG:3857 around the plot', async () => {
    requests.length = 0;
    const { status, text } = await sheet('lang=fi&basemap=test-wms');
    expect(status).toBe(200);
    expect(text).toContain('Taustakartta: Test WMS ©');
    const wms = requests.find((u) => u.pathname === '/wms')!;
    expect(wms.searchParams.get('CRS')).toBe('EPSG:3857');
    expect(wms.searchParams.get('LAYERS')).toBe('ortho');
    const [minX, minY, maxX, maxY] = wms.searchParams.get('BBOX')!.split(',').map(Number) as number[];
    const px = (plot.lon * 20037508.342789244) / 180;
    const py = Math.log(Math.tan(((90 + plot.lat) * Math.PI) / 360)) * (20037508.342789244 / Math.PI);
    expect(px).toBeGreaterThan(minX!);
    expect(px).toBeLessThan(maxX!);
    expect(py).toBeGreaterThan(minY!);
    expect(py).toBeLessThan(maxY!);
    expect(Number(wms.searchParams.get('WIDTH'))).toBeGreaterThan(256);
  });

  it.each([
    ['en', 'test-down', 'The chosen background map Down (test) could not be reached'],
    ['fi', 'test-down', 'Valittu taustakartta Down (testi) ei ollut saatavilla'],
    ['sv', 'test-silent', 'Den valda bakgrundskartan Silent (test) kunde inte nås'],
  ])('%s, %s: the built-in map and the note, within the timeout', async (lang, id, note) => {
    const { status, text, raw, ms } = await sheet(`lang=${lang}&basemap=${id}`);
    expect(status).toBe(200);
    expect(text).toContain(note);
    expect(raw).not.toMatch(/\/Subtype \/Image/);
    expect(ms).toBeLessThan(8000);
  });

  it('without basemap the sheet has no background images and no note', async () => {
    const { status, text, raw } = await sheet('lang=en');
    expect(status).toBe(200);
    expect(raw).not.toMatch(/\/Subtype \/Image/);
    expect(text).not.toContain('Background map');
  });

  it.each(['nope', 'test-overlay', 'http://127.0.0.1:1/x.png'])(
    'basemap=%s is 400 invalid_basemap',
    async (value) => {
      const res = await fetch(
        `${server.url}/api/plots/${plot.id}/factsheet.pdf?basemap=${encodeURIComponent(value)}`,
      );
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'invalid_basemap', value });
    },
  );
});
