import { Map as MapLibre, Marker, setWorkerUrl, type GeoJSONSource, type MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { T } from './i18n.ts';
import { useStaffBackground } from './StaffBackground.tsx';

setWorkerUrl(workerUrl);

export type PolygonGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

// The outline being edited: the switcher's opacity applies to it, services go beneath it.
const EDIT_LAYERS = ['edit-fill', 'edit-line', 'edit-vertex'];

// Beyond this many vertices one marker each makes the map sluggish: the outline is then shown only.
const MAX_HANDLES = 400;

/**
 * The plot outline on a map (CRS84). "Move vertices" puts a draggable handle on every vertex;
 * "Draw" replaces the outline by clicking its corners (finish with the button or a double
 * click). Every finished change goes to `onChange`; nothing is saved here.
 */
export function GeometryEditor({
  geometry,
  onChange,
  t,
  disabled,
  onCutLine,
}: {
  geometry: PolygonGeometry | null;
  onChange: (g: PolygonGeometry) => void;
  t: T;
  disabled?: boolean;
  /** When given, a "Split" mode draws a dividing line (two or more clicks) and hands it over. */
  onCutLine?: (line: number[][]) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const [ready, setReady] = useState(false);
  const [mode, setMode] = useState<'view' | 'move' | 'draw' | 'cut'>('view');
  const [draft, setDraft] = useState<number[][]>([]);
  const current = useRef<PolygonGeometry | null>(geometry);
  const fitted = useRef(false);
  const [loaded, setLoaded] = useState<MapLibre | null>(null);
  const switcher = useStaffBackground(loaded, EDIT_LAYERS);

  useEffect(() => {
    const m = new MapLibre({
      container: el.current!,
      style: '/basemap/style.json',
      center: [24.94, 60.19],
      zoom: 10,
      doubleClickZoom: false,
    });
    map.current = m;
    m.on('load', () => {
      m.addSource('edit', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({
        id: 'edit-fill',
        type: 'fill',
        source: 'edit',
        paint: { 'fill-color': '#1565c0', 'fill-opacity': 0.3 },
        filter: ['==', ['geometry-type'], 'Polygon'],
      });
      m.addLayer({
        id: 'edit-line',
        type: 'line',
        source: 'edit',
        paint: { 'line-color': '#0b4f9c', 'line-width': 2 },
      });
      m.addLayer({
        id: 'edit-vertex',
        type: 'circle',
        source: 'edit',
        paint: {
          'circle-radius': 4,
          'circle-color': '#fff',
          'circle-stroke-color': '#0b4f9c',
          'circle-stroke-width': 2,
        },
        filter: ['==', ['geometry-type'], 'Point'],
      });
      setReady(true);
      setLoaded(m);
    });
    return () => {
      setLoaded(null);
      m.remove();
      map.current = null;
    };
  }, []);

  const render = (g: PolygonGeometry | null, drawing: number[][] = []) => {
    const m = map.current;
    const src = m?.getSource('edit') as GeoJSONSource | undefined;
    if (!src) return;
    const features: object[] = [];
    if (g) features.push({ type: 'Feature', geometry: g, properties: {} });
    if (drawing.length) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: drawing },
        properties: {},
      });
      for (const p of drawing)
        features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} });
    }
    src.setData({ type: 'FeatureCollection', features } as never);
  };

  // New geometry from outside (loaded or saved plot): show it and fit once.
  useEffect(() => {
    current.current = geometry;
    if (!ready) return;
    render(geometry);
    if (geometry && !fitted.current) {
      const pts = rings(geometry).flat();
      const xs = pts.map((p) => p[0]!);
      const ys = pts.map((p) => p[1]!);
      map.current!.fitBounds([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], {
        padding: 60,
        maxZoom: 18,
        duration: 0,
      });
      fitted.current = true;
    }
  }, [geometry, ready]);

  // Vertex handles while moving.
  useEffect(() => {
    const m = map.current;
    if (!m || !ready || mode !== 'move' || !current.current) return;
    const g = structuredClone(current.current);
    const all = rings(g);
    const markers: Marker[] = [];
    if (all.reduce((n, r) => n + r.length, 0) <= MAX_HANDLES) {
      for (const ring of all) {
        for (let i = 0; i < ring.length - 1; i++) {
          const handle = document.createElement('div');
          handle.className = 'vertex-handle';
          handle.title = t('geometry');
          const mk = new Marker({ element: handle, draggable: true })
            .setLngLat(ring[i] as [number, number])
            .addTo(m);
          mk.on('drag', () => {
            const { lng, lat } = mk.getLngLat();
            ring[i] = [lng, lat];
            if (i === 0) ring[ring.length - 1] = [lng, lat];
            render(g);
          });
          mk.on('dragend', () => onChange(structuredClone(g)));
          markers.push(mk);
        }
      }
    }
    return () => markers.forEach((mk) => mk.remove());
    // onChange and t are stable enough for one editing session; re-creating handles on each render would drop a drag.
  }, [mode, ready, geometry]);

  // Drawing: clicks add corners.
  useEffect(() => {
    const m = map.current;
    if (!m || !ready || (mode !== 'draw' && mode !== 'cut')) return;
    const click = (e: MapMouseEvent) => {
      setDraft((d) => {
        const next = [...d, [e.lngLat.lng, e.lngLat.lat]];
        // A dividing line is drawn over the outline; a new outline replaces it.
        render(mode === 'cut' ? current.current : null, next);
        return next;
      });
    };
    const dbl = () => finish();
    m.on('click', click);
    m.on('dblclick', dbl);
    m.getCanvas().style.cursor = 'crosshair';
    return () => {
      m.off('click', click);
      m.off('dblclick', dbl);
      m.getCanvas().style.cursor = '';
    };
  });

  const finish = () => {
    if (mode === 'cut') {
      setDraft((d) => {
        if (d.length >= 2) {
          onCutLine?.(d);
          setMode('view');
        }
        return d.length >= 2 ? d : [];
      });
      return;
    }
    setDraft((d) => {
      if (d.length >= 3) {
        const g: PolygonGeometry = { type: 'Polygon', coordinates: [[...d, d[0]!]] };
        current.current = g;
        render(g);
        onChange(g);
        setMode('view');
      }
      return [];
    });
  };

  return (
    <div>
      <div className="toolbar">
        <button
          type="button"
          aria-pressed={mode === 'move'}
          disabled={disabled || !geometry}
          onClick={() => setMode(mode === 'move' ? 'view' : 'move')}
        >
          ✥ {t('move_vertices')}
        </button>
        <button
          type="button"
          aria-pressed={mode === 'draw'}
          disabled={disabled}
          onClick={() => {
            setDraft([]);
            setMode(mode === 'draw' ? 'view' : 'draw');
          }}
        >
          ✎ {t('draw_outline')}
        </button>
        {onCutLine && (
          <button
            type="button"
            aria-pressed={mode === 'cut'}
            disabled={disabled || !geometry}
            onClick={() => {
              setDraft([]);
              render(current.current);
              setMode(mode === 'cut' ? 'view' : 'cut');
            }}
          >
            ✂ {t('cut_line')}
          </button>
        )}
        {mode === 'draw' && (
          <button type="button" className="primary" disabled={draft.length < 3} onClick={finish}>
            {t('finish_outline')} ({draft.length})
          </button>
        )}
        {mode === 'cut' && (
          <button type="button" className="primary" disabled={draft.length < 2} onClick={finish}>
            {t('finish_line')} ({draft.length})
          </button>
        )}
      </div>
      {/* A region, not an image: MapLibre puts its focusable canvas and buttons inside. */}
      <div className="staff-map">
        <div ref={el} className="map-preview" role="region" aria-label={t('geometry')} />
        {switcher}
      </div>
    </div>
  );
}

function rings(g: PolygonGeometry): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}
