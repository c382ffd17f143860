/**
 * The one component that owns the MapLibre map: creates it on mount, removes it on unmount.
 * Map events go out through callbacks (view, hover, click); app state comes in through props
 * (tile filter, selected plot, overlay). Camera moves the app asks for go through `apiRef`.
 */
import {
  AttributionControl,
  Map as MlMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type StyleSpecification,
  type VectorTileSource,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, type MutableRefObject } from 'react';
import type { MapView as ViewState } from '../url/url-state.ts';
import {
  DRAW_SOURCE,
  INTERACTIVE_LAYERS,
  PLOT_LAYER_IDS,
  PLOT_SOURCE,
  drawLayers,
  plotLayers,
  plotSource,
  tileUrlWithFilter,
  type TileLayerRanges,
} from './layers.ts';
import type { BackgroundChoice, ClientBasemap } from './background.ts';
import type { BackgroundController } from './background-controller.ts';
import { DRAW_COLOUR } from './palette.ts';
import { MAP_LOCALE, setMapLocale } from './map-locale.ts';
import { relabel } from './relabel.ts';
import { printMapImage } from '../print/print-map.ts';
import { loadStyle, loadTileJson } from './style-load.ts';

// Without this the built app 404s on the worker script (it is not beside the main chunk).
setWorkerUrl(workerUrl);

export type Bounds = [number, number, number, number]; // minLon, minLat, maxLon, maxLat

/** Imperative camera commands for the app (search, list rows, history navigation). */
export interface Padding {
  right: number; // px
  bottom: number; // px
}

export interface MapApi {
  /** `padding`: the map edges the panels will cover once the move ends (default: as now). */
  flyTo(center: [number, number], zoom?: number, padding?: Padding): void;
  fitBounds(bbox: Bounds, maxZoom?: number, padding?: Padding): void;
  jumpTo(view: ViewState): void;
  getBounds(): Bounds | undefined;
  getCenter(): [number, number] | undefined;
  /** The plot ids drawn at a screen point (tests and keyboard tools use it). */
  project(lngLat: [number, number]): [number, number] | undefined;
}

export interface ToolHandlers {
  click(lngLat: [number, number]): void;
  dblclick?(lngLat: [number, number]): void;
  move?(lngLat: [number, number]): void;
}

export interface MapViewProps {
  styleUrl: string;
  tileJsonUrl: string;
  initialView: ViewState;
  /** When given, the map opens fitted to these bounds (clear of the panels) instead of initialView. */
  startBounds?: Bounds;
  /** Filter as a query string (no leading ?), appended to every tile URL. */
  filterQuery: string;
  selectedId: number | null;
  /** Drawn area and measurements, drawn above the plots. */
  overlay: GeoJSON.FeatureCollection;
  /** When set, clicks go to the active drawing/measuring tool instead of selecting plots. */
  tool: ToolHandlers | null;
  /** Pixels of the map hidden behind panels (the plot card): camera moves centre in the rest. */
  padding: Padding;
  /** Extra licence lines shown in the attribution control. */
  attributions: string[];
  /**
   * The demo-data notice in the page's language; replaces the TileJSON's notes after its first
   * line (the plot licence), which name the demo data in all three languages at once.
   */
  demoAttribution?: string;
  label: string;
  apiRef: MutableRefObject<MapApi | null>;
  onSelect(id: number): void;
  onViewChange(view: ViewState, bounds: Bounds): void;
  onPointer?(lngLat: [number, number] | null): void;
  onStatus(status: { basemap: boolean; tiles: boolean }): void;
  /** Once, when the plots have been drawn the first time. */
  onFirstIdle?(): void;
  /** The page's language: MapLibre's control titles follow it. */
  lang?: 'fi' | 'sv' | 'en';
  /** The backgrounds the server offers, the chosen one, and what to do when it fails. */
  backgrounds?: ClientBasemap[];
  background?: BackgroundChoice;
  onBackgroundFallback?(failed: ClientBasemap | null): void;
  /** Changed to try a failed background service again. */
  backgroundRetry?: number;
}

