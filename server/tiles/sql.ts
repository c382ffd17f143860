import type { PlotFilter } from '../../shared/filter.ts';
import { plotFilterSql, type SqlFragment } from '../plots/filter-sql.ts';
import type { TileAddress } from './address.ts';

/**
 * All SQL of the plot tiles. One statement makes one whole tile: it reads the plots in the
 * tile's envelope once per representation and falls back to a lighter one when the tile would
 * hold too many features, so no tile outgrows TILE_LIMITS whatever the table size.
 *
 *   z >= polygonMinZoom: polygons (`plots`), else points, else grid clusters
 *   z 12 .. polygonMinZoom-1: points (`plot_points`), else grid clusters (`plot_clusters`)
 *   z <= subDistrictMaxZoom: points, else clusters per sub-district (`plot_clusters`)
 *
 * Only z/x/y ($1-$3) and filter values ($4...) are parameters; the stored geometry columns are
 * compared with the tile envelope as they are, so the GiST indexes serve every tile.
 */

export const TILE_EXTENT = 4096; // tile units per tile side
export const TILE_BUFFER = 64; // tile units drawn past each edge (symbols, strokes)

export interface TileLimits {
  polygonMinZoom: number;
  maxPolygons: number;
  maxPoints: number;
  subDistrictMaxZoom: number;
  gridCells: number;
}

export const TILE_LIMITS: TileLimits = {
  polygonMinZoom: 13, // first zoom with plot outlines
  maxPolygons: 4000, // features; ~80 bytes each keeps a polygon tile near 320 KB
  maxPoints: 6000, // features; ~56 bytes each keeps a point tile near 340 KB
  subDistrictMaxZoom: 11, // up to here clusters are per sub-district, then per grid cell
  gridCells: 16, // cluster cells per tile side past subDistrictMaxZoom
};

/** How a tile is made: which representations the statement may choose between. */
export interface TilePlan {
  polygons: boolean;
  clusterBy: 'grid' | 'sub_district';
}

export function tilePlan(z: number, limits: TileLimits = TILE_LIMITS): TilePlan {
  return {
    polygons: z >= limits.polygonMinZoom,
    clusterBy: z <= limits.subDistrictMaxZoom ? 'sub_district' : 'grid',
  };
}

/** `mvt`: ST_AsMVT bytes (one bytea column `mvt`); `geojson`: the features as JSON text in tile units, for Node to encode. */
export type TileOutput = 'mvt' | 'geojson';

const FILTER_FIRST_PARAM = 4;
const MARGIN = TILE_BUFFER / TILE_EXTENT;

// The attributes a plot feature carries in both representations; what the map styles and filters on.
const PLOT_COLUMNS = `p.id, p.use_class, p.use_code, p.availability, p.area_m2::bigint AS area_m2,
    p.building_right_kem2::float8 AS building_right_kem2, p.price_eur_kem2::bigint AS price_eur_kem2`;
const PLOT_FIELDS = 'id, use_class, use_code, availability, area_m2, building_right_kem2, price_eur_kem2';
const ENV = `env AS (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS e,
    ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${MARGIN}) AS m)`;

function polysCte(f: string, L: TileLimits): string {
  return `polys AS MATERIALIZED (SELECT ${PLOT_COLUMNS}, p.geom_3857 AS g FROM plots p, env
    WHERE p.geom_3857 && env.m AND ${f} LIMIT ${L.maxPolygons + 1})`;
}

function ptsCte(f: string, afterPolys: boolean, L: TileLimits): string {
  const gate = afterPolys ? `(SELECT count(*) FROM polys) > ${L.maxPolygons} AND ` : '';
  return `pts AS MATERIALIZED (SELECT ${PLOT_COLUMNS}, p.point_3857 AS g FROM plots p, env
    WHERE ${gate}p.point_3857 && env.m AND ${f} LIMIT ${L.maxPoints + 1})`;
}

