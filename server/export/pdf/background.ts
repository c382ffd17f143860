/**
 * The fact sheet's background map: the configured entry the request names by id (never a URL
 * from the request, so only configured hosts are fetched), its raster images for the sheet's
 * EPSG:3879 box, placed in the map frame. Web services work in EPSG:3857: the box's corners go
 * there with proj4, and each image's corners come back to place it. Over the sheet's few hundred
 * metres the two grids differ by a fraction of a degree of rotation, far below a printed point.
 */
import { badRequest } from '../../http/errors.ts';
import { proj4 } from '../../geo/crs.ts';
import { BUILTIN_BASEMAP_ID, tileTemplate, type BasemapEntry } from '../../basemap/catalog.ts';
import type { Box } from './common.ts';

/** One raster image and where it goes in the frame, in pt. */
export interface PlacedImage {
  data: Buffer;
  x: number;
  y: number;
  w: number;
  h: number;
}

export type SheetBackground =
  { ok: true; images: PlacedImage[]; attribution: string } | { ok: false; name: BasemapEntry['name'] };

// The whole background may take this long; a slow service never holds the sheet up for more.
export const BACKGROUND_TIMEOUT_MS = 3000;
const MAX_TILES = 48;
const HALF_WORLD = 20037508.342789244; // EPSG:3857 half extent in metres
const to3857 = proj4('EPSG:3879', 'EPSG:3857');
const from3857 = proj4('EPSG:3857', 'EPSG:3879');

/**
 * The entry the `basemap` parameter names: none (or "builtin") is the built-in map (null). An
 * id not configured as a background is 400 invalid_basemap with the value.
 */
export function pickBasemap(entries: readonly BasemapEntry[], raw: unknown): BasemapEntry | null {
  if (raw === undefined || raw === '' || raw === BUILTIN_BASEMAP_ID) return null;
  const value = typeof raw === 'string' ? raw : String(raw as never);
  const entry = entries.find((e) => e.id === value && !e.overlay);
  if (!entry)
    throw badRequest(
      'invalid_basemap',
      `basemap must be "${BUILTIN_BASEMAP_ID}" or the id of a configured background map, got "${value.slice(0, 60)}".`,
      value.slice(0, 200),
      { param: 'basemap' },
    );
  return entry;
}

/** Fetches and places the entry's images for `box` in `frame`; any failure or timeout is `ok: false`. */
export async function loadBackground(
  entry: BasemapEntry,
  box: Box,
  frame: { w: number; h: number },
  timeoutMs = BACKGROUND_TIMEOUT_MS,
): Promise<SheetBackground> {
  const failed = { ok: false, name: entry.name } as const;
  // A MapLibre style is drawn by the browser; the sheet has no style renderer.
  if (entry.type === 'style') return failed;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const requests = entry.type === 'wms' ? wmsRequest(entry, box, frame) : tileRequests(entry, box, frame);
    const images = await Promise.all(
      requests.map(async (r) => ({ ...r.place, data: await fetchImage(r.url, signal) })),
    );
    return { ok: true, images, attribution: entry.attribution };
  } catch {
    return failed;
  }
}

interface Request {
  url: string;
  place: Omit<PlacedImage, 'data'>;
}

/** The frame's pt of an EPSG:3857 rectangle [minX, minY, maxX, maxY]. */
function placer(box: Box, frame: { w: number; h: number }) {
  const k = frame.w / (box[2] - box[0]);
  return (r: [number, number, number, number]) => {
    const [e0, n1] = from3857.forward([r[0], r[3]]) as [number, number];
    const [e1, n0] = from3857.forward([r[2], r[1]]) as [number, number];
    return { x: (e0 - box[0]) * k, y: (box[3] - n1) * k, w: (e1 - e0) * k, h: (n1 - n0) * k };
  };
}

function mercatorBox(box: Box): [number, number, number, number] {
  const corners = [
    [box[0], box[1]],
    [box[0], box[3]],
    [box[2], box[1]],
    [box[2], box[3]],
  ].map((c) => to3857.forward(c) as [number, number]);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** One GetMap over the whole box at twice the frame's points (sharp in print). */
function wmsRequest(entry: BasemapEntry, box: Box, frame: { w: number; h: number }): Request[] {
  const m = mercatorBox(box);
  const url = new URL(tileTemplate(entry).replace('{bbox-epsg-3857}', m.map((v) => v.toFixed(2)).join(',')));
  const w = Math.round(frame.w * 2);
  const h = Math.round((w * (m[3] - m[1])) / (m[2] - m[0]));
  for (const key of [...url.searchParams.keys()]) {
    if (key.toUpperCase() === 'WIDTH') url.searchParams.set(key, String(w));
    if (key.toUpperCase() === 'HEIGHT') url.searchParams.set(key, String(h));
  }
  return [{ url: url.toString(), place: placer(box, frame)(m) }];
}

/** The tiles covering the box at the zoom nearest two pixels per printed point. */
function tileRequests(entry: BasemapEntry, box: Box, frame: { w: number; h: number }): Request[] {
  const m = mercatorBox(box);
  const wantRes = (m[2] - m[0]) / (frame.w * 2); // metres of 3857 per pixel
  let z = Math.ceil(Math.log2((2 * HALF_WORLD) / (entry.tileSize * wantRes)));
  z = Math.min(Math.max(z, entry.minzoom), entry.maxzoom);
  const range = (zoom: number) => {
    const size = (2 * HALF_WORLD) / 2 ** zoom;
    return {
      size,
      x0: Math.floor((m[0] + HALF_WORLD) / size),
      x1: Math.floor((m[2] + HALF_WORLD) / size),
      y0: Math.floor((HALF_WORLD - m[3]) / size),
      y1: Math.floor((HALF_WORLD - m[1]) / size),
    };
  };
  let r = range(z);
  while (z > entry.minzoom && (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1) > MAX_TILES) r = range(--z);
  const place = placer(box, frame);
  const template = tileTemplate(entry);
  const out: Request[] = [];
  for (let x = r.x0; x <= r.x1; x++)
    for (let y = r.y0; y <= r.y1; y++) {
      const row = entry.type === 'tms' ? 2 ** z - 1 - y : y;
      const url = template
        .replaceAll('{z}', String(z))
        .replaceAll('{x}', String(x))
        .replaceAll('{y}', String(row));
      const minX = -HALF_WORLD + x * r.size;
      const maxY = HALF_WORLD - y * r.size;
      out.push({ url, place: place([minX, maxY - r.size, minX + r.size, maxY]) });
    }
  return out;
}

/** PNG or JPEG bytes (what PDF pages can hold); redirects are not followed to other hosts. */
async function fetchImage(url: string, signal: AbortSignal): Promise<Buffer> {
  const res = await fetch(url, { signal, redirect: 'error' });
  if (!res.ok) throw new Error(`${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = data[0] === 0xff && data[1] === 0xd8;
  if (!png && !jpeg) throw new Error('not a PNG or JPEG image');
  return data;
}
