import { BASEMAP_MAX_ZOOM } from './layers.ts';

/**
 * The built-in MapLibre style: a calm, light basemap (pale land, blue water, district borders
 * and names) that lets coloured plots stand out. Every URL in it points at this server.
 */

export const BASEMAP_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type BasemapLanguage = (typeof BASEMAP_LANGUAGES)[number];

export const BASEMAP_ATTRIBUTION = [
  '© Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0',
  'YKR © SYKE ja TK 2021, CC BY 4.0',
  '© OpenStreetMap contributors, ODbL',
].join(' | ');

const C = {
  land: '#f0efeb', // outside the built-up zones: sea inside district lines, forests, fields
  builtUp: '#f8f7f4',
  otherCity: '#e8e7e2',
  water: '#c9dfea',
  green: '#dfe9d3',
  building: '#e2dfd8',
  buildingLine: '#d3cfc6',
  road: '#ffffff',
  roadCasing: '#d9d6cf',
  path: '#cfccc4',
  rail: '#b3b0a9',
  district: '#9d99ae',
  zoneLine: '#8a7f5c',
  business: '#3d3a48',
  subDistrict: '#c4c1d0',
  label: '#55525f',
  labelMinor: '#787586',
  halo: 'rgba(255,255,255,0.9)',
};

type Layer = Record<string, unknown>;

/** Place names in the map's language, with the other official language below when it differs. */
function placeName(lang: BasemapLanguage): unknown {
  const [first, second] = lang === 'sv' ? ['name_sv', 'name_fi'] : ['name_fi', 'name_sv'];
  const main = ['coalesce', ['get', first], ['get', second]];
  return [
    'case',
    ['all', ['has', first], ['has', second], ['!=', ['get', first], ['get', second]]],
    ['format', main, {}, '\n', {}, ['get', second], { 'font-scale': 0.8 }],
    main,
  ];
}

const fill = (id: string, sourceLayer: string, color: string, extra: Layer = {}): Layer => ({
  id,
  type: 'fill',
  source: 'basemap',
  'source-layer': sourceLayer,
  paint: { 'fill-color': color },
  ...extra,
});

const line = (id: string, sourceLayer: string, paint: Layer, extra: Layer = {}): Layer => ({
  id,
  type: 'line',
  source: 'basemap',
  'source-layer': sourceLayer,
  layout: { 'line-join': 'round', 'line-cap': 'round' },
  paint,
  ...extra,
});

const zoomed = (...stops: number[]) => ['interpolate', ['exponential', 1.5], ['zoom'], ...stops];

/**
 * The style for `origin` (scheme://host of this server) in a language; `version` is the data
 * fingerprint put into the tile URL so tiles may be cached for good.
 */