type Ref<T> = MutableRefObject<T>;

/** The map's container element, carrying the camera commands for the browser tests. */
export type MapElement = HTMLDivElement & { mapApi?: MapApi };

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const ready = useRef(false);
  const tileTemplate = useRef<string | null>(null);
  const loaded = useRef<Loaded | null>(null);
  const attribution = useRef<AttributionControl | null>(null);
  const background = useRef<BackgroundController | null>(null);
  // Latest props for the map's event handlers, which are bound once.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    const p = latest.current;
    const map = new MlMap({
      container: el,
      style: { version: 8, sources: {}, layers: [] } as StyleSpecification,
      center: [p.initialView.lon, p.initialView.lat],
      zoom: p.initialView.zoom,
      ...(p.startBounds
        ? {
            bounds: p.startBounds as LngLatBoundsLike,
            fitBoundsOptions: {
              // The map tools stand along the left edge.
              padding: { top: 24, left: 80, right: 24 + p.padding.right, bottom: 24 + p.padding.bottom },
            },
          }
        : {}),
      attributionControl: false,
      maxPitch: 0,
      // Labels appear at once: no fade to wait for before the map is idle.
      fadeDuration: 0,
      dragRotate: false,
      locale: MAP_LOCALE[p.lang ?? 'fi'],
    });
    const stopPrint = printMapImage(map, () => latest.current.lang ?? 'fi');
    map.touchZoomRotate.disableRotation();
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', p.label);
    canvas.setAttribute('role', 'application');

    latest.current.apiRef.current = mapApi(map);
    // Browser tests project a plot's geometry to the screen through the same camera commands.
    (el as MapElement).mapApi = latest.current.apiRef.current;
    // The controller loads beside the style and the plots (outside the initial JS).
    const controller = import('./background-controller.ts').then((m) => {
      if (disposed) return null;
      const c = new m.BackgroundController(
        map,
        () => [...Object.values(PLOT_LAYER_IDS)],
        (failed) => latest.current.onBackgroundFallback?.(failed),
      );
      background.current = c;
      return c;
    });
    void Promise.all([
      controller,
      setUp(map, latest, ready, tileTemplate, () => disposed, loaded, attribution),
    ]).then(([bg]) => {
      const q = latest.current;
      if (bg && !disposed && ready.current && q.backgrounds && q.background)
        bg.apply(q.backgrounds, q.background);
    });
    bindEvents(map, latest, el);
    return () => {
      disposed = true;
      stopPrint();
      background.current?.dispose();
      background.current = null;
      ready.current = false;
      latest.current.apiRef.current = null;
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // Language -> MapLibre's control titles (the map was made with the first language's table).
  useEffect(() => {
    if (mapRef.current && props.lang) setMapLocale(mapRef.current, props.lang);
  }, [props.lang]);

  // Language -> basemap labels and licence lines, without reloading the style (plot layers stay).
  const firstStyle = useRef(props.styleUrl);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded.current) return;
    showAttributions(map, loaded.current, latest.current, attribution);
    if (props.styleUrl === firstStyle.current) return;
    firstStyle.current = props.styleUrl;
    void relabel(map, props.styleUrl);
  }, [props.styleUrl, props.demoAttribution, props.attributions]);

  // Background choice -> raster layers, overlay visibility, plot opacity.
  useEffect(() => {
    if (!ready.current || !props.backgrounds || !props.background) return;
    background.current?.apply(props.backgrounds, props.background);
  }, [props.backgrounds, props.background]);
  const firstRetry = useRef(props.backgroundRetry);
  useEffect(() => {
    if (props.backgroundRetry !== firstRetry.current) background.current?.retry();
  }, [props.backgroundRetry]);

  // Filter -> tile URLs (the source reloads its tiles, feature-state is kept).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready.current || !tileTemplate.current) return;
    container.current?.setAttribute('data-idle', 'false');
    const src = map.getSource(PLOT_SOURCE) as VectorTileSource | undefined;
    src?.setTiles([tileUrlWithFilter(tileTemplate.current, props.filterQuery)]);
    pollIdle(map, container.current!);
  }, [props.filterQuery]);

  // Selection -> feature-state on both the polygon and the point of the plot.
  const prevSelected = useRef<number | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready.current) return;
    setPlotState(map, prevSelected.current, { selected: false });
    setPlotState(map, props.selectedId, { selected: true });
    prevSelected.current = props.selectedId;
  });

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready.current) return;
    (map.getSource(DRAW_SOURCE) as GeoJSONSource | undefined)?.setData(props.overlay);
  }, [props.overlay]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (props.tool) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = props.tool ? 'crosshair' : '';
  }, [props.tool]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', props.label);
  }, [props.label]);

  // A padding change during a flight would cut it short (setPadding is a jump): camera moves
  // carry their own padding, and the rest is applied once the map stands still.
  const { right, bottom } = props.padding;
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => map.setPadding({ top: 0, left: 0, right, bottom });
    if (map.isMoving()) map.once('moveend', apply);
    else apply();
  }, [right, bottom]);

  return <div ref={container} className="map" data-idle="false" />;
}

