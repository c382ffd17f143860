import type { Map as MlMap } from 'maplibre-gl';
import { loadStyle } from './style-load.ts';

/**
 * Puts the labels of another language version of the basemap style onto the map: only the
 * symbol layers' text changes, so the plot layers, their state and the view stay as they are.
 */
export async function relabel(map: MlMap, styleUrl: string): Promise<void> {
  const { style, ok } = await loadStyle(styleUrl);
  if (!ok) return;
  for (const layer of style.layers) {
    if (layer.type !== 'symbol' || !map.getLayer(layer.id)) continue;
    const text = layer.layout?.['text-field'];
    if (text !== undefined) map.setLayoutProperty(layer.id, 'text-field', text);
  }
}
