import { filterToParams, type PlotFilter } from '../../shared/filter.ts';
import type { Db } from '../db/index.ts';
import { PLOT_MAX_ZOOM } from './address.ts';
import { TILE_LIMITS } from './sql.ts';

// Helsinki's outline (sea included), lon/lat; used when the database holds no city boundary.
const HELSINKI_BOUNDS: [number, number, number, number] = [24.7828, 59.9225, 25.2545, 60.2978];
const PLOT_FIELDS = {
  id: 'Number',
  use_class: 'String',
  use_code: 'String',
  availability: 'String',
  area_m2: 'Number',
  building_right_kem2: 'Number',
  price_eur_kem2: 'Number',
};

export const PLOT_ATTRIBUTION = '© Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0';
export const DEMO_ATTRIBUTION =
  'Esimerkkitontit – keksittyjä, ei kaupungin tietoja / Exempeltomter – påhittade / Demo plots – generated, not real city data';

/** Facts about the data that the TileJSON shows; read once per data version. */
export interface TileSetFacts {
  bounds: [number, number, number, number];
  hasDemo: boolean;
}

export async function readTileSetFacts(db: Db): Promise<TileSetFacts> {
  const rows = await db.query<{ b: number[] | null; demo: boolean }>(
    `SELECT (SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
               FROM (SELECT ST_Extent(ST_Transform(geom, 4326)) AS e FROM city_boundary) x WHERE e IS NOT NULL) AS b,
            EXISTS (SELECT 1 FROM plots WHERE status = 'published' AND is_demo) AS demo`,
  );
  const b = rows[0]?.b;
  return {
    bounds: b ? (b.map((n) => Math.round(Number(n) * 1e4) / 1e4) as TileSetFacts['bounds']) : HELSINKI_BOUNDS,
    hasDemo: rows[0]?.demo ?? false,
  };
}

/**
 * TileJSON 3.0.0 for the plot tiles. `baseUrl` is the public origin (scheme://host); the tiles
 * URL carries the data version (so tiles may be cached for good) and the given filter.
 */
export function plotTileJson(baseUrl: string, version: number, filter: PlotFilter, facts: TileSetFacts) {
  const params = new URLSearchParams({ v: String(version) });
  for (const [k, v] of filterToParams(filter)) params.set(k, v);
  const [w, s, e, n] = facts.bounds;
  return {
    tilejson: '3.0.0',
    name: 'Tonttiluukku plots',
    description:
      `Published business plots. From zoom ${TILE_LIMITS.polygonMinZoom} outlines (plots); below, or where a tile ` +
      `would hold more than ${TILE_LIMITS.maxPolygons} plots, one point per plot (plot_points); where it would hold ` +
      `more than ${TILE_LIMITS.maxPoints}, counts (plot_clusters) per sub-district up to zoom ` +
      `${TILE_LIMITS.subDistrictMaxZoom} and per grid cell above.`,
    version: '1.0.0',
    attribution: facts.hasDemo ? `${PLOT_ATTRIBUTION}; ${DEMO_ATTRIBUTION}` : PLOT_ATTRIBUTION,
    scheme: 'xyz',
    tiles: [`${baseUrl}/tiles/plots/{z}/{x}/{y}.mvt?${params}`],
    minzoom: 0,
    maxzoom: PLOT_MAX_ZOOM,
    bounds: facts.bounds,
    center: [Math.round(((w + e) / 2) * 1e4) / 1e4, Math.round(((s + n) / 2) * 1e4) / 1e4, 11],
    fill_zoom: PLOT_MAX_ZOOM,
    vector_layers: [
      {
        id: 'plots',
        description: 'Plot outlines; feature id = id (promoteId).',
        minzoom: TILE_LIMITS.polygonMinZoom,
        maxzoom: PLOT_MAX_ZOOM,
        fields: PLOT_FIELDS,
      },
      {
        id: 'plot_points',
        description: 'One point inside each plot; same attributes as plots.',
        minzoom: 0,
        maxzoom: PLOT_MAX_ZOOM,
        fields: PLOT_FIELDS,
      },
      {
        id: 'plot_clusters',
        description: 'Number of plots per sub-district or grid cell, at the mean position of those plots.',
        minzoom: 0,
        maxzoom: PLOT_MAX_ZOOM,
        fields: { count: 'Number', sub_district: 'Number' },
      },
    ],
  };
}
