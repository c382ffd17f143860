import type { Map as MapLibre } from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { ClientBasemap } from '../../shared/basemap.ts';
import { BackgroundController } from '../src/map/background-controller.ts';
import { useBackground } from '../src/map/useBackground.tsx';
import { useStaff } from './context.ts';

// One request for the catalogue however many staff maps a page shows.
let catalogue: Promise<ClientBasemap[]> | null = null;
function loadBasemaps(): Promise<ClientBasemap[]> {
  const p = (catalogue ??= fetch('/api/config')
    .then(async (r): Promise<ClientBasemap[]> => {
      if (!r.ok) throw new Error(`config ${r.status}`);
      return ((await r.json()) as { basemaps?: ClientBasemap[] }).basemaps ?? [];
    })
    .catch((): ClientBasemap[] => {
      catalogue = null; // a failed read is tried again by the next map; this one keeps the built-in map
      return [];
    }));
  return p;
}

/**
 * The public map's background switcher on a staff map: the same catalogue (/api/config), the
 * same controller (services beneath `plotLayers`, fallback to the built-in map with the note)
 * and the remembered choice. `map` is given once its style has loaded.
 */
export function useStaffBackground(map: MapLibre | null, plotLayers: string[]): ReactElement {
  const { lang } = useStaff();
  const [basemaps, setBasemaps] = useState<ClientBasemap[]>();
  useEffect(() => {
    let live = true;
    void loadBasemaps().then((b) => live && setBasemaps(b));
    return () => {
      live = false;
    };
  }, []);
  const { mapProps, switcher } = useBackground(basemaps, lang);
  const layers = useRef(plotLayers);
  layers.current = plotLayers;
  const onFallback = useRef(mapProps.onBackgroundFallback);
  onFallback.current = mapProps.onBackgroundFallback;
  const controller = useRef<BackgroundController | null>(null);

  useEffect(() => {
    if (!map) return;
    const c = new BackgroundController(
      map,
      () => layers.current,
      (failed) => onFallback.current(failed),
    );
    controller.current = c;
    return () => {
      c.dispose();
      controller.current = null;
    };
  }, [map]);
  useEffect(() => {
    controller.current?.apply(mapProps.backgrounds, mapProps.background);
  }, [map, mapProps.backgrounds, mapProps.background]);
  const firstRetry = useRef(mapProps.backgroundRetry);
  useEffect(() => {
    if (mapProps.backgroundRetry !== firstRetry.current) controller.current?.retry();
  }, [mapProps.backgroundRetry]);
  return switcher;
}
