import { clientBasemaps, type ClientBasemap } from '../basemap/catalog.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { DataVersion } from '../plots/data-version.ts';
import { configSql } from '../plots/queries.ts';

/** Attribution every map, export and database built from the shipped data must keep. */
export const LICENCES = [
  {
    name: 'Helsinki districts and sub-districts',
    licence: 'CC BY 4.0',
    attribution: 'Helsingin kaupunki, kaupunkimittauspalvelut',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  {
    name: 'Capital-region municipalities',
    licence: 'CC BY 4.0',
    attribution: 'HSY, Helsinki Region Infoshare',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  {
    name: 'Urban-structure zones (YKR)',
    licence: 'CC BY 4.0',
    attribution: 'YKR © SYKE ja TK 2021',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
  {
    name: 'OpenStreetMap extract of the city centre',
    licence: 'ODbL 1.0',
    attribution: '© OpenStreetMap contributors',
    url: 'https://www.openstreetmap.org/copyright',
  },
] as const;

export interface ClientConfig {
  basemapStyleUrl: string;
  /** The backgrounds and overlays the map offers; the built-in map first. */
  basemaps: ClientBasemap[];
  dataVersion: number;
  bounds: [number, number, number, number];
  /** The business areas holding published plots: what the map shows first. */
  startBounds: [number, number, number, number];
  center: [number, number];
  zoom: number;
  demo: boolean;
  licences: typeof LICENCES;
}

// Helsinki's outline, used until the reference data is loaded (it always is once started).
const FALLBACK_BOUNDS: ClientConfig['bounds'] = [24.78, 59.92, 25.26, 60.3];
// The view the app opens at: the city's mainland, not its sea area.
const START_CENTER: ClientConfig['center'] = [24.96, 60.2];
const START_ZOOM = 11;
// Before any plot is published: the business areas from Pitäjänmäki to Vuosaari harbour.
const START_BOUNDS: ClientConfig['bounds'] = [24.83, 60.17, 25.2, 60.27];

/**
 * What the client needs before drawing the map. Bounds come from the city outline, read once;
 * `demo` (any published plot is demo data) is re-read when the data version changes.
 */
export function createClientConfig(config: Config, db: Db, dataVersion: DataVersion) {
  let cached: { version: number; doc: ClientConfig } | undefined;
  return async function clientConfig(): Promise<ClientConfig> {
    const version = dataVersion.current();
    if (cached?.version === version) return cached.doc;
    const q = configSql();
    const [row] = await db.query<{ bounds: string | null; start_bounds: string | null; demo: boolean }>(
      q.text,
      q.values,
    );
    const box = (s: string | null | undefined) =>
      s ? (s.split(',').map((v) => Math.round(Number(v) * 1e5) / 1e5) as ClientConfig['bounds']) : undefined;
    const bounds = box(row?.bounds) ?? FALLBACK_BOUNDS;
    const doc: ClientConfig = {
      basemapStyleUrl: config.basemapStyleUrl ?? '/basemap/style.json',
      basemaps: clientBasemaps(config.basemaps ?? []),
      dataVersion: version,
      bounds,
      startBounds: box(row?.start_bounds) ?? START_BOUNDS,
      center: START_CENTER,
      zoom: START_ZOOM,
      demo: row?.demo ?? false,
      licences: LICENCES,
    };
    cached = { version, doc };
    return doc;
  };
}