/**
 * After a filter change the source may finish loading without any further map event (every
 * new tile empty): check for a short while instead of waiting for one.
 */
function pollIdle(map: MlMap, el: HTMLElement) {
  let n = 0;
  const timer = setInterval(() => {
    if (el.getAttribute('data-idle') === 'false' && map.loaded() && !map.isMoving() && map.areTilesLoaded())
      el.setAttribute('data-idle', 'true');
    if (el.getAttribute('data-idle') === 'true' || ++n > 100) clearInterval(timer);
  }, 100);
}

function setPlotState(map: MlMap, id: number | null, state: Record<string, boolean>) {
  if (id == null || !map.getSource(PLOT_SOURCE)) return;
  for (const sourceLayer of ['plots', 'plot_points'])
    map.setFeatureState({ source: PLOT_SOURCE, sourceLayer, id }, state);
}

interface Loaded {
  style: StyleSpecification;
  tjAttribution?: string;
}

async function setUp(
  map: MlMap,
  latest: Ref<MapViewProps>,
  ready: Ref<boolean>,
  tileTemplate: Ref<string | null>,
  disposed: () => boolean,
  loaded: Ref<Loaded | null>,
  attribution: Ref<AttributionControl | null>,
) {
  const p = latest.current;
  const [{ style, ok: basemapOk }, tj] = await Promise.all([
    loadStyle(p.styleUrl),
    loadTileJson(p.tileJsonUrl),
  ]);
  if (disposed()) return;
  // No diff against the empty start style: a diffed style never fires 'style.load'.
  map.setStyle(style, { diff: false });
  await new Promise<void>((resolve) => {
    if (map.isStyleLoaded()) resolve();
    else map.once('style.load', () => resolve());
  });
  if (disposed()) return;
  loaded.current = { style, tjAttribution: tj?.attribution };
  showAttributions(map, loaded.current, p, attribution);

  map.addSource(DRAW_SOURCE, { type: 'geojson', data: latest.current.overlay });
  if (tj) {
    tileTemplate.current = tj.tiles[0]!;
    const ranges = layerRanges(tj);
    map.addSource(
      PLOT_SOURCE,
      plotSource(
        [tileUrlWithFilter(tj.tiles[0]!, latest.current.filterQuery)],
        tj.minzoom ?? 0,
        tj.maxzoom ?? 16,
      ),
    );
    const firstSymbol = style.layers.find((l) => l.type === 'symbol')?.id;
    const glyphs = typeof style.glyphs === 'string';
    const font = fontOf(style) ?? ['Noto Sans Regular'];
    for (const layer of plotLayers(ranges, { glyphs, font })) map.addLayer(layer, firstSymbol);
  }
  for (const layer of drawLayers(DRAW_COLOUR)) map.addLayer(layer);
  ready.current = true;
  setPlotState(map, latest.current.selectedId, { selected: true });
  latest.current.onStatus({ basemap: basemapOk, tiles: !!tj });
}

