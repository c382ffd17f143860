import { PLOT_FIELD_NAMES } from './fields.ts';

/**
 * SQL of splitting and merging plots. Geometry work stays in PostGIS, in EPSG:3879 (metres):
 * the pieces of a split and the union of a merge are computed where the plots are stored.
 */

interface Sql {
  text: string;
  values: unknown[];
}

/**
 * The pieces of plot $1 cut by a line (GeoJSON $2 in SRID $3), largest first. A line that does
 * not cross the plot from edge to edge leaves one piece.
 */
export const splitPiecesSql = (id: number, lineGeoJson: string, srid: number): Sql => ({
  text: `WITH line AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($2), $3::int), 3879) AS l),
              cut AS (SELECT (ST_Dump(ST_CollectionExtract(ST_Split(p.geom, line.l), 3))).geom AS g
                      FROM plots p, line WHERE p.id = $1)
         SELECT ST_AsGeoJSON(g, 3) AS geojson, ST_Area(g)::float8 AS area_m2 FROM cut ORDER BY ST_Area(g) DESC`,
  values: [id, lineGeoJson, srid],
});

/** The union of plots $1: one polygon when they are adjacent (share an edge), more otherwise. */
export const mergeUnionSql = (ids: number[]): Sql => ({
  text: `SELECT ST_NumGeometries(u)::int AS parts, ST_AsGeoJSON(u, 3) AS geojson, ST_Area(u)::float8 AS area_m2
         FROM (SELECT ST_Multi(ST_UnaryUnion(ST_Collect(geom))) AS u FROM plots WHERE id = ANY($1::bigint[])) t`,
  values: [ids],
});

// Every staff field but the identifier and the building right, which the change sets itself.
const COPIED = PLOT_FIELD_NAMES.filter((f) => f !== 'property_id' && f !== 'building_right_kem2');

/**
 * A new draft with the fields of plot $1, identifier $2, geometry $3 (GeoJSON, EPSG:3879) and
 * building right $4 (null: none).
 */
export const insertDerivedPlotSql = (
  fromId: number,
  propertyId: string,
  geojson: string,
  buildingRight: number | null,
  by: string,
): Sql => ({
  text: `INSERT INTO plots (property_id, building_right_kem2, ${COPIED.join(', ')}, is_demo, geom, status, created_by, updated_by)
         SELECT $2, $4, ${COPIED.map((c) => `o.${c}`).join(', ')}, o.is_demo,
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 3879)), 'draft', $5, $5
         FROM plots o WHERE o.id = $1
         RETURNING id::int`,
  values: [fromId, propertyId, geojson, buildingRight, by],
});

export const insertLineageSql = (
  oldIds: number[],
  newIds: number[],
  kind: 'split' | 'merge',
  by: string,
): Sql => ({
  text: `INSERT INTO plot_lineage (old_plot_id, new_plot_id, kind, created_by)
         SELECT o, n, $3, $4 FROM unnest($1::bigint[]) o, unnest($2::bigint[]) n`,
  values: [oldIds, newIds, kind, by],
});

/** The plots a plot replaced and those that replaced it, with their identifiers. */
export const lineageSql = (id: number): Sql => ({
  text: `SELECT 'replaces' AS dir, l.kind, p.id::int, p.property_id FROM plot_lineage l JOIN plots p ON p.id = l.old_plot_id
           WHERE l.new_plot_id = $1
         UNION ALL
         SELECT 'replaced_by', l.kind, p.id::int, p.property_id FROM plot_lineage l JOIN plots p ON p.id = l.new_plot_id
           WHERE l.old_plot_id = $1
         ORDER BY 1, 4`,
  values: [id],
});
