import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../config.ts';
import type { Db } from '../db/index.ts';
import { BUSINESS_SUB_DISTRICTS } from './business-areas.ts';

export const DATA_DIR = path.join(ROOT_DIR, 'data');

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** Reads one GeoJSON FeatureCollection shipped in data/. Throws when the file is missing. */
export function readGeoJson(relPath: string): Feature[] {
  const text = fs.readFileSync(path.join(DATA_DIR, relPath), 'utf8');
  return (JSON.parse(text) as { features: Feature[] }).features;
}

/** 'LÄNSISATAMA' -> 'Länsisatama', 'VÄSTRA HAMNEN' -> 'Västra hamnen' (the source is upper case). */
export function titleCase(name: string): string {
  const lower = name.toLocaleLowerCase('fi');
  return lower.charAt(0).toLocaleUpperCase('fi') + lower.slice(1);
}

// Source GeoJSON is CRS84; stored geometry is EPSG:3879, made valid and always a MultiPolygon.
const GEOM_FROM_JSON = `ST_Multi(ST_CollectionExtract(ST_MakeValid(
  ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), 3879)), 3))`;

/**
 * Loads districts, sub-districts, transit zones and the city outline from data/ when their
 * tables are empty. Idempotent; runs in one transaction so a failure leaves the tables empty.
 * Returns the number of rows inserted (0 when already loaded).
 */
export async function loadReferenceData(db: Db): Promise<number> {
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM districts')) as [
    { n: number },
  ];
  if (n > 0) return 0;
  // The sea area ('Aluemeri') has no number and is no district.
  const numbered = (f: Feature) => /^\d+$/.test(String(f.properties.tunnus));
  const districts = readGeoJson('districts/helsinki_kaupunginosat.geojson')
    .filter(numbered)
    .map((f) => ({
      number: Number(f.properties.tunnus),
      name_fi: titleCase(String(f.properties.nimi_fi)),
      name_sv: f.properties.nimi_se ? titleCase(String(f.properties.nimi_se)) : null,
      geometry: f.geometry,
    }));
  const subDistricts = readGeoJson('districts/helsinki_osa_alueet.geojson')
    .filter(numbered)
    .map((f) => ({
      number: Number(f.properties.tunnus),
      district_number: Math.floor(Number(f.properties.tunnus) / 10),
      name_fi: String(f.properties.nimi_fi),
      name_sv: f.properties.nimi_se ? String(f.properties.nimi_se) : null,
      is_business_area: BUSINESS_SUB_DISTRICTS.includes(Number(f.properties.tunnus)),
      geometry: f.geometry,
    }));
  const helsinki = readGeoJson('boundaries/pks_municipalities.geojson').filter(
    (f) => f.properties.name === 'Helsinki',
  );
  const zones = readGeoJson('context/ykr_urban_zones_2021_pks.geojson').map((f) => ({
    zone_code: String(f.properties.vyoh),
    zone_name_fi: String(f.properties.vyohselite),
    geometry: f.geometry,
  }));
  let inserted = 0;
  await db.transaction(async (tx) => {
    const ins = async (sql: string, rows: unknown[]) => {
      const r = await tx.query<{ n: number }>(
        `WITH ins AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM ins`,
        [JSON.stringify(rows)],
      );
      inserted += r[0]!.n;
    };
    await ins(
      `INSERT INTO city_boundary (name, geom)
       SELECT f->'properties'->>'name', ${GEOM_FROM_JSON} FROM jsonb_array_elements($1::jsonb) f`,
      helsinki,
    );
    await ins(
      `INSERT INTO districts (number, name_fi, name_sv, geom)
       SELECT (f->>'number')::smallint, f->>'name_fi', f->>'name_sv', ${GEOM_FROM_JSON}
       FROM jsonb_array_elements($1::jsonb) f`,
      districts,
    );
    await ins(
      `INSERT INTO sub_districts (number, district_number, name_fi, name_sv, is_business_area, geom)
       SELECT (f->>'number')::smallint, (f->>'district_number')::smallint, f->>'name_fi', f->>'name_sv',
              (f->>'is_business_area')::boolean, ${GEOM_FROM_JSON}
       FROM jsonb_array_elements($1::jsonb) f`,
      subDistricts,
    );
    // Zones cover the whole capital region: keep Helsinki's part only.
    await ins(
      `INSERT INTO transit_zones (zone_code, zone_name_fi, geom)
       SELECT zone_code, zone_name_fi, g FROM (
         SELECT f->>'zone_code' AS zone_code, f->>'zone_name_fi' AS zone_name_fi,
                ST_Multi(ST_CollectionExtract(ST_Intersection(${GEOM_FROM_JSON}, (SELECT geom FROM city_boundary WHERE name = 'Helsinki')), 3)) AS g
         FROM jsonb_array_elements($1::jsonb) f) z
       WHERE NOT ST_IsEmpty(g)`,
      zones,
    );
  });
  return inserted;
}
