/** What the map client gets for one background or overlay (/api/config `basemaps`); made by server/basemap/catalog.ts. */
export interface ClientBasemap {
  id: string;
  kind: 'builtin' | 'raster' | 'style';
  name: { fi: string; sv: string; en: string };
  attribution: string;
  overlay: boolean;
  /** raster: the tile template (MapLibre fills {z}/{x}/{y} or {bbox-epsg-3857}). */
  tiles?: string[];
  scheme?: 'xyz' | 'tms';
  tileSize?: number;
  minzoom?: number;
  maxzoom?: number;
  /** style: a MapLibre style document. */
  styleUrl?: string;
}
