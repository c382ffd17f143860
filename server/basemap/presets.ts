/**
 * Background-map presets for the open map services of the City of Helsinki and HSY. None is on
 * unless BASEMAPS names it. The layer names are as the services publish them; a deployment checks
 * them in the services' GetCapabilities documents (see the README), since they change with new
 * imagery years.
 */
import type { BasemapInput } from './entry.ts';

const HEL_WMS = 'https://kartta.hel.fi/ws/geoserver/avoindata/wms';
const HEL_WMTS = 'https://kartta.hel.fi/ws/geoserver/avoindata/gwc/service/wmts?request=GetCapabilities';
const HSY_WMS = 'https://kartta.hsy.fi/geoserver/wms';
const HEL_ATTRIBUTION = '© Helsingin kaupunki, CC BY 4.0';
const HSY_ATTRIBUTION = '© HSY, CC BY 4.0';
const CC_BY = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

export const BASEMAP_PRESETS: Record<string, BasemapInput> = {
  // The guide map as cached WMTS tiles (GeoWebCache's EPSG:3857 grid names its levels EPSG:3857:z).
  'helsinki-guide-map': {
    type: 'wmts',
    url: HEL_WMTS,
    layer: 'avoindata:Karttasarja_PKS',
    tileMatrixSet: 'EPSG:3857',
    tileMatrixPrefix: 'EPSG:3857:',
    format: 'image/png',
    name: { fi: 'Opaskartta (Helsinki)', sv: 'Guidekarta (Helsingfors)', en: 'Guide map (Helsinki)' },
    attribution: HEL_ATTRIBUTION,
    licence: CC_BY,
    minzoom: 9,
    maxzoom: 19,
  },
  // The same guide map drawn by the WMS, for a deployment whose WMTS grid differs.
  'helsinki-guide-map-wms': {
    type: 'wms',
    url: HEL_WMS,
    layer: 'avoindata:Karttasarja_PKS',
    format: 'image/png',
    name: {
      fi: 'Opaskartta (Helsinki, WMS)',
      sv: 'Guidekarta (Helsingfors, WMS)',
      en: 'Guide map (Helsinki, WMS)',
    },
    attribution: HEL_ATTRIBUTION,
    licence: CC_BY,
    minzoom: 9,
    maxzoom: 19,
  },
  'helsinki-ortho': {
    type: 'wms',
    url: HEL_WMS,
    layer: 'avoindata:Ortoilmakuva_2023',
    format: 'image/jpeg',
    name: {
      fi: 'Ilmakuva 2023 (Helsinki)',
      sv: 'Flygbild 2023 (Helsingfors)',
      en: 'Aerial imagery 2023 (Helsinki)',
    },
    attribution: HEL_ATTRIBUTION,
    licence: CC_BY,
    minzoom: 9,
    maxzoom: 20,
  },
  // The plans in force, drawn transparent over any background: the "plan areas" overlay.
  'helsinki-plan-map': {
    type: 'wms',
    url: HEL_WMS,
    layer: 'avoindata:Ajantasa_asemakaava',
    format: 'image/png',
    overlay: true,
    name: { fi: 'Asemakaavat (Helsinki)', sv: 'Detaljplaner (Helsingfors)', en: 'Detailed plans (Helsinki)' },
    attribution: HEL_ATTRIBUTION,
    licence: CC_BY,
    minzoom: 12,
    maxzoom: 20,
  },
  'hsy-background-map': {
    type: 'wms',
    url: HSY_WMS,
    layer: 'taustakartat_ja_aluejaot:Opaskartta_PKS',
    format: 'image/png',
    name: { fi: 'Taustakartta (HSY)', sv: 'Bakgrundskarta (HRM)', en: 'Background map (HSY)' },
    attribution: HSY_ATTRIBUTION,
    licence: CC_BY,
    minzoom: 8,
    maxzoom: 19,
  },
};
