/**
 * Faceted counts of the area filter: how many published plots each sub-district would show with
 * every other active filter applied, but not the sub-district choice itself, so that the list
 * reads "Kalasatama (3)" when Industrial is ticked and picking it never lands on 0 by surprise.
 */
import { filterKey, type PlotFilter } from '../../shared/filter.ts';
import type { Db } from '../db/index.ts';
import type { DataVersion } from './data-version.ts';
import { plotFilterSql } from './filter-sql.ts';
import { createVersionedCache } from './versioned-cache.ts';

export interface SubDistrictCounts {
  /** Sub-district number -> matching published plots; sub-districts with none are left out. */
  sub_districts: Record<string, number>;
}

// One entry per filter a user composes; a busy server sees a few hundred per data version.
const MAX_ENTRIES = 500;

/** The counts for a filter, cached per data version like the list's total count. */
export function createFacetCounts(db: Db, dataVersion: DataVersion) {
  const cache = createVersionedCache<SubDistrictCounts>(dataVersion, MAX_ENTRIES);
  return (filter: PlotFilter): Promise<SubDistrictCounts> => {
    // The facet's own choice does not narrow its counts.
    const others: PlotFilter = { ...filter };
    delete others.subDistrict;
    return cache(filterKey(others), async () => {
      const w = plotFilterSql(others);
      const rows = await db.query<{ n: number; c: number }>(
        `SELECT p.sub_district_number::int AS n, count(*)::int AS c FROM plots p
          WHERE ${w.text} AND p.sub_district_number IS NOT NULL GROUP BY 1`,
        w.values,
      );
      return { sub_districts: Object.fromEntries(rows.map((r) => [String(r.n), Number(r.c)])) };
    });
  };
}
