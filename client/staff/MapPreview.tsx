import { Map as MapLibre, setWorkerUrl, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useStaffBackground } from './StaffBackground.tsx';

setWorkerUrl(workerUrl);

export interface PreviewFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  /** 'original': a repaired row's outline as the file drew it, dashed over the repaired shape. */
  properties: { n?: number; state: 'ok' | 'warning' | 'error' | 'plot' | 'original'; label?: string };
}

/**
 * A MapLibre map over the chosen background (built-in by default) showing features coloured by state (ok, warning,
 * error); fits them when they change. `onPick` gets the `n` of a clicked feature.
 */
export function MapPreview({
  features,
  onPick,
  label,
}: {
  features: PreviewFeature[];
  onPick?: (n: number) => void;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const latest = useRef(features);
  latest.current = features;
  const [loaded, setLoaded] = useState<MapLibre | null>(null);
  const switcher = useStaffBackground(loaded, PREVIEW_LAYERS);

  useEffect(() => {
    const m = new MapLibre({
      container: el.current!,
      style: '/basemap/style.json',
      center: [24.94, 60.19],
      zoom: 10,
      attributionControl: { compact: true },
    });
    map.current = m;
    m.on('load', () => {
      m.addSource('preview', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      const color = [
        'match',
        ['get', 'state'],
        'error',
        '#c62828',
        'warning',
        '#ef6c00',
        'plot',
        '#1565c0',
        '#2e7d32',
      ] as unknown as string;
      const shapes = [
        'all',
        ['==', ['geometry-type'], 'Polygon'],
        ['!=', ['get', 'state'], 'original'],
      ] as never;
      m.addLayer({
        id: 'preview-fill',
        type: 'fill',
        source: 'preview',
        filter: shapes,
        paint: { 'fill-color': color, 'fill-opacity': 0.35 },
      });
      m.addLayer({
        id: 'preview-line',
        type: 'line',
        source: 'preview',
        filter: shapes,
        paint: { 'line-color': color, 'line-width': 2 },
      });
      m.addLayer({
        id: 'preview-original',
        type: 'line',
        source: 'preview',
        filter: ['==', ['get', 'state'], 'original'],
        paint: { 'line-color': '#212121', 'line-width': 2, 'line-dasharray': [2, 2] },
      });
      m.addLayer({
        id: 'preview-point',
        type: 'circle',
        source: 'preview',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-color': color,
          'circle-radius': 6,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      });
      m.on('click', ['preview-fill', 'preview-point'], (e) => {
        const n = e.features?.[0]?.properties?.n;
        if (typeof n === 'number') pick.current?.(n);
      });
      show(m, latest.current);
      setLoaded(m);
    });
    return () => {
      setLoaded(null);
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (m?.getSource('preview')) show(m, features);
  }, [features]);

  // A region, not an image: MapLibre puts its canvas and zoom buttons inside, which an image may not hold.
  return (
    <div className="staff-map">
      <div ref={el} className="map-preview" role="region" aria-label={label} />
      {switcher}
    </div>
  );
}

// The file's features: their opacity follows the switcher's slider, services go beneath them.
const PREVIEW_LAYERS = ['preview-fill', 'preview-line', 'preview-original', 'preview-point'];

/** Puts the features on the map and fits the view to them. */
function show(m: MapLibre, features: PreviewFeature[]): void {
  (m.getSource('preview') as GeoJSONSource).setData({
    type: 'FeatureCollection',
    features: features as never,
  });
  const b = boundsOf(features);
  if (b) m.fitBounds(b, { padding: 40, maxZoom: 17, duration: 0 });
}

function boundsOf(features: PreviewFeature[]): LngLatBoundsLike | null {
  let b: [number, number, number, number] | null = null;
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of features) walk(f.geometry?.coordinates);
  return b;
}
