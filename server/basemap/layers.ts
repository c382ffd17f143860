import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { centroid, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import { own } from '../../shared/own.ts';
import { BUSINESS_AREAS } from '../reference/business-areas.ts';
import { DATA_DIR, titleCase } from '../reference/load.ts';
import type { TileAddress } from '../tiles/address.ts';

/**
 * The offline basemap: vector layers cut from the real data shipped in data/ (see
 * data/SOURCES.md), indexed in memory with geojson-vt when first asked for. Source layers:
 *   sea, municipalities, urban_zones, districts, sub_districts, district_labels,
 *   sub_district_labels, business_area_labels, water, green, buildings, roads, railways
 */

export const BASEMAP_MAX_ZOOM = 14; // the style's source max zoom; clients over-zoom past it
const EXTENT = 4096; // tile units per side
const BUFFER = 64; // tile units past each edge

type Props = Record<string, string | number | boolean | null>;
type Feature = GeoJSON.Feature<GeoJSON.Geometry, Props>;

interface LayerSource {
  file: string;
  /** Properties kept in the tile, or undefined to leave the feature out. */
  pick(p: Record<string, unknown>): Props | undefined;
}

const str = (v: unknown) => (v == null || v === '' ? null : String(v));
const numbered = (p: Record<string, unknown>) => /^\d+$/.test(String(p.tunnus));

const WATER = new Set(['water', 'basin', 'reservoir']);
const GREEN = new Set([
  'grass',
  'park',
  'scrub',
  'wood',
  'forest',
  'meadow',
  'garden',
  'cemetery',
  'pitch',
  'playground',
]);
// OSM highway values drawn, by the class the style knows.
const ROAD_CLASS: Record<string, string> = {
  motorway: 'major',
  trunk: 'major',
  primary: 'major',
  primary_link: 'major',
  secondary: 'major',
  tertiary: 'minor',
  tertiary_link: 'minor',
  residential: 'minor',
  unclassified: 'minor',
  living_street: 'minor',
  pedestrian: 'path',
  service: 'service',
  footway: 'path',
  cycleway: 'path',
  path: 'path',
  steps: 'path',
};

// Below these zooms a layer is too small to see; leaving it out keeps low-zoom tiles light.
const MIN_ZOOM: Record<string, number> = {
  sub_districts: 9,
  sub_district_labels: 11,
  water: 10,
  green: 12,
  buildings: 13,
  roads: 11,
  railways: 10,
};

const SOURCES: Record<string, LayerSource> = {
  sea: {
    file: 'districts/helsinki_kaupunginosat.geojson',
    pick: (p) => (numbered(p) ? undefined : {}),
  },
  municipalities: {
    file: 'boundaries/pks_municipalities.geojson',
    pick: (p) => ({ name: str(p.name) }),
  },
  urban_zones: {
    file: 'context/ykr_urban_zones_2021_pks.geojson',
    pick: (p) => ({ zone: Number(p.vyoh), name_fi: str(p.vyohselite) }),
  },
  districts: {
    file: 'districts/helsinki_kaupunginosat.geojson',
    pick: (p) =>
      numbered(p)
        ? {
            number: Number(p.tunnus),
            name_fi: titleCase(String(p.nimi_fi)),
            name_sv: p.nimi_se ? titleCase(String(p.nimi_se)) : null,
          }
        : undefined,
  },
  sub_districts: {
    file: 'districts/helsinki_osa_alueet.geojson',
    pick: (p) =>
      numbered(p)
        ? { number: Number(p.tunnus), name_fi: str(p.nimi_fi), name_sv: str(p.nimi_se) }
        : undefined,
  },
  water: {
    file: 'osm/landuse_water.geojson',
    pick: (p) =>
      WATER.has(String(p.natural)) || WATER.has(String(p.landuse)) || p.water || p.waterway
        ? { name: str(p.name) }
        : undefined,
  },
  green: {
    file: 'osm/landuse_water.geojson',
    pick: (p) =>
      GREEN.has(String(p.landuse)) || GREEN.has(String(p.leisure)) || GREEN.has(String(p.natural))
        ? { name: str(p.name) }
        : undefined,
  },
  buildings: {
    file: 'osm/buildings.geojson',
    pick: (p) => ({ name: str(p.name) }),
  },
  roads: {
    file: 'osm/roads.geojson',
    pick: (p) => {
      const cls = own(ROAD_CLASS, String(p.highway));
      return cls ? { class: cls, name: str(p.name), tunnel: p.tunnel === 'yes' } : undefined;
    },
  },
  railways: {
    file: 'osm/railways.geojson',
    pick: (p) =>
      ['rail', 'tram', 'subway'].includes(String(p.railway))
        ? { class: String(p.railway), tunnel: p.tunnel === 'yes' }
        : undefined,
  },
};

/** A label point inside the area: its centroid when that lies inside, else a point on it. */
function labelPoint(f: Feature): Feature {
  const c = centroid(f as GeoJSON.Feature<GeoJSON.Polygon>);
  const inside = booleanPointInPolygon(c, f as GeoJSON.Feature<GeoJSON.Polygon>);
  const p = inside ? c : pointOnFeature(f as GeoJSON.Feature<GeoJSON.Polygon>);
  return { type: 'Feature', geometry: p.geometry, properties: f.properties };
}

export interface Basemap {
  /** Uncompressed MVT bytes of one tile; empty when nothing is there. */
  tile(a: TileAddress): Buffer;
  /** Fingerprint of the data the tiles are cut from (goes into tile URLs). */
  version: string;
  layers: string[];
  /** Time spent reading and indexing, in milliseconds. */
  buildMs: number;
}

/** Reads data/ and indexes every layer. Throws when a data file is missing or malformed. */
export function buildBasemap(): Basemap {
  const started = performance.now();
  const hash = crypto.createHash('sha1');
  const files = new Map<string, Feature[]>();
  const read = (file: string) => {
    let features = files.get(file);
    if (!features) {
      const text = fs.readFileSync(path.join(DATA_DIR, file), 'utf8');
      hash.update(text);
      features = (JSON.parse(text) as GeoJSON.FeatureCollection<GeoJSON.Geometry, Props>).features;
      files.set(file, features);
    }
    return features;
  };
  const layers: Record<string, Feature[]> = {};
  for (const [name, src] of Object.entries(SOURCES)) {
    layers[name] = [];
    for (const f of read(src.file)) {
      const props = src.pick(f.properties ?? {});
      if (props) layers[name].push({ type: 'Feature', geometry: f.geometry, properties: props });
    }
  }
  layers.district_labels = layers.districts!.map(labelPoint);
  layers.sub_district_labels = layers.sub_districts!.map(labelPoint);
  // The business sub-districts named from the city-wide zooms on, where a plot seeker starts.
  const business = new Set(BUSINESS_AREAS.map((a) => a.subDistrict));
  layers.business_area_labels = layers.sub_district_labels.filter((f) =>
    business.has(Number(f.properties.number)),
  );
  const indexes = Object.entries(layers).map(
    ([name, features]) =>
      [
        name,
        new GeoJSONVT(
          { type: 'FeatureCollection', features },
          { maxZoom: BASEMAP_MAX_ZOOM, extent: EXTENT, buffer: BUFFER, tolerance: 3, indexMaxZoom: 5 },
        ),
      ] as const,
  );
  return {
    version: hash.digest('hex').slice(0, 10),
    layers: Object.keys(layers),
    buildMs: Math.round(performance.now() - started),
    tile(a) {
      const parts: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {};
      for (const [name, index] of indexes) {
        if (a.z < (MIN_ZOOM[name] ?? 0)) continue;
        const t = index.getTile(a.z, a.x, a.y);
        if (t && t.features.length) parts[name] = t;
      }
      if (Object.keys(parts).length === 0) return Buffer.alloc(0);
      const bytes = fromGeojsonVt(parts, { version: 2, extent: EXTENT });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}
