/**
 * Puts a BackgroundChoice on a MapLibre map. Its own module, loaded while the map's style loads:
 * the public map's initial JS holds only the choice (background.ts), and the staff maps share it.
 */
import type { Map as MlMap, MapSourceDataEvent, RasterSourceSpecification } from 'maplibre-gl';
import {
  BUILTIN_OVERLAYS,
  effectiveChoice,
  type BackgroundChoice,
  type ClientBasemap,
} from './background.ts';
import type { StyleParts } from './style-background.ts';

// The opacity paint properties of each layer type (asking a layer for another type's throws).
const OPACITY_PAINT: Record<
  string,
  Array<'fill-opacity' | 'line-opacity' | 'circle-opacity' | 'circle-stroke-opacity'>
> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
};
// Consecutive failed tiles of a service, with none loading between them, that make it "down".
const FAILURES_TO_FALL_BACK = 4;
// A service that has drawn no tile this long after being chosen is too slow to wait for.
const FIRST_TILE_MS = 12_000;

const sourceId = (id: string) => `tl-bg-${id}`;

/**
 * Applies a BackgroundChoice to one map: raster services (and a style's own layers) under everything (the
 * built-in layers hidden but the chosen overlays), overlay services just under the plots, the
 * plots' opacity scaled. Tile errors of the services are handled here (never the console's).
 */
export class BackgroundController {
  private originals = new Map<string, unknown>();
  private active = new Set<string>();
  private failures = new Map<string, number>();
  private loadedOnce = new Set<string>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private failed = new Set<string>();
  private styleParts = new Map<string, StyleParts>();
  private styleTurn = new Map<string, number>();
  private last: { basemaps: ClientBasemap[]; choice: BackgroundChoice } | undefined;

  constructor(
    private map: MlMap,
    /** Layers of the app's own data: their opacity follows the choice; overlays go below them. */
    private plotLayers: () => string[],
    private onFallback: (failed: ClientBasemap | null) => void,
  ) {
    map.on('error', (e: { sourceId?: string; error?: unknown }) => {
      const id = this.serviceOf(e.sourceId);
      if (id) this.failure(id);
      else console.error(e.error ?? e);
    });
    map.on('sourcedata', (e: MapSourceDataEvent) => {
      const id = this.serviceOf(e.sourceId);
      if (!id || !e.tile) return;
      this.failures.set(id, 0);
      this.loadedOnce.add(id);
      clearTimeout(this.timers.get(id));
    });
  }

  /** Forget that a service failed (the user asks to try again). */
  retry(): void {
    this.failed.clear();
    if (this.last) this.apply(this.last.basemaps, this.last.choice);
  }

  apply(basemaps: ClientBasemap[], wanted: BackgroundChoice): void {
    this.last = { basemaps, choice: wanted };
    const map = this.map;
    if (!map.getStyle()) return;
    const choice = effectiveChoice(wanted, basemaps);
    const bg = basemaps.find((b) => b.id === choice.bg && b.kind !== 'builtin' && !this.failed.has(b.id));
    const overlays = basemaps.filter(
      (b) => b.overlay && b.kind === 'raster' && choice.overlays.includes(b.id),
    );
    const want = new Set([...(bg ? [bg.id] : []), ...overlays.map((o) => o.id)]);

    for (const id of [...this.active]) if (!want.has(id)) this.remove(id);
    const overlayIds = new Set(Object.values(BUILTIN_OVERLAYS).flat());
    const firstPlot = this.plotLayers().find((id) => map.getLayer(id));
    const firstOverlay = this.firstOverlay();
    if (bg && !this.active.has(bg.id)) {
      if (bg.kind === 'style') this.addStyle(bg, () => this.firstOverlay());
      else this.add(bg, firstOverlay);
    }
    for (const o of overlays) if (!this.active.has(o.id)) this.add(o, firstPlot);

    const shown = new Set(choice.overlays.flatMap((o) => BUILTIN_OVERLAYS[o] ?? []));
    for (const id of overlayIds) {
      if (!map.getLayer(id)) continue;
      // Over a service's map the zones show as lines; the built-in map fills them.
      const show = shown.has(id) && (bg ? id !== 'built-up' : id !== 'urban-zone-lines');
      map.setLayoutProperty(id, 'visibility', show ? 'visible' : 'none');
    }
    this.setPlotOpacity(choice.opacity / 100);
  }

