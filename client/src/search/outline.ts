/**
 * The outline of the one area the filter narrows to (a sub-district, or a plan number as the
 * free text, as picking a plan in the search sets it): fetched, drawn on the map, and the map
 * fitted to it when the choice changes, so that choosing an area shows where it is.
 */
import { useEffect, useRef, useState } from 'react';
import type { PlotFilter } from '../../../shared/filter.ts';
import { api, isAbort } from '../api/client.ts';

export type Outline = GeoJSON.Feature & { bbox: [number, number, number, number] };

/** sub_district=N or plan=N for a filter narrowed to one area; undefined otherwise. */
export function outlineArea(f: PlotFilter): string | undefined {
  if (f.subDistrict?.length === 1) return `sub_district=${f.subDistrict[0]}`;
  if (f.q && /^\d{3,6}$/.test(f.q.trim())) return `plan=${f.q.trim()}`;
  return undefined;
}

/**
 * `fit` is called with the outline's box when the area changes after the first render (the
 * first one keeps the view a shared link opened with).
 */
export function useAreaOutline(filter: PlotFilter, fit: (bbox: Outline['bbox']) => void): Outline | null {
  const area = outlineArea(filter);
  const [outline, setOutline] = useState<Outline | null>(null);
  const first = useRef(true);
  const fitRef = useRef(fit);
  fitRef.current = fit;
  useEffect(() => {
    const move = !first.current;
    first.current = false;
    if (!area) {
      setOutline(null);
      return;
    }
    const ac = new AbortController();
    api
      .outline(area, ac.signal)
      .then((o) => {
        setOutline(o);
        if (move) fitRef.current(o.bbox);
      })
      // A number that is no plan has no outline: the filter still applies, nothing is drawn.
      .catch((e) => !isAbort(e) && setOutline(null));
    return () => ac.abort();
  }, [area]);
  return outline;
}

/** The outline as Polygon features: the map's drawing layers select polygons by that type. */
export function polygons(o: GeoJSON.Feature): GeoJSON.Feature[] {
  const g = o.geometry;
  if (g.type !== 'MultiPolygon') return [o];
  return g.coordinates.map((coordinates) => ({
    type: 'Feature',
    properties: o.properties,
    geometry: { type: 'Polygon', coordinates },
  }));
}
