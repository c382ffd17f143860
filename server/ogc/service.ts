/** Feature pages and single features of the OGC API, written as GeoJSON text. */
import { filterKey, filterToParams } from '../../shared/filter.ts';
import type { Db } from '../db/index.ts';
import type { CountCache } from '../plots/count-cache.ts';
import type { DataVersion } from '../plots/data-version.ts';
import { GEOJSON_TYPE, type Extents, type Link } from './documents.ts';
import type { CollectionId, ItemsQuery } from './params.ts';
import type { OgcCrs } from './crs.ts';
import {
  DISTRICT_PROPERTIES,
  districtCountSql,
  districtFeatureSql,
  districtPageSql,
  extentsSql,
  PLOT_PROPERTIES,
  plotCountSql,
  plotFeatureSql,
  plotPageSql,
  type FeatureRow,
} from './queries.ts';

const PROPERTIES: Record<CollectionId, ReadonlyArray<readonly [string, string, string]>> = {
  plots: PLOT_PROPERTIES,
  districts: DISTRICT_PROPERTIES,
};

// Properties are assembled as text around the geometry PostGIS already wrote as GeoJSON, so a
// 10 000-feature page is never parsed and re-serialised.
function featureText(collection: CollectionId, row: FeatureRow, links?: Link[]): string {
  const props: Record<string, unknown> = {};
  for (const [name] of PROPERTIES[collection]) props[name] = row[name] ?? null;
  const tail = links ? `,"links":${JSON.stringify(links)}` : '';
  return `{"type":"Feature","id":${Number(row.id)},"geometry":${row.geometry},"properties":${JSON.stringify(props)}${tail}}`;
}

/**
 * One page of a collection as a GeoJSON FeatureCollection (text) with numberMatched,
 * numberReturned, timeStamp and self/next/prev/collection links. `selfUrl` is the request's
 * absolute URL; next/prev links keep its parameters and move the page position.
 */
export async function itemsPage(
  db: Db,
  collection: CollectionId,
  q: ItemsQuery,
  urls: { self: URL; collection: string; root: string },
  countCache: CountCache,
): Promise<string> {
  const req = { crs: q.crs, bbox: q.bbox, limit: q.limit, after: q.after, before: q.before };
  const pageSql = collection === 'plots' ? plotPageSql(q.filter, req) : districtPageSql(req);
  const countSql = collection === 'plots' ? plotCountSql(q.filter, q.bbox) : districtCountSql(q.bbox);
  // Counted once per filter and data version: a client paging through everything pays for it once.
  const countKey = `${collection} ${filterKey(q.filter)} ${JSON.stringify(q.bbox ?? null)}`;
  const [rows, matched] = await Promise.all([
    db.query<FeatureRow>(pageSql.text, pageSql.values),
    countCache(
      countKey,
      async () => (await db.query<{ n: number }>(countSql.text, countSql.values))[0]?.n ?? 0,
    ),
  ]);
  const selfUrl = urls.self;
  const collectionUrl = urls.collection;
  const backwards = q.before !== undefined;
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];

  const at = (param: 'after' | 'before', id: number) => {
    const u = new URL(selfUrl);
    u.searchParams.delete('after');
    u.searchParams.delete('before');
    u.searchParams.set(param, String(id));
    return u.toString();
  };
  const links: Link[] = [
    { href: selfUrl.toString(), rel: 'self', type: GEOJSON_TYPE, title: 'This page' },
    { href: collectionUrl, rel: 'collection', type: 'application/json', title: 'The collection' },
  ];
  if (collection === 'plots') {
    // The same plots as files, through the export (it takes the same filter parameters).
    const filter = filterToParams(q.filter).toString();
    const exp = (format: string) => `${urls.root}/api/export?format=${format}${filter ? `&${filter}` : ''}`;
    links.push(
      { href: exp('csv'), rel: 'alternate', type: 'text/csv', title: 'CSV' },
      { href: exp('gpkg'), rel: 'alternate', type: 'application/geopackage+sqlite3', title: 'GeoPackage' },
    );
  }
  // Forwards: a next page when a row beyond the page was read; a previous one when we started
  // after some id. Backwards the other way round.
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : q.after !== undefined;
  if (hasNext && (last || backwards)) {
    const id = last ? Number(last.id) : q.before! - 1;
    links.push({ href: at('after', id), rel: 'next', type: GEOJSON_TYPE, title: 'Next page' });
  }
  if (hasPrev) {
    const id = first ? Number(first.id) : q.after! + 1;
    links.push({ href: at('before', id), rel: 'prev', type: GEOJSON_TYPE, title: 'Previous page' });
  }
  return (
    `{"type":"FeatureCollection","numberMatched":${matched},"numberReturned":${page.length},` +
    `"timeStamp":"${new Date().toISOString()}","links":${JSON.stringify(links)},` +
    `"features":[${page.map((r) => featureText(collection, r)).join(',')}]}`
  );
}

/** One feature as GeoJSON text with self and collection links; undefined when there is none. */
export async function itemText(
  db: Db,
  collection: CollectionId,
  id: number,
  crs: OgcCrs,
  selfUrl: string,
  collectionUrl: string,
): Promise<string | undefined> {
  const sql = collection === 'plots' ? plotFeatureSql(id, crs) : districtFeatureSql(id, crs);
  const [row] = await db.query<FeatureRow>(sql.text, sql.values);
  if (!row) return undefined;
  return featureText(collection, row, [
    { href: selfUrl, rel: 'self', type: GEOJSON_TYPE, title: 'This feature' },
    { href: collectionUrl, rel: 'collection', type: 'application/json', title: 'The collection' },
  ]);
}

// Helsinki, for an empty table.
const HELSINKI: [number, number, number, number] = [24.78, 59.92, 25.26, 60.3];

/** Collection extents in CRS84, read again only when the plot data version changes. */
export function createExtents(db: Db, dataVersion: DataVersion): () => Promise<Extents> {
  let cached: { version: number; extents: Extents } | undefined;
  return async () => {
    const version = dataVersion.current();
    if (cached?.version === version) return cached.extents;
    const q = extentsSql();
    const [row] = await db.query<{ plots: string | null; districts: string | null }>(q.text, q.values);
    // Rounded outwards to 6 decimals, so the box still holds every feature.
    const parse = (s: string | null | undefined): Extents['plots'] => {
      if (!s) return HELSINKI;
      const [w, so, e, n] = s.split(',').map(Number) as [number, number, number, number];
      return [
        Math.floor(w * 1e6) / 1e6,
        Math.floor(so * 1e6) / 1e6,
        Math.ceil(e * 1e6) / 1e6,
        Math.ceil(n * 1e6) / 1e6,
      ];
    };
    const extents: Extents = { plots: parse(row?.plots), districts: parse(row?.districts) };
    cached = { version, extents };
    return extents;
  };
}
