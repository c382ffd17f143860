/**
 * MapLibre's own control texts (zoom buttons, attribution toggle, scale units) in the service's
 * languages: given to the map at creation (`locale`) and re-applied to the controls already on
 * the map when the language changes, as MapLibre reads its table only when a control is added.
 */
import type { Map as MlMap } from 'maplibre-gl';

type Lang = 'fi' | 'sv' | 'en';

export const MAP_LOCALE: Record<Lang, Record<string, string>> = {
  fi: {
    'NavigationControl.ZoomIn': 'Lähennä',
    'NavigationControl.ZoomOut': 'Loitonna',
    'NavigationControl.ResetBearing': 'Palauta pohjoinen ylös',
    'AttributionControl.ToggleAttribution': 'Näytä tai piilota lähteet',
    'AttributionControl.MapFeedback': 'Palaute kartasta',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'Popup.Close': 'Sulje',
  },
  sv: {
    'NavigationControl.ZoomIn': 'Zooma in',
    'NavigationControl.ZoomOut': 'Zooma ut',
    'NavigationControl.ResetBearing': 'Återställ norr uppåt',
    'AttributionControl.ToggleAttribution': 'Visa eller dölj källor',
    'AttributionControl.MapFeedback': 'Respons om kartan',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'Popup.Close': 'Stäng',
  },
  en: {
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Reset bearing to north',
    'AttributionControl.ToggleAttribution': 'Show or hide sources',
    'AttributionControl.MapFeedback': 'Map feedback',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'Popup.Close': 'Close',
  },
};

/** Control buttons and the locale key of their title. */
const BUTTONS: [string, string][] = [
  ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut'],
  ['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing'],
  ['.maplibregl-ctrl-attrib-button', 'AttributionControl.ToggleAttribution'],
];

/** Switches the map's control texts to `lang`: the table for new controls, the titles of present ones. */
export function setMapLocale(map: MlMap, lang: Lang): void {
  const table = MAP_LOCALE[lang];
  // MapLibre keeps its table here and offers no setter; controls added later read it.
  const m = map as unknown as { _locale: Record<string, string> };
  m._locale = { ...m._locale, ...table };
  const root = map.getContainer();
  for (const [selector, key] of BUTTONS)
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      el.title = table[key]!;
      el.setAttribute('aria-label', table[key]!);
    }
}
