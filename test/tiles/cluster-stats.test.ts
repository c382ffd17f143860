import { beforeAll, describe, expect, it } from 'vitest';
import type { PlotFilter } from '../../shared/filter.ts';
import { renderPlotTile, type TileEncoder } from '../../server/tiles/render.ts';
import { TILE_LIMITS, type TileLimits } from '../../server/tiles/sql.ts';
import { decodeTile, tileAt } from './decode.ts';
import { useTestDb } from '../helpers/fixture.ts';

// Low-zoom tiles, unfiltered or filtered on categorical fields, read per-sub-district running
// sums kept by triggers rather than the plots. Whatever happens to the plots, they must show
// what aggregating the plots would.

let encoders: TileEncoder[];

const app = useTestDb();
beforeAll(async () => {
  encoders = app.db.capabilities.mvt ? ['sql', 'node'] : ['node'];
});

interface Stat {
  key: string;
  n: number;
  x: number;
  y: number;
}

const KEY = `concat_ws('/', sub_district_number, district_number, use_code, use_class, availability, tenure)`;
const kept = () =>
  app.db.query<Stat>(
    `SELECT ${KEY} AS key, count::int AS n, sum_x / count AS x, sum_y / count AS y
       FROM plot_sub_district_stats WHERE count > 0 ORDER BY 1`,
  );
const actual = () =>
  app.db.query<Stat>(
    `SELECT ${KEY} AS key, count(*)::int AS n, avg(ST_X(point_3857)) AS x, avg(ST_Y(point_3857)) AS y
       FROM plots WHERE status = 'published' AND sub_district_number IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );

async function expectInStep(): Promise<void> {
  const [k, a] = [await kept(), await actual()];
  expect(k.map((s) => [s.key, s.n])).toEqual(a.map((s) => [s.key, s.n]));
  for (const [i, s] of k.entries()) {
    expect(Math.abs(s.x - a[i]!.x), `${s.key} x`).toBeLessThan(0.001);
    expect(Math.abs(s.y - a[i]!.y), `${s.key} y`).toBeLessThan(0.001);
  }
}

const ids = async (where: string, n: number) =>
  (
    await app.db.query<{ id: string }>(
      `SELECT id::text AS id FROM plots WHERE ${where} ORDER BY id LIMIT ${n}`,
    )
  ).map((r) => r.id);

describe('sub-district cluster sums', () => {
  it('match the published plots after publishing, withdrawing, moving, editing and deleting', async () => {
    await expectInStep();
    const published = await ids(`status = 'published'`, 40);
    await app.db.query(`UPDATE plots SET status = 'withdrawn' WHERE id = ANY($1::bigint[])`, [
      published.slice(0, 5),
    ]);
    await expectInStep();
    // Moved far enough to change sub-district for some.
    await app.db.query(`UPDATE plots SET geom = ST_Translate(geom, 900, 700) WHERE id = ANY($1::bigint[])`, [
      published.slice(5, 10),
    ]);
    await expectInStep();
    await app.db.query(`UPDATE plots SET availability = 'reserved' WHERE id = ANY($1::bigint[])`, [
      published.slice(10, 20),
    ]);
    await expectInStep();
    // A change nothing is kept by (building right) leaves the sums as they were.
    const before = await kept();
    await app.db.query(`UPDATE plots SET building_right_kem2 = 1234 WHERE id = ANY($1::bigint[])`, [
      published.slice(10, 30),
    ]);
    expect(await kept()).toEqual(before);
    await app.db.query(`UPDATE plots SET status = 'published' WHERE id = ANY($1::bigint[])`, [
      published.slice(0, 3),
    ]);
    await expectInStep();
    await app.db.query(`DELETE FROM plots WHERE id = ANY($1::bigint[])`, [published.slice(20, 24)]);
    await expectInStep();
  });

  it('give the same clusters as aggregating the plots, unfiltered and filtered on categories', async () => {
    const [centre] = await app.db.query<{ lon: number; lat: number }>(
      `SELECT avg(ST_X(ST_Transform(point_3857, 4326))) AS lon, avg(ST_Y(ST_Transform(point_3857, 4326))) AS lat
         FROM plots WHERE status = 'published'`,
    );
    // Few points allowed, so these tiles fall back to sub-district clusters.
    const small: TileLimits = { ...TILE_LIMITS, maxPoints: 10 };
    const categorical: PlotFilter[] = [
      {},
      { useClass: ['industrial'], availability: ['available', 'coming'] },
      { useCode: ['KT', 'T'], tenure: ['lease'] },
    ];
    for (const filter of categorical)
      for (const z of [8, 10, 11])
        for (const encoder of encoders) {
          const a = tileAt(centre!.lon, centre!.lat, z);
          const render = async (f: PlotFilter) =>
            decodeTile(await renderPlotTile(app.db, a, f, { encoder, limits: small }));
          // A range that keeps every plot makes the tile aggregate the plots themselves.
          const direct = await render({ ...filter, areaMin: 0 });
          const summed = await render(filter);
          const clusters = (l: typeof direct) =>
            (l.plot_clusters ?? [])
              .map((f) => ({
                sub: Number(f.properties.sub_district),
                n: f.properties.count,
                at: f.rings[0]![0]!,
              }))
              .sort((p, q) => p.sub - q.sub);
          const want = clusters(direct);
          const got = clusters(summed);
          const what = `${JSON.stringify(filter)} z${z} ${encoder}`;
          expect(want.length, what).toBeGreaterThan(1);
          expect(
            got.map((c) => [c.sub, c.n]),
            what,
          ).toEqual(want.map((c) => [c.sub, c.n]));
          for (const [i, c] of got.entries()) {
            expect(Math.abs(c.at.x - want[i]!.at.x), what).toBeLessThanOrEqual(1);
            expect(Math.abs(c.at.y - want[i]!.at.y), what).toBeLessThanOrEqual(1);
          }
        }
  });
});
