import { geoJSONToTile, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { TileAddress } from './address.ts';
import { TILE_BUFFER, TILE_EXTENT } from './sql.ts';

/** One row of the `geojson` tile statement: each layer's features as comma-joined GeoJSON text (null when none). */
export type TileFeatureText = Record<string, string | null>;

// Web Mercator's world width in EPSG:3857 metres; x/y over it give the unit square geojson-vt cuts.
const WORLD_M = 2 * Math.PI * 6378137;

type Coords = number[] | Coords[];

function toUnitSquare(c: Coords): void {
  if (typeof c[0] === 'number') {
    const p = c as number[];
    p[0] = p[0]! / WORLD_M + 0.5;
    p[1] = 0.5 - p[1]! / WORLD_M;
    return;
  }
  for (const inner of c as Coords[]) toUnitSquare(inner);
}

/**
 * Encodes the features PostGIS selected and clipped (EPSG:3857 GeoJSON text per layer) into
 * one Mapbox Vector Tile, as ST_AsMVT would: same extent and buffer, no simplification past
 * the tile grid, layers without features left out. Returns an empty buffer when no layer has
 * features; throws only on malformed text (a bug in the statement, not in the request).
 */
export function encodeTile(a: TileAddress, rows: TileFeatureText): Uint8Array {
  const layers: Record<string, GeoJSONVTTile> = {};
  for (const [name, text] of Object.entries(rows)) {
    if (!text) continue;
    const features = JSON.parse(`[${text}]`) as GeoJSON.Feature[];
    for (const f of features) toUnitSquare((f.geometry as GeoJSON.Polygon).coordinates as Coords);
    const tile = geoJSONToTile({ type: 'FeatureCollection', features }, a.z, a.x, a.y, {
      extent: TILE_EXTENT,
      buffer: TILE_BUFFER,
      maxZoom: a.z, // the tile's own zoom: no simplification, only the grid, like ST_AsMVTGeom
      // PostGIS already chose the features by the buffered envelope and clipped them to it;
      // clipping again here would drop points that ST_AsMVTGeom keeps after rounding.
      clip: false,
      coordinates: 'unitSquare',
    });
    if (tile && tile.features.length) layers[name] = tile;
  }
  if (Object.keys(layers).length === 0) return new Uint8Array(0);
  return fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT });
}