/**
 * (Re)places the attribution control: the licences the basemap does not credit itself, and the
 * TileJSON's lines with its demo notice in the page's language.
 */
function showAttributions(
  map: MlMap,
  loaded: Loaded,
  p: MapViewProps,
  control: Ref<AttributionControl | null>,
) {
  const lines = uniqueAttributions(loaded.style, [
    ...p.attributions,
    ...(loaded.tjAttribution?.split('; ') ?? []).flatMap((line, i) =>
      i === 0 || !p.demoAttribution ? [line] : i === 1 ? [p.demoAttribution] : [],
    ),
  ]);
  if (control.current) map.removeControl(control.current);
  control.current = new AttributionControl({ compact: true, customAttribution: lines });
  map.addControl(control.current, 'bottom-right');
  // On a narrow map the licences sit behind the (i) button instead of covering the plots.
  if (map.getContainer().clientWidth < 640)
    map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
}

/** Licence lines the basemap style does not already credit (the control would repeat them). */
function uniqueAttributions(style: StyleSpecification, lines: string[]): string[] {
  const credited = Object.values(style.sources ?? {})
    .map((src) => (src as { attribution?: string }).attribution ?? '')
    .join(' | ');
  const seen = new Set<string>();
  return lines.filter((line) => {
    const text = line.replace(/<[^>]*>/g, '').trim();
    const key = text.split(',')[0]!.replace(/^©\s*/, '').trim();
    if (!key || seen.has(key) || credited.includes(key)) return false;
    seen.add(key);
    return true;
  });
}

function layerRanges(tj: {
  vector_layers?: Array<{ id: string; minzoom?: number; maxzoom?: number }>;
}): TileLayerRanges {
  const get = (id: string) => {
    const l = tj.vector_layers?.find((v) => v.id === id);
    return l ? { minzoom: l.minzoom, maxzoom: l.maxzoom } : {};
  };
  return { plots: get('plots'), plot_points: get('plot_points'), plot_clusters: get('plot_clusters') };
}

/** The font stack of the basemap's first text layer, so cluster counts use a font it serves. */
function fontOf(style: StyleSpecification): string[] | undefined {
  for (const l of style.layers) {
    const f = l.type === 'symbol' ? (l.layout?.['text-font'] as unknown) : undefined;
    if (Array.isArray(f) && f.every((x) => typeof x === 'string')) return f as string[];
  }
  return undefined;
}

