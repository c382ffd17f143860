import { beforeAll, describe, expect, it } from 'vitest';
import type { TileAddress } from '../../server/tiles/address.ts';
import { renderPlotTile, type TileEncoder } from '../../server/tiles/render.ts';
import { TILE_BUFFER, TILE_EXTENT, TILE_LIMITS, type TileLimits } from '../../server/tiles/sql.ts';
import { decodeTile, tileAt, type DecodedFeature } from './decode.ts';
import { useTestDb } from '../helpers/fixture.ts';

// The same tiles must come out of ST_AsMVT (PostgreSQL) and of the Node encoder (PGlite, and
// PostgreSQL when forced): both are checked against the plots table itself, and on PostgreSQL
// against each other.

const WORLD_M = 2 * Math.PI * 6378137;
const MARGIN = TILE_BUFFER / TILE_EXTENT;

interface PlotRow {
  id: number;
  use_class: string;
  use_code: string;
  availability: string;
  area_m2: number;
  building_right_kem2: number;
  price_eur_kem2: number | null;
  geom: string; // GeoJSON, EPSG:3857
  inside: boolean; // wholly inside the tile (not clipped)
}

let encoders: TileEncoder[];
const tiles: TileAddress[] = [];

const app = useTestDb();
beforeAll(async () => {
  encoders = app.db.capabilities.mvt ? ['sql', 'node'] : ['node'];
  // Tiles around real plots at every zoom, plus tiles that cut a plot in two at z15.
  const pts = await app.db.query<{ lon: number; lat: number }>(
    `SELECT ST_X(q) AS lon, ST_Y(q) AS lat FROM (SELECT ST_Transform(point_3857, 4326) AS q FROM plots
      WHERE status = 'published') s ORDER BY lon`,
  );
  for (const i of [0, 97, 211, 350]) {
    const p = pts[i % pts.length]!;
    for (const z of [9, 11, 12, 13, 14, 16]) tiles.push(tileAt(p.lon, p.lat, z));
  }
  const cut = await app.db.query<{ minx: number; maxx: number; miny: number }>(
    `SELECT ST_XMin(geom_3857) AS minx, ST_XMax(geom_3857) AS maxx, ST_YMin(geom_3857) AS miny
       FROM plots WHERE status = 'published' ORDER BY id`,
  );
  const z = 15;
  const scale = 2 ** z / WORLD_M;
  const split = cut.filter(
    (c) => Math.floor((c.minx + WORLD_M / 2) * scale) !== Math.floor((c.maxx + WORLD_M / 2) * scale),
  );
  for (const c of split.slice(0, 3))
    tiles.push({
      z,
      x: Math.floor((c.minx + WORLD_M / 2) * scale),
      y: Math.floor((WORLD_M / 2 - c.miny) * scale),
    });
  expect(split.length).toBeGreaterThan(0);
});

/** The published plots a tile must show: intersecting the tile plus its buffer. */
async function expectedPlots(a: TileAddress, column: 'geom_3857' | 'point_3857', filter = 'true') {
  return app.db.query<PlotRow>(
    `SELECT id, use_class, use_code, availability, area_m2, building_right_kem2, price_eur_kem2,
            ST_AsGeoJSON(${column}, 3) AS geom, ST_Within(geom_3857, ST_TileEnvelope($1, $2, $3)) AS inside
       FROM plots
      WHERE status = 'published' AND ${filter}
        AND ST_Intersects(${column}, ST_TileEnvelope($1, $2, $3, margin => ${MARGIN}))
      ORDER BY id`,
    [a.z, a.x, a.y],
  );
}

const toTileUnits = (a: TileAddress, [mx, my]: number[]) => ({
  x: ((mx! / WORLD_M + 0.5) * 2 ** a.z - a.x) * TILE_EXTENT,
  y: ((0.5 - my! / WORLD_M) * 2 ** a.z - a.y) * TILE_EXTENT,
});

function vertices(f: DecodedFeature) {
  return f.rings.flat();
}

/** Every vertex of a has one of b within `tol` tile units, and the other way round. */
function sameShape(a: Array<{ x: number; y: number }>, b: Array<{ x: number; y: number }>, tol = 1) {
  const near = (p: { x: number; y: number }, set: Array<{ x: number; y: number }>) =>
    set.some((q) => Math.abs(p.x - q.x) <= tol && Math.abs(p.y - q.y) <= tol);
  return a.every((p) => near(p, b)) && b.every((p) => near(p, a));
}

function plotAttributes(r: PlotRow) {
  const props: Record<string, unknown> = {
    id: r.id,
    use_class: r.use_class,
    use_code: r.use_code,
    availability: r.availability,
    area_m2: r.area_m2,
    building_right_kem2: r.building_right_kem2,
  };
  if (r.price_eur_kem2 !== null) props.price_eur_kem2 = r.price_eur_kem2;
  return props;
}

