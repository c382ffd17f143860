/**
 * A `style` background (a MapLibre style URL) drawn inside the app's own style: its sources and
 * layers are added under a prefix beneath the built-in borders, labels and the plots, so the
 * plots and overlays stay on top and nothing of the app's style is replaced. Loaded only when
 * such a background is chosen (it is not part of the public map's first download).
 */
import type { LayerSpecification, Map as MlMap, SourceSpecification } from 'maplibre-gl';
import type { ClientBasemap } from '../../../shared/basemap.ts';
import { loadStyle } from './style-load.ts';

export interface StyleParts {
  sources: string[];
  layers: string[];
}

// Paint that needs the style's sprite, which the app's style does not carry.
const PATTERNS = ['fill-pattern', 'line-pattern', 'background-pattern', 'fill-extrusion-pattern'];

/**
 * Adds the style's sources and layers before `beforeId`; 'failed' when the style cannot be read,
 * 'gone' when `wanted()` says the user has moved on meanwhile (nothing is added then).
 */
export async function addStyleBackground(
  map: MlMap,
  b: ClientBasemap,
  prefix: string,
  beforeId: () => string | undefined,
  wanted: () => boolean,
): Promise<StyleParts | 'failed' | 'gone'> {
  const { style, ok } = await loadStyle(b.styleUrl!);
  if (!ok) return 'failed';
  if (!wanted() || !map.getStyle()) return 'gone';
  // Text needs the style's own glyphs: only a style using the app's glyphs keeps its labels.
  const sameGlyphs = style.glyphs === map.getStyle().glyphs;
  const parts: StyleParts = { sources: [], layers: [] };
  for (const [name, src] of Object.entries(style.sources ?? {})) {
    const id = `${prefix}:${name}`;
    const s = src as SourceSpecification & { attribution?: string };
    map.addSource(id, { ...s, attribution: s.attribution ?? b.attribution } as SourceSpecification);
    parts.sources.push(id);
  }
  const before = beforeId();
  for (const layer of style.layers) {
    if (layer.type === 'symbol' && !sameGlyphs) continue;
    const paint = (layer as { paint?: Record<string, unknown> }).paint ?? {};
    if (PATTERNS.some((p) => p in paint)) continue;
    const src = (layer as { source?: unknown }).source;
    const copy = {
      ...layer,
      id: `${prefix}:${layer.id}`,
      ...(typeof src === 'string' ? { source: `${prefix}:${src}` } : {}),
    } as LayerSpecification;
    map.addLayer(copy, before);
    parts.layers.push(copy.id);
  }
  return parts;
}