export function basemapStyle(origin: string, version: string, lang: BasemapLanguage) {
  const layers: Layer[] = [
    { id: 'background', type: 'background', paint: { 'background-color': C.land } },
    fill('other-cities', 'municipalities', C.otherCity, { filter: ['!=', ['get', 'name'], 'Helsinki'] }),
    fill('built-up', 'urban_zones', C.builtUp),
    fill('sea', 'sea', C.water),
    fill('green', 'green', C.green, { minzoom: 12 }),
    fill('water', 'water', C.water),
    fill('buildings', 'buildings', C.building, {
      minzoom: 14,
      paint: { 'fill-color': C.building, 'fill-outline-color': C.buildingLine },
    }),
    line(
      'paths',
      'roads',
      { 'line-color': C.path, 'line-width': zoomed(15, 0.6, 18, 1.5), 'line-dasharray': [2, 1.5] },
      { minzoom: 15, filter: ['==', ['get', 'class'], 'path'] },
    ),
    line(
      'roads-casing',
      'roads',
      { 'line-color': C.roadCasing, 'line-width': zoomed(12, 1, 14, 4, 18, 22) },
      { minzoom: 12, filter: ['match', ['get', 'class'], ['major', 'minor', 'service'], true, false] },
    ),
    line(
      'roads-minor',
      'roads',
      { 'line-color': C.road, 'line-width': zoomed(13, 0.5, 14, 2.5, 18, 18) },
      { minzoom: 13, filter: ['match', ['get', 'class'], ['minor', 'service'], true, false] },
    ),
    line(
      'roads-major',
      'roads',
      { 'line-color': C.road, 'line-width': zoomed(11, 0.8, 14, 3.5, 18, 22) },
      { minzoom: 11, filter: ['==', ['get', 'class'], 'major'] },
    ),
    line(
      'railways',
      'railways',
      { 'line-color': C.rail, 'line-width': zoomed(10, 0.6, 16, 2) },
      { minzoom: 10, filter: ['all', ['!=', ['get', 'class'], 'tram'], ['!', ['get', 'tunnel']]] },
    ),
    line(
      'tramways',
      'railways',
      { 'line-color': C.rail, 'line-width': zoomed(14, 0.5, 18, 1.2) },
      { minzoom: 14, filter: ['==', ['get', 'class'], 'tram'] },
    ),
    // Off in the built-in map (its zones are the built-up fill); the map's layer switcher turns
    // it on over a service's map, where a fill would hide the imagery.
    line(
      'urban-zone-lines',
      'urban_zones',
      { 'line-color': C.zoneLine, 'line-width': zoomed(9, 0.6, 16, 1.6), 'line-opacity': 0.8 },
      { minzoom: 9, layout: { 'line-join': 'round', visibility: 'none' } },
    ),
    line(
      'sub-district-borders',
      'sub_districts',
      { 'line-color': C.subDistrict, 'line-width': zoomed(11, 0.5, 16, 1.2), 'line-dasharray': [3, 2] },
      { minzoom: 11 },
    ),
    line('district-borders', 'districts', {
      'line-color': C.district,
      'line-width': zoomed(9, 0.6, 16, 2),
      'line-opacity': 0.8,
    }),
    line(
      'city-border',
      'municipalities',
      { 'line-color': C.district, 'line-width': zoomed(8, 1, 16, 3), 'line-dasharray': [4, 2] },
      { layout: { 'line-join': 'round' } },
    ),
    {
      id: 'sub-district-labels',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'sub_district_labels',
      minzoom: 13,
      layout: {
        'text-field': placeName(lang),
        'text-font': ['Noto Sans Regular'],
        'text-size': zoomed(13, 11, 16, 13),
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: { 'text-color': C.labelMinor, 'text-halo-color': C.halo, 'text-halo-width': 1.4 },
    },
    {
      id: 'district-labels',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'district_labels',
      minzoom: 10,
      maxzoom: 15,
      layout: {
        'text-field': placeName(lang),
        'text-font': ['Noto Sans SemiBold'],
        'text-size': zoomed(10, 11, 14, 15),
        'text-letter-spacing': 0.04,
        'text-max-width': 8,
        'text-padding': 6,
      },
      paint: { 'text-color': C.label, 'text-halo-color': C.halo, 'text-halo-width': 1.6 },
    },
    // Last, so that business areas win the label placement over district names.
    {
      id: 'business-area-labels',
      type: 'symbol',
      source: 'basemap',
      'source-layer': 'business_area_labels',
      minzoom: 9,
      maxzoom: 13,
      layout: {
        'text-field': placeName(lang),
        'text-font': ['Noto Sans SemiBold'],
        'text-size': zoomed(9, 11, 12, 13),
        'text-max-width': 9,
        'text-padding': 2,
      },
      paint: { 'text-color': C.business, 'text-halo-color': C.halo, 'text-halo-width': 1.8 },
    },
  ];
  return {
    version: 8,
    name: 'Tonttiluukku basemap',
    metadata: { 'tonttiluukku:language': lang },
    center: [24.94, 60.19],
    zoom: 10.5,
    sources: {
      basemap: {
        type: 'vector',
        tiles: [`${origin}/basemap/tiles/{z}/{x}/{y}.mvt?v=${version}`],
        minzoom: 0,
        maxzoom: BASEMAP_MAX_ZOOM,
        bounds: [24.5, 59.9, 25.5, 60.45],
        attribution: BASEMAP_ATTRIBUTION,
      },
    },
    glyphs: `${origin}/basemap/fonts/{fontstack}/{range}.pbf`,
    layers,
  };
}