function clustersCte(f: string, by: TilePlan['clusterBy'], L: TileLimits, summed: string | null): string {
  const gate = `(SELECT count(*) FROM pts) > ${L.maxPoints}`;
  const centre = `ST_SetSRID(ST_MakePoint(avg(ST_X(p.point_3857)), avg(ST_Y(p.point_3857))), 3857)`;
  const shown = `(SELECT s.number FROM sub_districts s, env WHERE s.geom_3857 && env.m)`;
  if (by === 'sub_district' && summed !== null) {
    // The running sums kept by triggers (migration 014) give the same clusters as aggregating
    // the plots, without reading them.
    return `clusters AS (SELECT c.sub_district, c.count, c.g FROM (
      SELECT t.sub_district_number AS sub_district, sum(t.count)::int AS count,
        ST_SetSRID(ST_MakePoint(sum(t.sum_x) / sum(t.count), sum(t.sum_y) / sum(t.count)), 3857) AS g
      FROM plot_sub_district_stats t
      WHERE ${gate} AND t.sub_district_number IN ${shown} AND ${summed}
      GROUP BY t.sub_district_number HAVING sum(t.count) > 0) c, env WHERE c.g && env.m)`;
  }
  if (by === 'sub_district') {
    // Whole sub-districts are counted and placed at the mean of their plots, so a cluster has the
    // same count and place in every tile that shows it.
    return `clusters AS (SELECT c.sub_district, c.count, c.g FROM (
      SELECT p.sub_district_number::int AS sub_district, count(*)::int AS count, ${centre} AS g
      FROM plots p
      WHERE ${gate} AND p.sub_district_number IN ${shown}
        AND ${f}
      GROUP BY p.sub_district_number) c, env WHERE c.g && env.m)`;
  }
  // Cells are aligned to the tile, so no cell straddles two tiles.
  const cell = `((ST_XMax(env.e) - ST_XMin(env.e)) / ${L.gridCells})`;
  return `clusters AS (SELECT count(*)::int AS count, ${centre} AS g FROM plots p, env
    WHERE ${gate} AND p.point_3857 && env.e AND ${f}
    GROUP BY floor((ST_X(p.point_3857) - ST_XMin(env.e)) / ${cell}), floor((ST_Y(p.point_3857) - ST_YMin(env.e)) / ${cell}))`;
}

const mvtGeom = (g: string) => `ST_AsMVTGeom(${g}, env.e, ${TILE_EXTENT}, ${TILE_BUFFER}, true)`;

function mvtSelect(plan: TilePlan, L: TileLimits): string {
  const layer = (name: string, body: string, idColumn?: string) =>
    `coalesce((SELECT ST_AsMVT(t, '${name}', ${TILE_EXTENT}, 'geom'${idColumn ? `, '${idColumn}'` : ''}) FROM (${body}) t), ''::bytea)`;
  const parts: string[] = [];
  if (plan.polygons)
    parts.push(
      layer(
        'plots',
        `SELECT id AS fid, ${PLOT_FIELDS}, ${mvtGeom('g')} AS geom FROM polys, env
          WHERE (SELECT count(*) FROM polys) <= ${L.maxPolygons}`,
        'fid',
      ),
    );
  parts.push(
    layer(
      'plot_points',
      `SELECT id AS fid, ${PLOT_FIELDS}, ${mvtGeom('g')} AS geom FROM pts, env
        WHERE (SELECT count(*) FROM pts) <= ${L.maxPoints}`,
      'fid',
    ),
  );
  const clusterFields = plan.clusterBy === 'sub_district' ? 'sub_district, count' : 'count';
  parts.push(layer('plot_clusters', `SELECT ${clusterFields}, ${mvtGeom('g')} AS geom FROM clusters, env`));
  return `SELECT ${parts.join('\n  || ')} AS mvt`;
}

// Per layer one JSON array for the Node encoder (encode.ts): the property names, then each feature
// as its values followed by its geometry moved into tile units by ST_Affine and rounded by
// ST_AsGeoJSON, as ST_AsMVTGeom would place it. Positional rows and integer coordinates keep the
// text short and leave Node only the protobuf to write.
const PLOT_FIELD_LIST = PLOT_FIELDS.split(', ');
const ENV_UNITS = `env AS (SELECT e, m, ${TILE_EXTENT} / (ST_XMax(e) - ST_XMin(e)) AS k, ST_XMin(e) AS x0, ST_YMax(e) AS y0
    FROM (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS e,
      ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${MARGIN}) AS m) t)`;