async function render(a: TileAddress, encoder: TileEncoder, limits?: TileLimits) {
  return decodeTile(await renderPlotTile(app.db, a, {}, { encoder, limits }));
}

describe('plot tiles from ST_AsMVT and from the Node encoder', () => {
  it('show exactly the published plots in each tile, as outlines from zoom 13 and points below', async () => {
    let checkedFeatures = 0;
    for (const a of tiles) {
      const polygons = a.z >= TILE_LIMITS.polygonMinZoom;
      const truth = await expectedPlots(a, polygons ? 'geom_3857' : 'point_3857');
      for (const encoder of encoders) {
        const layers = await render(a, encoder);
        const features = layers[polygons ? 'plots' : 'plot_points'] ?? [];
        expect(Object.keys(layers).filter((l) => l !== (polygons ? 'plots' : 'plot_points'))).toEqual([]);
        expect(
          features.map((f) => f.id).sort((x, y) => x! - y!),
          `${encoder} ${a.z}/${a.x}/${a.y}`,
        ).toEqual(truth.map((r) => r.id));
        for (const f of features) {
          const row = truth.find((r) => r.id === f.id)!;
          expect(f.properties).toEqual(plotAttributes(row));
          expect(f.type).toBe(polygons ? 3 : 1);
          const geom = JSON.parse(row.geom) as GeoJSON.MultiPolygon | GeoJSON.Point;
          if (geom.type === 'Point') {
            expect(sameShape(vertices(f), [toTileUnits(a, geom.coordinates)])).toBe(true);
          } else if (row.inside) {
            const want = geom.coordinates.flat(2).map((c) => toTileUnits(a, c));
            expect(sameShape(vertices(f), want), `${encoder} plot ${f.id}`).toBe(true);
          }
          checkedFeatures++;
        }
      }
    }
    expect(checkedFeatures).toBeGreaterThan(100);
  });

  it('cut plots at the tile buffer the same way (compared with each other where both exist)', async () => {
    const clipped = tiles.filter((t) => t.z === 15);
    expect(clipped.length).toBeGreaterThan(0);
    for (const a of clipped) {
      const results = await Promise.all(encoders.map((e) => render(a, e)));
      for (const layers of results) {
        const features = layers.plots ?? [];
        expect(features.length).toBeGreaterThan(0);
        // Nothing reaches past the buffer.
        for (const p of features.flatMap(vertices)) {
          expect(p.x).toBeGreaterThanOrEqual(-TILE_BUFFER - 1);
          expect(p.x).toBeLessThanOrEqual(TILE_EXTENT + TILE_BUFFER + 1);
          expect(p.y).toBeGreaterThanOrEqual(-TILE_BUFFER - 1);
          expect(p.y).toBeLessThanOrEqual(TILE_EXTENT + TILE_BUFFER + 1);
        }
      }
      const [first, ...rest] = results;
      for (const other of rest) {
        for (const f of first!.plots!) {
          const g = other.plots!.find((o) => o.id === f.id);
          expect(g, `plot ${f.id}`).toBeDefined();
          expect(sameShape(vertices(f), vertices(g!)), `plot ${f.id} in ${a.z}/${a.x}/${a.y}`).toBe(true);
        }
      }
    }
  });

  it('fall back to points, then to clusters counting every plot, when a tile would hold too many', async () => {
    const small: TileLimits = { ...TILE_LIMITS, maxPolygons: 20, maxPoints: 40 };
    for (const a of tiles) {
      const points = (await expectedPlots(a, 'point_3857')).length;
      const outlines = (await expectedPlots(a, 'geom_3857')).length;
      const want =
        points + outlines === 0
          ? []
          : a.z >= small.polygonMinZoom && outlines <= small.maxPolygons
            ? ['plots']
            : points <= small.maxPoints
              ? ['plot_points']
              : ['plot_clusters'];
      for (const encoder of encoders) {
        const layers = await render(a, encoder, small);
        const names = Object.keys(layers);
        expect(names, `${encoder} ${a.z}/${a.x}/${a.y}`).toEqual(want);
        if (names[0] !== 'plot_clusters') continue;
        const clusters = layers.plot_clusters!;
        for (const c of clusters) expect(c.properties.count).toBeGreaterThan(0);
        if (a.z > small.subDistrictMaxZoom) {
          // Grid cells cover the tile exactly: their counts add up to the plots in it.
          const exact = await app.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM plots WHERE status = 'published' AND point_3857 && ST_TileEnvelope($1, $2, $3)`,
            [a.z, a.x, a.y],
          );
          expect(clusters.reduce((s, c) => s + Number(c.properties.count), 0)).toBe(exact[0]!.n);
        } else {
          // Sub-district clusters count the whole sub-district.
          for (const c of clusters) {
            const n = await app.db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM plots WHERE status = 'published' AND sub_district_number = $1`,
              [c.properties.sub_district],
            );
            expect(c.properties.count).toBe(n[0]!.n);
          }
        }
      }
    }
  });
});
