import { parsePlotFilter, type PlotFilter } from '../../shared/filter.ts';
import { HttpError } from '../http/errors.ts';

export interface SqlFragment {
  text: string;
  values: unknown[];
}

/**
 * Reads the filter from a request's query and answers 400 `invalid_filter` naming every bad
 * parameter, its value and (for lists) the accepted values.
 */
export function plotFilterFromQuery(query: Record<string, unknown>): PlotFilter {
  const { filter, problems } = parsePlotFilter(query);
  if (problems.length) {
    const first = problems[0]!;
    const msg =
      first.code === 'unknown_value'
        ? `Unknown value "${first.value}" for ${first.param}; accepted: ${first.accepted!.join(', ')}.`
        : `Invalid value "${first.value}" for ${first.param}.`;
    throw new HttpError(400, 'invalid_filter', msg, { value: first.value, param: first.param, problems });
  }
  return filter;
}

/**
 * WHERE conditions for a filter over the plots table aliased `alias`, with parameters numbered
 * from `firstParam`. Public reads pass `publishedOnly` (the default). Column comparisons never
 * wrap the column in a function, so the indexes stay usable.
 */
export function plotFilterSql(
  f: PlotFilter,
  opts: { alias?: string; firstParam?: number; publishedOnly?: boolean } = {},
): SqlFragment {
  const a = opts.alias ?? 'p';
  const values: unknown[] = [];
  const conds: string[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${(opts.firstParam ?? 1) + values.length - 1}`;
  };
  if (opts.publishedOnly !== false) conds.push(`${a}.status = 'published'`);
  if (f.useClass) conds.push(`${a}.use_class = ANY(${param(f.useClass)}::text[])`);
  if (f.useCode) conds.push(`${a}.use_code = ANY(${param(f.useCode)}::text[])`);
  if (f.availability) conds.push(`${a}.availability = ANY(${param(f.availability)}::text[])`);
  if (f.tenure) conds.push(`${a}.tenure = ANY(${param(f.tenure)}::text[])`);
  if (f.areaMin !== undefined) conds.push(`${a}.area_m2 >= ${param(f.areaMin)}`);
  if (f.areaMax !== undefined) conds.push(`${a}.area_m2 <= ${param(f.areaMax)}`);
  if (f.buildingRightMin !== undefined)
    conds.push(`${a}.building_right_kem2 >= ${param(f.buildingRightMin)}`);
  if (f.buildingRightMax !== undefined)
    conds.push(`${a}.building_right_kem2 <= ${param(f.buildingRightMax)}`);
  if (f.priceMin !== undefined) conds.push(`${a}.price_eur_kem2 >= ${param(f.priceMin)}`);
  if (f.priceMax !== undefined) conds.push(`${a}.price_eur_kem2 <= ${param(f.priceMax)}`);
  // bigint[]: the filter accepts up to 12 digits, and a smallint cast of 32768 would be a 500.
  if (f.district) conds.push(`${a}.district_number = ANY(${param(f.district)}::bigint[])`);
  if (f.subDistrict) conds.push(`${a}.sub_district_number = ANY(${param(f.subDistrict)}::bigint[])`);
  if (f.ids) conds.push(`${a}.id = ANY(${param(f.ids)}::bigint[])`);
  if (f.q) {
    // LIKE wildcards in user text are literals.
    const like = '%' + f.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    conds.push(`${a}.search_text LIKE ${param(like)}`);
  }
  if (f.within) {
    conds.push(
      `ST_Intersects(${a}.geom, ST_Transform(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${param(JSON.stringify(f.within))}), 4326)), 3879))`,
    );
  }
  return { text: conds.length ? conds.join(' AND ') : 'true', values };
}