  /**
   * Above the built-in map's land, water and streets, below its borders, labels and the plots:
   * where the service has no tile (outside its area or zooms) the built-in map shows through.
   */
  private firstOverlay(): string | undefined {
    const overlayIds = new Set(Object.values(BUILTIN_OVERLAYS).flat());
    const firstPlot = this.plotLayers().find((id) => this.map.getLayer(id));
    const layers = this.map.getStyle().layers;
    return layers.find((l) => overlayIds.has(l.id) && l.id !== 'built-up')?.id ?? firstPlot;
  }

  private serviceOf(source: string | undefined): string | undefined {
    if (!source?.startsWith('tl-bg-')) return undefined;
    // A style background's sources are "tl-bg-<id>:<its source name>".
    const id = source.slice('tl-bg-'.length).split(':')[0]!;
    return this.active.has(id) ? id : undefined;
  }

  private add(b: ClientBasemap, beforeId: string | undefined) {
    const id = sourceId(b.id);
    const src: RasterSourceSpecification = {
      type: 'raster',
      tiles: b.tiles!,
      tileSize: b.tileSize ?? 256,
      scheme: b.scheme ?? 'xyz',
      minzoom: b.minzoom ?? 0,
      maxzoom: b.maxzoom ?? 19,
      attribution: b.attribution,
    };
    this.map.addSource(id, src);
    this.map.addLayer({ id, type: 'raster', source: id, paint: { 'raster-fade-duration': 0 } }, beforeId);
    this.watch(b);
  }

  private addStyle(b: ClientBasemap, beforeId: () => string | undefined) {
    this.watch(b);
    // Switched away and back while it loaded: only the latest load may add the layers.
    const turn = (this.styleTurn.get(b.id) ?? 0) + 1;
    this.styleTurn.set(b.id, turn);
    const wanted = () => this.active.has(b.id) && !this.failed.has(b.id) && this.styleTurn.get(b.id) === turn;
    void import('./style-background.ts')
      .then((m) => m.addStyleBackground(this.map, b, sourceId(b.id), beforeId, wanted))
      .then(
        (parts) => {
          if (parts === 'failed') {
            if (wanted()) this.fallBack(b.id);
          } else if (parts !== 'gone') this.styleParts.set(b.id, parts);
        },
        () => this.fallBack(b.id),
      );
  }

  /** Counts the service's failures from now on; silent for too long, it falls back. */
  private watch(b: ClientBasemap) {
    this.active.add(b.id);
    this.failures.set(b.id, 0);
    this.loadedOnce.delete(b.id);
    clearTimeout(this.timers.get(b.id));
    this.timers.set(
      b.id,
      setTimeout(() => {
        if (this.active.has(b.id) && !this.loadedOnce.has(b.id) && this.inRange(b)) this.fallBack(b.id);
      }, FIRST_TILE_MS),
    );
  }

  private inRange(b: ClientBasemap): boolean {
    const z = this.map.getZoom();
    return z >= (b.minzoom ?? 0) - 1;
  }

  private remove(id: string) {
    clearTimeout(this.timers.get(id));
    const parts = this.styleParts.get(id);
    this.styleParts.delete(id);
    for (const l of parts?.layers ?? []) if (this.map.getLayer(l)) this.map.removeLayer(l);
    for (const src of parts?.sources ?? []) if (this.map.getSource(src)) this.map.removeSource(src);
    if (this.map.getLayer(sourceId(id))) this.map.removeLayer(sourceId(id));
    if (this.map.getSource(sourceId(id))) this.map.removeSource(sourceId(id));
    this.active.delete(id);
  }

  private failure(id: string) {
    const n = (this.failures.get(id) ?? 0) + 1;
    this.failures.set(id, n);
    if (n >= FAILURES_TO_FALL_BACK) this.fallBack(id);
  }

  private fallBack(id: string) {
    if (this.failed.has(id) || !this.last) return;
    this.failed.add(id);
    const b = this.last.basemaps.find((x) => x.id === id) ?? null;
    this.apply(this.last.basemaps, this.last.choice);
    this.onFallback(b);
  }

  private setPlotOpacity(k: number) {
    for (const layer of this.plotLayers()) {
      const type = this.map.getLayer(layer)?.type;
      for (const prop of OPACITY_PAINT[type ?? ''] ?? []) {
        const key = `${layer}/${prop}`;
        if (!this.originals.has(key)) {
          const v = this.map.getPaintProperty(layer, prop);
          // Zoom-driven values cannot be nested in a product: such a paint keeps its opacity.
          if (v === undefined || JSON.stringify(v).includes('"zoom"')) continue;
          this.originals.set(key, v);
        }
        const v = this.originals.get(key);
        this.map.setPaintProperty(
          layer,
          prop,
          (k === 1 ? v : typeof v === 'number' ? v * k : ['*', k, v]) as never,
        );
      }
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
  }
}