function geojsonSelect(plan: TilePlan, L: TileLimits): string {
  const json = (c: string) => `coalesce(to_json(${c})::text, 'null')`;
  const units = (g: string) =>
    `ST_AsGeoJSON(ST_Affine(${g}, env.k, 0, 0, -env.k, -env.x0 * env.k, env.y0 * env.k), 0, 0)`;
  const layer = (fields: string[], geom: string, from: string) =>
    `(SELECT '[${JSON.stringify(fields)},' || string_agg('[' || ${fields
      .map(json)
      .join(` || ',' || `)} || ',' || ${units(geom)} || ']', ',') || ']' FROM ${from})`;
  const cols: string[] = [];
  cols.push(
    plan.polygons
      ? // ST_ClipByBox2D can leave an empty geometry for a plot that only touches the margin.
        `${layer(
          PLOT_FIELD_LIST,
          'c',
          `(SELECT ${PLOT_FIELDS}, ST_ClipByBox2D(g, env.m) AS c FROM polys, env
          WHERE (SELECT count(*) FROM polys) <= ${L.maxPolygons}) t, env WHERE NOT ST_IsEmpty(c)`,
        )} AS plots`
      : 'NULL::text AS plots',
  );
  cols.push(
    `${layer(PLOT_FIELD_LIST, 'g', `pts, env WHERE (SELECT count(*) FROM pts) <= ${L.maxPoints}`)} AS plot_points`,
  );
  const clusterFields = plan.clusterBy === 'sub_district' ? ['sub_district', 'count'] : ['count'];
  cols.push(`${layer(clusterFields, 'g', 'clusters, env')} AS plot_clusters`);
  return `SELECT ${cols.join(',\n  ')}`;
}

// The filter fields the running sums are kept by (the columns of plot_sub_district_stats).
const SUMMED_FIELDS: ReadonlySet<keyof PlotFilter> = new Set([
  'useClass',
  'useCode',
  'availability',
  'tenure',
  'district',
  'subDistrict',
]);

/**
 * The filter as a condition on the running sums (same parameters as on the plots), or null when
 * it uses a field they do not keep (ranges, text, ids, a drawn area).
 */
function summedFilter(filter: PlotFilter): string | null {
  for (const [k, v] of Object.entries(filter))
    if (v !== undefined && !SUMMED_FIELDS.has(k as keyof PlotFilter)) return null;
  return plotFilterSql(filter, { alias: 't', firstParam: FILTER_FIRST_PARAM, publishedOnly: false }).text;
}

const statements = new Map<string, string>();

/**
 * The one statement that makes tile `a` for `filter`. Its text depends only on the zoom's plan,
 * the output and which filter fields are set, so it is built once per such shape and reused.
 */
export function plotTileSql(
  a: TileAddress,
  filter: PlotFilter,
  output: TileOutput,
  L: TileLimits = TILE_LIMITS,
): SqlFragment {
  const plan = tilePlan(a.z, L);
  const f = plotFilterSql(filter, { alias: 'p', firstParam: FILTER_FIRST_PARAM });
  const key = `${output}|${plan.polygons}|${plan.clusterBy}|${JSON.stringify(L)}|${f.text}`;
  let text = statements.get(key);
  if (!text) {
    const ctes = [output === 'mvt' ? ENV : ENV_UNITS];
    if (plan.polygons) ctes.push(polysCte(f.text, L));
    ctes.push(ptsCte(f.text, plan.polygons, L), clustersCte(f.text, plan.clusterBy, L, summedFilter(filter)));
    text = `WITH ${ctes.join(',\n')}\n${output === 'mvt' ? mvtSelect(plan, L) : geojsonSelect(plan, L)}`;
    // Filter shapes are few (which fields are set), but never let odd clients grow this forever.
    if (statements.size > 500) statements.clear();
    statements.set(key, text);
  }
  return { text, values: [a.z, a.x, a.y, ...f.values] };
}
