import type { Capabilities, Queryable } from './types.ts';

/** Probes the connected database once; never throws for a missing optional feature. */
export async function detectCapabilities(db: Queryable): Promise<Capabilities> {
  const [info] = await db.query<{ postgis: string; server: string; ext: string[] }>(
    `SELECT postgis_lib_version() AS postgis, current_setting('server_version') AS server,
            array(SELECT extname::text FROM pg_extension) AS ext`,
  );
  let mvt = true;
  try {
    await db.query(
      `SELECT ST_AsMVT(q, 'probe') FROM (SELECT 1 AS a, ST_AsMVTGeom(ST_MakePoint(0, 0), ST_MakeEnvelope(0, 0, 1, 1)) AS g) q`,
    );
  } catch {
    mvt = false;
  }
  return {
    mvt,
    trgm: info!.ext.includes('pg_trgm'),
    unaccent: info!.ext.includes('unaccent'),
    postgisVersion: info!.postgis,
    serverVersion: info!.server,
  };
}
