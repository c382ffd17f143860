/**
 * Map tools: draw an area (polygon or circle) that becomes the filter's `within`, measure a
 * distance or an area, and show the pointer's ETRS-GK25 (EPSG:3879) coordinates. The geometry
 * code (turf) and proj4 are loaded only when a tool is first used.
 */
import { useEffect, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import type { PlotFilter } from '../../../shared/filter.ts';
import { useI18n } from '../i18n/context.ts';
import type { MapApi, ToolHandlers } from './MapView.tsx';

type Pos = [number, number];
type Kind = 'polygon' | 'circle' | 'distance' | 'area';
type Geometry = typeof import('./geometry.ts');

export interface ToolState {
  overlay: GeoJSON.FeatureCollection;
  handlers: ToolHandlers;
}

export interface MapToolsProps {
  filter: PlotFilter;
  onFilter(f: PlotFilter): void;
  mapApi: MutableRefObject<MapApi | null>;
  onToolChange(tool: ToolState | null): void;
  /** Set to receive pointer positions while coordinates are shown. */
  pointerListener: MutableRefObject<((p: Pos | null) => void) | null>;
}

const fc = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});
const pt = (p: Pos): GeoJSON.Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Point', coordinates: p },
});

export function MapTools({ filter, onFilter, mapApi, onToolChange, pointerListener }: MapToolsProps) {
  const t = useI18n();
  const [kind, setKind] = useState<Kind | null>(null);
  const [points, setPoints] = useState<Pos[]>([]);
  const [hover, setHover] = useState<Pos | null>(null);
  const [geo, setGeo] = useState<Geometry | null>(null);
  const [coordsOn, setCoordsOn] = useState(false);
  const [coords, setCoords] = useState<{ e: number; n: number } | null>(null);
  const state = useRef({ kind, points, filter });
  state.current = { kind, points, filter };

  const stop = () => {
    setKind(null);
    setPoints([]);
    setHover(null);
  };

  const start = async (k: Kind) => {
    if (kind === k) return stop();
    setGeo(geo ?? (await import('./geometry.ts')));
    setPoints([]);
    setKind(k);
  };

  const finish = (pts: Pos[]) => {
    const s = state.current;
    if (!geo) return;
    if (s.kind === 'polygon') {
      const area = geo.polygonFrom(pts);
      if (area) onFilter({ ...s.filter, within: area });
      stop();
    } else if (s.kind === 'circle' && pts.length >= 2) {
      const area = geo.circleFrom(pts[0]!, pts[1]!);
      if (area) onFilter({ ...s.filter, within: area });
      stop();
    }
  };

  // Tool handlers for the map, rebuilt when the tool or its points change.
  useEffect(() => {
    if (!kind || !geo) {
      onToolChange(null);
      return;
    }
    const add = (p: Pos) => {
      const cur = state.current.points;
      if (geo.samePoint(cur[cur.length - 1], p)) return;
      const next = [...cur, p];
      setPoints(next);
      if (kind === 'circle' && next.length === 2) finish(next);
    };
    const preview = hover && kind !== 'distance' && kind !== 'area' ? [...points, hover] : points;
    const features: GeoJSON.Feature[] = points.map(pt);
    if (kind === 'circle' && points.length === 1 && hover) {
      const c = geo.circleFrom(points[0]!, hover);
      if (c) features.push({ type: 'Feature', properties: {}, geometry: c as GeoJSON.Polygon });
    } else if ((kind === 'polygon' || kind === 'area') && preview.length >= 3) {
      features.push({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [[...preview, preview[0]!]] },
      });
    } else if (preview.length >= 2) {
      features.push({
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: preview },
      });
    }
    onToolChange({
      overlay: fc(features),
      handlers: {
        click: add,
        dblclick: () => kind === 'polygon' && finish(state.current.points),
        move: (p) => (kind === 'polygon' || kind === 'circle') && setHover(p),
      },
    });
    // finish/onToolChange are stable in effect: they read state through refs.
  }, [kind, geo, points, hover]);

  useEffect(() => {
    if (!coordsOn) {
      pointerListener.current = null;
      return;
    }
    let proj: typeof import('./coords.ts') | null = null;
    let last: Pos | null = null;
    const show = (p: Pos | null) => {
      last = p ?? mapApi.current?.getCenter() ?? null;
      if (proj && last) setCoords(proj.toEpsg3879(last));
    };
    void import('./coords.ts').then((m) => {
      proj = m;
      show(last);
    });
    pointerListener.current = show;
    return () => {
      pointerListener.current = null;
    };
  }, [coordsOn, mapApi, pointerListener]);

  const tools: Array<{ k: Kind; label: string; icon: ReactNode }> = [
    { k: 'polygon', label: t.t('drawPolygon'), icon: ICONS.polygon },
    { k: 'circle', label: t.t('drawCircle'), icon: ICONS.circle },
    { k: 'distance', label: t.t('measureDistance'), icon: ICONS.distance },
    { k: 'area', label: t.t('measureArea'), icon: ICONS.area },
  ];
  const help =
    kind === 'polygon'
      ? t.t('drawHelpPolygon')
      : kind === 'circle'
        ? t.t('drawHelpCircle')
        : kind
          ? t.t('measureHelp')
          : '';
  const measured =
    geo && kind === 'distance'
      ? `${t.t('distance')}: ${formatLength(geo.lengthM(points), t.num)}`
      : geo && kind === 'area'
        ? `${t.t('measuredArea')}: ${formatArea(geo.areaM2(points), t.num)}`
        : '';

  return (
    <>
      <div
        className="tools"
        role="toolbar"
        aria-label={t.t('tools')}
        // Load the geometry code as the pointer or focus nears the tools, so the first click counts.
        onPointerEnter={() => void import('./geometry.ts')}
        onFocus={() => void import('./geometry.ts')}
      >
        {tools.map((x) => (
          <button
            key={x.k}
            type="button"
            className="tool-btn"
            aria-pressed={kind === x.k}
            title={x.label}
            onClick={() => void start(x.k)}
          >
            {x.icon}
            <span className="tool-label">{x.label}</span>
          </button>
        ))}
        <button
          type="button"
          className="tool-btn"
          aria-pressed={coordsOn}
          title={t.t('showCoordinates')}
          onClick={() => setCoordsOn(!coordsOn)}
        >
          {ICONS.coords}
          <span className="tool-label">{t.t('showCoordinates')}</span>
        </button>
        {filter.within && !kind && (
          <button
            type="button"
            className="tool-btn danger"
            onClick={() => onFilter({ ...filter, within: undefined })}
          >
            {ICONS.clear}
            <span className="tool-label">{t.t('clearDrawnArea')}</span>
          </button>
        )}
      </div>
      {kind && (
        <div className="tool-panel" role="region" aria-label={tools.find((x) => x.k === kind)?.label}>
          <p className="hint">{help}</p>
          {measured && (
            <p className="measure" aria-live="polite">
              <strong>{measured}</strong> <span className="muted small">{t.t('measureUnitsNote')}</span>
            </p>
          )}
          <div className="row-actions">
            {kind === 'polygon' && (
              <button
                type="button"
                className="btn primary"
                disabled={points.length < 3}
                onClick={() => finish(points)}
              >
                {t.t('finish')}
              </button>
            )}
            <button type="button" className="btn" onClick={stop}>
              {kind === 'distance' || kind === 'area' ? t.t('close') : t.t('cancel')}
            </button>
          </div>
        </div>
      )}
      {kind && <div className="crosshair" aria-hidden="true" title={t.t('centreMarker')} />}
      {coordsOn && (
        <p className="coords" aria-live="off">
          <span className="muted">{t.t('coordinatesLabel')}</span>{' '}
          {coords ? `E ${t.num(coords.e, 1)}  N ${t.num(coords.n, 1)}` : '…'}
        </p>
      )}
    </>
  );
}

function formatLength(m: number, num: (v: number, d?: number) => string): string {
  return m >= 1000 ? `${num(m / 1000, 2)} km` : `${num(m, 0)} m`;
}
function formatArea(m2: number, num: (v: number, d?: number) => string): string {
  return m2 >= 10_000 ? `${num(m2, 0)} m² (${num(m2 / 10_000, 2)} ha)` : `${num(m2, 0)} m²`;
}

const svg = (d: string) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);
const ICONS = {
  polygon: svg('M5 8l6-4 8 5-2 10H7L5 8zM5 8h.01M11 4h.01M19 9h.01M17 19h.01M7 19h.01'),
  circle: svg('M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 12h9'),
  distance: svg('M3 17l4-4 4 3 4-6 6 4M3 17h.01M21 14h.01'),
  area: svg('M4 20V8l8-4 8 4v12H4zM8 16h8'),
  coords: svg('M12 2v5M12 17v5M2 12h5M17 12h5M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8z'),
  clear: svg('M6 6l12 12M18 6L6 18'),
};
