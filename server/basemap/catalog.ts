/**
 * BASEMAPS: the background layers a deployment offers besides the built-in offline map, read
 * once at start (config.ts). The setting is inline JSON or the path of a JSON file holding an
 * array; each entry is a preset name ("helsinki-guide-map"), a preset with overrides
 * ({"preset": "helsinki-ortho", "maxzoom": 18}) or a full entry. Every entry becomes a raster
 * tile template the map reads directly (XYZ, TMS, WMTS KVP GetTile, WMS GetMap per tile), or a
 * MapLibre style URL. The built-in map is never listed here: it is always the first choice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { own } from '../../shared/own.ts';
import { BUILTIN_BASEMAP_ID, entrySchema, type BasemapEntry, type BasemapInput } from './entry.ts';
import { BASEMAP_PRESETS } from './presets.ts';
import type { ClientBasemap } from '../../shared/basemap.ts';

export { BUILTIN_BASEMAP_ID, type BasemapEntry, type BasemapInput };

export type { ClientBasemap };

export class BasemapsError extends Error {}

/**
 * Parses the BASEMAPS setting: inline JSON (starting with [ or {) or a file path, relative to
 * `cwd`. Throws a BasemapsError naming the entry (its position and id) and the field.
 */
export function parseBasemaps(setting: string, cwd = process.cwd()): BasemapEntry[] {
  const text = setting.trim();
  let doc: unknown;
  if (text.startsWith('[') || text.startsWith('{')) doc = parseJson(text, 'inline JSON');
  else {
    const file = path.resolve(cwd, text);
    let body: string;
    try {
      body = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new BasemapsError(
        `cannot read the file "${text}" (${(err as NodeJS.ErrnoException).code ?? err})`,
      );
    }
    doc = parseJson(body, `the file "${text}"`);
  }
  const list = Array.isArray(doc) ? doc : [doc];
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const label = `entry ${i + 1}${entryName(raw)}`;
    const input = expand(raw, label);
    const parsed = entrySchema.safeParse(input);
    if (!parsed.success) {
      const why = parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ');
      throw new BasemapsError(`${label}: ${why}`);
    }
    if (seen.has(parsed.data.id))
      throw new BasemapsError(`${label}: the id "${parsed.data.id}" is used twice`);
    seen.add(parsed.data.id);
    return parsed.data;
  });
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BasemapsError(`${what} is not JSON: ${(err as Error).message}`);
  }
}

const entryName = (raw: unknown): string => {
  const id = typeof raw === 'string' ? raw : (raw as { id?: unknown; preset?: unknown } | null)?.id;
  const preset = (raw as { preset?: unknown } | null)?.preset;
  const name = typeof id === 'string' ? id : typeof preset === 'string' ? preset : undefined;
  return name ? ` ("${name.slice(0, 60)}")` : '';
};

/** A preset name or {preset, ...overrides} becomes a full entry; other objects pass as they are. */
function expand(raw: unknown, label: string): unknown {
  const presetName =
    typeof raw === 'string'
      ? raw
      : raw && typeof raw === 'object' && 'preset' in raw
        ? (raw as { preset: unknown }).preset
        : undefined;
  if (presetName === undefined) return raw;
  const preset = typeof presetName === 'string' ? own(BASEMAP_PRESETS, presetName) : undefined;
  if (!preset)
    throw new BasemapsError(`${label}: unknown preset; presets: ${Object.keys(BASEMAP_PRESETS).join(', ')}`);
  const { preset: _drop, ...overrides } = (typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { id: presetName, ...preset, ...overrides };
}

/** The service URL with its query parameters replaced (a capabilities URL gives the service). */
function serviceUrl(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()])
    if (key.toLowerCase() === 'request' || key.toLowerCase() === 'service' || key.toLowerCase() === 'version')
      u.searchParams.delete(key);
  const rest = u.searchParams.toString();
  // MapLibre's placeholders must stay literal: the query is written by hand, not by URLSearchParams.
  const own = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%7B/g, '{').replace(/%7D/g, '}')}`)
    .join('&');
  return `${u.origin}${u.pathname}?${rest ? `${rest}&` : ''}${own}`;
}

/** The tile template MapLibre reads for a raster entry. */
export function tileTemplate(e: BasemapEntry): string {
  switch (e.type) {
    case 'xyz':
    case 'tms':
      return e.url;
    case 'wmts':
      return serviceUrl(e.url, {
        SERVICE: 'WMTS',
        REQUEST: 'GetTile',
        VERSION: '1.0.0',
        LAYER: e.layer!,
        STYLE: e.style,
        TILEMATRIXSET: e.tileMatrixSet,
        TILEMATRIX: `${e.tileMatrixPrefix}{z}`,
        TILEROW: '{y}',
        TILECOL: '{x}',
        FORMAT: e.format,
      });
    case 'wms':
      return serviceUrl(e.url, {
        SERVICE: 'WMS',
        VERSION: '1.3.0',
        REQUEST: 'GetMap',
        LAYERS: e.layer!,
        STYLES: e.style,
        CRS: 'EPSG:3857',
        BBOX: '{bbox-epsg-3857}',
        WIDTH: String(e.tileSize),
        HEIGHT: String(e.tileSize),
        FORMAT: e.format,
        TRANSPARENT: e.overlay ? 'TRUE' : 'FALSE',
      });
    case 'style':
      throw new Error('a style entry has no tile template');
  }
}

export const BUILTIN_CLIENT_BASEMAP: ClientBasemap = {
  id: BUILTIN_BASEMAP_ID,
  kind: 'builtin',
  name: { fi: 'Sisäänrakennettu kartta', sv: 'Inbyggd karta', en: 'Built-in map' },
  attribution: '',
  overlay: false,
};

/** The choices the map offers: the built-in map first, then every configured entry. */
export function clientBasemaps(entries: BasemapEntry[]): ClientBasemap[] {
  return [
    BUILTIN_CLIENT_BASEMAP,
    ...entries.map((e): ClientBasemap => {
      const common = { id: e.id, name: e.name, attribution: e.attribution, overlay: e.overlay };
      if (e.type === 'style') return { ...common, kind: 'style', styleUrl: e.url };
      return {
        ...common,
        kind: 'raster',
        tiles: [tileTemplate(e)],
        scheme: e.type === 'tms' ? 'tms' : 'xyz',
        tileSize: e.tileSize,
        minzoom: e.minzoom,
        maxzoom: e.maxzoom,
      };
    }),
  ];
}

/** Origins the browser fetches for these entries: the CSP's img-src and connect-src add them. */
export function basemapOrigins(entries: BasemapEntry[]): string[] {
  const out = new Set<string>();
  for (const e of entries)
    for (const u of [e.url, ...e.hosts]) out.add(new URL(u.replace(/[{}]/g, '')).origin);
  return [...out];
}
