/**
 * Loads the basemap style and makes its URLs absolute (the map's worker resolves relative URLs
 * against its own script, not the page). On any failure returns a plain background style, so the
 * plots still draw when the basemap is missing; `ok` says which happened.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};

const absolute = (u: string, base: string): string => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(u)) return u;
  // Keep {z}/{x}/{y} and {fontstack}/{range} braces literal: URL() would percent-encode them.
  const b = new URL(base, location.href);
  if (u.startsWith('/')) return b.origin + u;
  return b.href.replace(/[^/]*$/, '') + u;
};

const early = new Map<string, Promise<Response>>();

/**
 * Starts fetching a JSON document the map will need (style, TileJSON) before the map exists;
 * the loaders below take the early response when there is one. Errors surface there.
 */
export function prefetchJson(url: string): void {
  if (!early.has(url)) early.set(url, fetch(url));
}

function fetchOnce(url: string): Promise<Response> {
  const hit = early.get(url);
  early.delete(url);
  return hit ?? fetch(url);
}

export async function loadStyle(url: string): Promise<{ style: StyleSpecification; ok: boolean }> {
  try {
    const res = await fetchOnce(url);
    if (!res.ok) throw new Error(`style ${res.status}`);
    const style = (await res.json()) as StyleSpecification;
    if (style.version !== 8 || !Array.isArray(style.layers)) throw new Error('not a style');
    const base = new URL(url, location.href).href;
    for (const src of Object.values(style.sources ?? {})) {
      const s = src as { url?: string; tiles?: string[]; data?: unknown };
      if (typeof s.url === 'string') s.url = absolute(s.url, base);
      if (Array.isArray(s.tiles)) s.tiles = s.tiles.map((t) => absolute(t, base));
      if (typeof s.data === 'string') s.data = absolute(s.data, base);
    }
    if (typeof style.glyphs === 'string') style.glyphs = absolute(style.glyphs, base);
    if (typeof style.sprite === 'string') style.sprite = absolute(style.sprite, base);
    return { style, ok: true };
  } catch {
    return { style: FALLBACK_STYLE, ok: false };
  }
}

/** TileJSON of the plot tiles; undefined when it cannot be read. */
export interface TileJson {
  tiles: string[];
  minzoom?: number;
  maxzoom?: number;
  attribution?: string;
  vector_layers?: Array<{ id: string; minzoom?: number; maxzoom?: number }>;
}

export async function loadTileJson(url: string): Promise<TileJson | undefined> {
  try {
    const res = await fetchOnce(url);
    if (!res.ok) return undefined;
    const tj = (await res.json()) as TileJson;
    if (!Array.isArray(tj.tiles) || !tj.tiles.length) return undefined;
    const base = new URL(url, location.href).href;
    return { ...tj, tiles: tj.tiles.map((t) => absolute(t, base)) };
  } catch {
    return undefined;
  }
}