function bindEvents(map: MlMap, latest: Ref<MapViewProps>, el: HTMLElement) {
  let hovered: { sourceLayer: string; id: number } | null = null;
  const clearHover = () => {
    if (hovered) map.setFeatureState({ source: PLOT_SOURCE, ...hovered }, { hover: false });
    hovered = null;
  };
  const plotAt = (point: { x: number; y: number }): MapGeoJSONFeature | undefined => {
    const layers = INTERACTIVE_LAYERS.filter((l) => map.getLayer(l));
    if (!layers.length) return undefined;
    return map.queryRenderedFeatures([point.x, point.y], { layers }).find((f) => f.id != null);
  };
  map.on('mousemove', (e) => {
    const lngLat: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    latest.current.onPointer?.(lngLat);
    const tool = latest.current.tool;
    if (tool) {
      tool.move?.(lngLat);
      return;
    }
    const f = plotAt(e.point);
    if (f && f.id != null && f.sourceLayer) {
      if (!hovered || hovered.id !== f.id || hovered.sourceLayer !== f.sourceLayer) {
        clearHover();
        hovered = { sourceLayer: f.sourceLayer, id: Number(f.id) };
        map.setFeatureState({ source: PLOT_SOURCE, ...hovered }, { hover: true });
      }
      map.getCanvas().style.cursor = 'pointer';
    } else {
      clearHover();
      const cluster =
        map.getLayer(PLOT_LAYER_IDS.clusters) &&
        map.queryRenderedFeatures([e.point.x, e.point.y], { layers: [PLOT_LAYER_IDS.clusters] }).length > 0;
      map.getCanvas().style.cursor = cluster ? 'zoom-in' : '';
    }
  });
  map.on('mouseout', () => {
    clearHover();
    latest.current.onPointer?.(null);
  });
  map.on('click', (e) => {
    const tool = latest.current.tool;
    if (tool) {
      tool.click([e.lngLat.lng, e.lngLat.lat]);
      return;
    }
    const f = plotAt(e.point);
    if (f?.id != null) {
      latest.current.onSelect(Number(f.id));
      return;
    }
    if (map.getLayer(PLOT_LAYER_IDS.clusters)) {
      const c = map.queryRenderedFeatures([e.point.x, e.point.y], { layers: [PLOT_LAYER_IDS.clusters] })[0];
      if (c) map.easeTo({ center: e.lngLat, zoom: Math.min(map.getZoom() + 2, 16) });
    }
  });
  map.on('dblclick', (e) => latest.current.tool?.dblclick?.([e.lngLat.lng, e.lngLat.lat]));
  const report = () => {
    const c = map.getCenter();
    const b = map.getBounds();
    latest.current.onViewChange({ lon: c.lng, lat: c.lat, zoom: map.getZoom() }, [
      b.getWest(),
      b.getSouth(),
      b.getEast(),
      b.getNorth(),
    ]);
  };
  // Keyboard drawing: Enter adds the map centre (marked with a crosshair) to the active tool.
  map.getCanvas().addEventListener('keydown', (e) => {
    const tool = latest.current.tool;
    if (!tool || e.key !== 'Enter') return;
    e.preventDefault();
    const c = map.getCenter();
    tool.click([c.lng, c.lat]);
  });
  map.on('moveend', () => {
    report();
    if (!latest.current.tool) latest.current.onPointer?.(null);
  });
  map.once('load', report);
  // Tests and the performance script wait on these attributes instead of sleeping.
  map.on('movestart', () => el.setAttribute('data-idle', 'false'));
  const onIdle = () => {
    el.setAttribute('data-idle', 'true');
    if (
      !el.hasAttribute('data-first-plots-idle') &&
      map.getSource(PLOT_SOURCE) &&
      map.isSourceLoaded(PLOT_SOURCE)
    ) {
      el.setAttribute('data-first-plots-idle', String(Math.round(performance.now())));
      latest.current.onFirstIdle?.();
    }
  };
  map.on('idle', onIdle);
  // A source whose tiles were swapped (new filter) does not always end in an 'idle' event:
  // a render with everything loaded and nothing moving counts as idle too.
  // Empty tiles (204) finish loading without a repaint, so tile loads are checked too.
  const checkIdle = () => {
    if (el.getAttribute('data-idle') === 'false' && map.loaded() && !map.isMoving() && map.areTilesLoaded())
      onIdle();
  };

  map.on('render', checkIdle);
  map.on('sourcedata', () => setTimeout(checkIdle, 0));
}

function mapApi(map: MlMap): MapApi {
  return {
    flyTo: (center, zoom, padding) =>
      map.flyTo({
        center,
        zoom: zoom ?? Math.max(map.getZoom(), 15),
        speed: 1.6,
        ...(padding ? { padding: { top: 0, left: 0, ...padding } } : {}),
      }),
    fitBounds: (bbox, maxZoom = 16, padding) => {
      const now = map.getPadding();
      const p = padding ?? { right: now.right ?? 0, bottom: now.bottom ?? 0 };
      // absolutePadding: the padding becomes the map's own (no sum with the current one).
      map.fitBounds(bbox as LngLatBoundsLike, {
        padding: { top: 40, left: 40, right: p.right + 40, bottom: p.bottom + 40 },
        absolutePadding: true,
        maxZoom,
        speed: 1.6,
      });
    },
    jumpTo: (v) => map.jumpTo({ center: [v.lon, v.lat], zoom: v.zoom }),
    getBounds: () => {
      const b = map.getBounds();
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    },
    getCenter: () => {
      const c = map.getCenter();
      return [c.lng, c.lat];
    },
    project: (lngLat) => {
      const pt = map.project(lngLat);
      return [pt.x, pt.y];
    },
  };
}
