/**
 * The app's state as it appears in the address bar, so that a link reproduces the view:
 *   lang=fi|sv|en   view=lon,lat,zoom   plot=<id>   list=all|view   sort=<api sort>
 *   bg=<background id>   opacity=20..100   overlays=<ids>|none   + every
 *   filter parameter of shared/filter.ts (the drawn area is the filter's `within`).
 * Pure functions: parsing never throws; bad parameters are dropped and named in `problems`.
 */
import { filterToParams, parsePlotFilter, type PlotFilter } from '../../../shared/filter.ts';
import { isLang, type Lang } from '../i18n/messages.ts';
import { parseBackgroundParams, writeBackgroundParams, type BackgroundChoice } from '../map/background.ts';

export const SORTS = [
  'property_id',
  '-area_m2',
  'area_m2',
  '-building_right_kem2',
  'building_right_kem2',
  'price_eur_kem2',
  '-price_eur_kem2',
] as const;
export type Sort = (typeof SORTS)[number];
export type ListScope = 'all' | 'view';

export interface MapView {
  lon: number; // degrees
  lat: number; // degrees
  zoom: number;
}

export interface UrlState {
  lang?: Lang;
  filter: PlotFilter;
  view?: MapView;
  plot?: number;
  list: ListScope;
  sort: Sort;
  background?: Partial<BackgroundChoice>;
}

export const DEFAULT_SORT: Sort = '-area_m2';

// Anything outside a generous box around Finland is a broken link, not a place to show.
const VIEW_BOUNDS = { lon: [19, 32], lat: [59, 71], zoom: [0, 22] } as const;

export function parseUrlState(search: string): { state: UrlState; problems: string[] } {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const problems: string[] = [];
  const { filter, problems: fp } = parsePlotFilter(params);
  for (const p of fp) problems.push(p.param);

  const state: UrlState = { filter, list: 'all', sort: DEFAULT_SORT };

  const lang = params.get('lang');
  if (lang != null) {
    if (isLang(lang)) state.lang = lang;
    else problems.push('lang');
  }
  const view = params.get('view');
  if (view != null) {
    const v = parseView(view);
    if (v) state.view = v;
    else problems.push('view');
  }
  const plot = params.get('plot');
  if (plot != null) {
    if (/^\d{1,12}$/.test(plot) && Number(plot) > 0) state.plot = Number(plot);
    else problems.push('plot');
  }
  const list = params.get('list');
  if (list != null) {
    if (list === 'all' || list === 'view') state.list = list;
    else problems.push('list');
  }
  const sort = params.get('sort');
  if (sort != null) {
    if ((SORTS as readonly string[]).includes(sort)) state.sort = sort as Sort;
    else problems.push('sort');
  }
  const bg = parseBackgroundParams(params);
  if (bg.choice) state.background = bg.choice;
  problems.push(...bg.problems);
  return { state, problems: [...new Set(problems)] };
}

/** `lon,lat,zoom` inside Finland; undefined when malformed or out of range. */
export function parseView(text: string): MapView | undefined {
  const parts = text.split(',');
  if (parts.length !== 3 || parts.some((p) => !/^-?\d{1,3}(\.\d{1,8})?$/.test(p.trim()))) return undefined;
  const [lon, lat, zoom] = parts.map(Number) as [number, number, number];
  const inside = (v: number, [a, b]: readonly [number, number]) => v >= a && v <= b;
  if (!inside(lon, VIEW_BOUNDS.lon) || !inside(lat, VIEW_BOUNDS.lat) || !inside(zoom, VIEW_BOUNDS.zoom))
    return undefined;
  return { lon, lat, zoom };
}

export const formatView = (v: MapView): string =>
  `${v.lon.toFixed(5)},${v.lat.toFixed(5)},${(Math.round(v.zoom * 100) / 100).toString()}`;

/** The query string (with leading ?) of a state; defaults are left out to keep links short. */
export function toSearch(s: UrlState): string {
  const p = filterToParams(s.filter);
  if (s.lang) p.set('lang', s.lang);
  if (s.view) p.set('view', formatView(s.view));
  if (s.plot != null) p.set('plot', String(s.plot));
  if (s.list !== 'all') p.set('list', s.list);
  if (s.sort !== DEFAULT_SORT) p.set('sort', s.sort);
  writeBackgroundParams(p, s.background);
  const text = p.toString();
  return text ? `?${text}` : '';
}
