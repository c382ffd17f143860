import Flatbush from 'flatbush';
import { lonLatTo3879, type Position } from '../../geo/crs.ts';
import { pointInRings, polygonsOf, ringsBbox, type Rings } from '../../geo/point-in-polygon.ts';
import { readGeoJson } from '../../reference/load.ts';

/** A sub-district polygon in EPSG:3879 metres. */
export interface Area {
  subDistrict: number;
  polygons: Rings[];
  bbox: [number, number, number, number];
}

/** Land: the urban-structure zones (they never cover open sea), indexed by bbox. */
export interface Land {
  /** The transit-zone name at x,y, or undefined when x,y is not on zoned land. */
  zoneAt(x: number, y: number): string | undefined;
}

const toGk = (rings: Rings): Rings => rings.map((r) => r.map((p) => lonLatTo3879(p as Position)));

/** Reads the real sub-districts from data/, reprojected to EPSG:3879. */
export function loadAreas(): Area[] {
  return readGeoJson('districts/helsinki_osa_alueet.geojson')
    .filter((f) => /^\d+$/.test(String(f.properties.tunnus)))
    .map((f) => {
      const polygons = polygonsOf(f.geometry as { type: string; coordinates: unknown }).map(toGk);
      const boxes = polygons.map(ringsBbox);
      return {
        subDistrict: Number(f.properties.tunnus),
        polygons,
        bbox: [
          Math.min(...boxes.map((b) => b[0])),
          Math.min(...boxes.map((b) => b[1])),
          Math.max(...boxes.map((b) => b[2])),
          Math.max(...boxes.map((b) => b[3])),
        ] as [number, number, number, number],
      };
    });
}

export function loadLand(): Land {
  const zones = readGeoJson('context/ykr_urban_zones_2021_pks.geojson').flatMap((f) =>
    polygonsOf(f.geometry as { type: string; coordinates: unknown }).map((rings) => {
      const gk = toGk(rings);
      return { rings: gk, bbox: ringsBbox(gk), name: String(f.properties.vyohselite) };
    }),
  );
  const index = new Flatbush(zones.length);
  for (const z of zones) index.add(...z.bbox);
  index.finish();
  return {
    zoneAt(x, y) {
      for (const i of index.search(x, y, x, y)) {
        const z = zones[i]!;
        if (pointInRings(x, y, z.rings)) return z.name;
      }
      return undefined;
    },
  };
}

export const inArea = (area: Area, x: number, y: number) =>
  area.polygons.some((rings) => pointInRings(x, y, rings));
