/**
 * The plot layers as pure functions of what the tiles offer: polygons (`plots`), one point per
 * plot (`plot_points`) and aggregates (`plot_clusters`, property `count`). Selection and hover
 * come through feature-state, so changing them never rebuilds a layer.
 */
import type { ExpressionSpecification, LayerSpecification, VectorSourceSpecification } from 'maplibre-gl';
import { AVAILABILITIES, USE_CLASSES } from '../../../shared/filter.ts';
import {
  AVAILABILITY_OPACITY,
  CLUSTER_COLOUR,
  DASHED_AVAILABILITY,
  HOVER_COLOUR,
  SELECTED_COLOUR,
  USE_CLASS_COLOURS,
} from './palette.ts';

export const PLOT_SOURCE = 'tl-plots';
export const DRAW_SOURCE = 'tl-draw';
export const PLOT_LAYER_IDS = {
  fill: 'tl-plots-fill',
  outline: 'tl-plots-outline',
  outlineDashed: 'tl-plots-outline-dashed',
  highlight: 'tl-plots-highlight',
  points: 'tl-plot-points',
  clusters: 'tl-plot-clusters',
  clusterCount: 'tl-plot-cluster-count',
} as const;
/** Layers a click or hover can hit, each carrying a plot id. */
export const INTERACTIVE_LAYERS = [PLOT_LAYER_IDS.fill, PLOT_LAYER_IDS.points];

/** Zoom range of one tile layer, from the TileJSON `vector_layers` (absent: all zooms). */
export interface ZoomRange {
  minzoom?: number;
  maxzoom?: number;
}
export interface TileLayerRanges {
  plots: ZoomRange;
  plot_points: ZoomRange;
  plot_clusters: ZoomRange;
}

const colourByClass: ExpressionSpecification = [
  'match',
  ['get', 'use_class'],
  ...USE_CLASSES.flatMap((c) => [c, USE_CLASS_COLOURS[c]]),
  '#868e96',
] as unknown as ExpressionSpecification;

const opacityByAvailability: ExpressionSpecification = [
  'match',
  ['get', 'availability'],
  ...AVAILABILITIES.flatMap((a) => [a, AVAILABILITY_OPACITY[a]]),
  0.5,
] as unknown as ExpressionSpecification;

const state = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];

// Only the lower bound: above the source's maxzoom its tiles are overzoomed, and a layer maxzoom
// would blank the map there.
const range = (r: ZoomRange) => (r.minzoom != null && r.minzoom > 0 ? { minzoom: r.minzoom } : {});

export function plotSource(tiles: string[], minzoom = 0, maxzoom = 16): VectorSourceSpecification {
  return { type: 'vector', tiles, minzoom, maxzoom, promoteId: 'id' };
}

/**
 * Style layers for the plot source. Each tile carries one representation (outlines, points or
 * counts, chosen by the tile server by how many plots it holds), so every layer stays on at every
 * zoom its tile layer declares. Cluster counts need glyphs: left out when the style has none.
 */
export function plotLayers(
  ranges: TileLayerRanges,
  opts: { glyphs: boolean; font: string[] },
): LayerSpecification[] {
  const pointRange: ZoomRange = ranges.plot_points;
  const s = PLOT_SOURCE;
  const dashed = ['in', ['get', 'availability'], ['literal', DASHED_AVAILABILITY]] as ExpressionSpecification;
  const layers: LayerSpecification[] = [
    {
      id: PLOT_LAYER_IDS.fill,
      type: 'fill',
      source: s,
      'source-layer': 'plots',
      ...range(ranges.plots),
      paint: {
        'fill-color': colourByClass,
        'fill-opacity': ['case', state('selected'), 0.9, state('hover'), 0.9, opacityByAvailability],
      },
    },
    {
      id: PLOT_LAYER_IDS.outline,
      type: 'line',
      source: s,
      'source-layer': 'plots',
      filter: ['!', dashed],
      ...range(ranges.plots),
      paint: { 'line-color': colourByClass, 'line-width': 1.4 },
    },
    {
      id: PLOT_LAYER_IDS.outlineDashed,
      type: 'line',
      source: s,
      'source-layer': 'plots',
      filter: dashed,
      ...range(ranges.plots),
      paint: { 'line-color': colourByClass, 'line-width': 1.4, 'line-dasharray': [2, 2] },
    },
    {
      id: PLOT_LAYER_IDS.highlight,
      type: 'line',
      source: s,
      'source-layer': 'plots',
      ...range(ranges.plots),
      paint: {
        'line-color': ['case', state('selected'), SELECTED_COLOUR, HOVER_COLOUR],
        'line-width': ['case', state('selected'), 3.5, state('hover'), 3, 0],
      },
    },
    {
      id: PLOT_LAYER_IDS.points,
      type: 'circle',
      source: s,
      'source-layer': 'plot_points',
      ...range(pointRange),
      paint: {
        'circle-color': colourByClass,
        'circle-opacity': ['max', opacityByAvailability, 0.3],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3, 13, 6],
        'circle-stroke-color': [
          'case',
          state('selected'),
          SELECTED_COLOUR,
          state('hover'),
          HOVER_COLOUR,
          '#ffffff',
        ],
        'circle-stroke-width': ['case', state('selected'), 3, state('hover'), 3, 1],
      },
    },
    {
      id: PLOT_LAYER_IDS.clusters,
      type: 'circle',
      source: s,
      'source-layer': 'plot_clusters',
      ...range(ranges.plot_clusters),
      paint: {
        'circle-color': CLUSTER_COLOUR,
        'circle-opacity': 0.85,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['coalesce', ['get', 'count'], 1],
          1,
          11,
          20,
          16,
          100,
          22,
          1000,
          30,
        ],
      },
    },
  ];
  if (opts.glyphs)
    layers.push({
      id: PLOT_LAYER_IDS.clusterCount,
      type: 'symbol',
      source: s,
      'source-layer': 'plot_clusters',
      ...range(ranges.plot_clusters),
      layout: {
        'text-field': ['to-string', ['coalesce', ['get', 'count'], '']],
        'text-font': opts.font,
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    });
  return layers;
}

/** The drawn area / measurement overlay (a GeoJSON source the tools write into). */
export function drawLayers(colour: string): LayerSpecification[] {
  return [
    {
      id: 'tl-draw-fill',
      type: 'fill',
      source: DRAW_SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': colour, 'fill-opacity': 0.08 },
    },
    {
      id: 'tl-draw-line',
      type: 'line',
      source: DRAW_SOURCE,
      filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'LineString']]],
      paint: { 'line-color': colour, 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
    },
    {
      id: 'tl-draw-vertex',
      type: 'circle',
      source: DRAW_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': 4,
        'circle-stroke-color': colour,
        'circle-stroke-width': 2,
      },
    },
  ];
}

/** Appends the filter query to a tile URL template that may already carry a query. */
export function tileUrlWithFilter(template: string, filterQuery: string): string {
  if (!filterQuery) return template;
  return template + (template.includes('?') ? '&' : '?') + filterQuery;
}
