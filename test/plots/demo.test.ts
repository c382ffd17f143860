import { describe, expect, it } from 'vitest';
import { generateDemoPlots } from '../../server/plots/demo/generate.ts';
import { BUSINESS_SUB_DISTRICTS } from '../../server/reference/business-areas.ts';
import { TEST_PLOT_COUNT } from '../helpers/template.ts';
import { useTestDb } from '../helpers/fixture.ts';

const app = useTestDb();

describe('demo data generator', () => {
  it('is deterministic for a seed', () => {
    const a = [...generateDemoPlots({ count: 50, seed: 7 })];
    const b = [...generateDemoPlots({ count: 50, seed: 7 })];
    const c = [...generateDemoPlots({ count: 50, seed: 8 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('keeps property identifiers unique and blocks below the 99xx public-area range at benchmark scale', () => {
    const ids = new Set<string>();
    let maxBlock = 0;
    for (const p of generateDemoPlots({ count: 300_000 })) {
      ids.add(p.property_id);
      maxBlock = Math.max(maxBlock, Number(p.property_id.slice(8, 12)));
    }
    expect(ids.size).toBe(300_000);
    expect(maxBlock).toBeLessThan(9900);
  });

  it('loads the requested number of plots, all marked as demo data', async () => {
    const [r] = await app.db.query<{ n: number; demo: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE is_demo)::int AS demo FROM plots`,
    );
    expect(r).toEqual({ n: TEST_PLOT_COUNT, demo: TEST_PLOT_COUNT });
  });

  it('places every plot inside a real business sub-district, on land, overlapping no other plot', async () => {
    const [r] = await app.db.query<{ outside: number; offland: number; overlaps: number }>(
      `SELECT
         (SELECT count(*)::int FROM plots p WHERE NOT EXISTS (SELECT 1 FROM sub_districts s
            WHERE s.number = ANY($1::int[]) AND ST_Within(p.geom, s.geom))) AS outside,
         (SELECT count(*)::int FROM plots p WHERE NOT EXISTS (SELECT 1 FROM transit_zones z
            WHERE ST_Intersects(z.geom, ST_Centroid(p.geom)))) AS offland,
         (SELECT count(*)::int FROM plots a JOIN plots b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)) AS overlaps`,
      [BUSINESS_SUB_DISTRICTS],
    );
    expect(r).toEqual({ outside: 0, offland: 0, overlaps: 0 });
  });

  it('gives property identifiers whose district matches the sub-district they lie in', async () => {
    const rows = await app.db.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM plots WHERE district_number <> sub_district_number / 10`,
    );
    expect(rows[0]!.bad).toBe(0);
  });

  it('uses zoning codes that fit the area: industrial in Roihupelto, offices and commerce in Pasila', async () => {
    const rows = await app.db.query<{ sub: number; use_class: string; n: number }>(
      `SELECT sub_district_number AS sub, use_class, count(*)::int AS n FROM plots
       WHERE sub_district_number IN (456, 171, 174) GROUP BY 1, 2`,
    );
    const classes = (sub: number) => new Set(rows.filter((r) => r.sub === sub).map((r) => r.use_class));
    expect(classes(456)).toEqual(new Set(['industrial']));
    expect(classes(171).has('industrial')).toBe(false);
    expect(classes(174).has('industrial')).toBe(false);
  });

  it('keeps area, building right and efficiency in realistic ranges', async () => {
    const [r] = await app.db.query<{ amin: number; amax: number; emin: number; emax: number }>(
      `SELECT min(area_m2) amin, max(area_m2) amax, min(efficiency) emin, max(efficiency) emax FROM plots`,
    );
    expect(r!.amin).toBeGreaterThan(800);
    expect(r!.amax).toBeLessThan(20_000);
    expect(r!.emin).toBeGreaterThanOrEqual(0.15);
    expect(r!.emax).toBeLessThanOrEqual(4.5);
  });
});
