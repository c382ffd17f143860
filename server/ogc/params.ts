import { FILTER_PARAMS, type PlotFilter } from '../../shared/filter.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { parseBbox, type Bbox } from '../plots/bbox.ts';
import { plotFilterFromQuery } from '../plots/filter-sql.ts';
import { parseLimit } from '../plots/params.ts';
import { parseCrs, type OgcCrs } from './crs.ts';

export const ITEMS_LIMIT_DEFAULT = 100;
export const ITEMS_LIMIT_MAX = 10_000;

/** The two collections. */
export const COLLECTIONS = ['plots', 'districts'] as const;
export type CollectionId = (typeof COLLECTIONS)[number];

const COMMON_PARAMS = ['f', 'limit', 'bbox', 'bbox-crs', 'crs', 'after', 'before'];
const ITEMS_PARAMS: Record<CollectionId, readonly string[]> = {
  plots: [...COMMON_PARAMS, ...FILTER_PARAMS],
  districts: COMMON_PARAMS,
};

/** The collection named in a path; unknown names throw 404 `collection_not_found`. */
export function parseCollection(raw: string): CollectionId {
  if ((COLLECTIONS as readonly string[]).includes(raw)) return raw as CollectionId;
  throw new HttpError(
    404,
    'collection_not_found',
    `No collection "${raw.slice(0, 100)}"; there are: ${COLLECTIONS.join(', ')}.`,
    {
      value: raw.slice(0, 100),
    },
  );
}

/**
 * Rejects query parameters the API does not define (OGC API - Features requires a 400, and it
 * catches misspelt filters that would otherwise silently return everything).
 */
export function rejectUnknownParams(query: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length)
    throw badRequest(
      'unknown_parameter',
      `Unknown query parameter "${unknown[0]}"; accepted: ${allowed.join(', ')}.`,
      unknown[0],
      { accepted: allowed },
    );
}

export interface ItemsQuery {
  filter: PlotFilter;
  bbox?: Bbox;
  crs: OgcCrs;
  bboxCrs: OgcCrs;
  limit: number;
  after?: number;
  before?: number;
}

const pageId = (raw: unknown, param: string): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const s = String(raw);
  if (!/^\d{1,15}$/.test(s))
    throw badRequest(
      'invalid_page',
      `Invalid ${param} "${s.slice(0, 50)}": follow the next/prev links.`,
      s.slice(0, 50),
      {
        param,
      },
    );
  return Number(s);
};

/**
 * Reads an items request: limit (default 100, at most 10 000), bbox in `bbox-crs` (default
 * CRS84) and its axis order, output `crs`, the page position and, for plots, the shared filter.
 * Every bad value throws 400 with a stable code and the value.
 */
export function parseItemsQuery(collection: CollectionId, query: Record<string, unknown>): ItemsQuery {
  rejectUnknownParams(query, ITEMS_PARAMS[collection]);
  const crs = parseCrs(query.crs, 'crs');
  const bboxCrs = parseCrs(query['bbox-crs'], 'bbox-crs');
  if (query['bbox-crs'] !== undefined && query.bbox === undefined)
    throw badRequest('invalid_bbox', 'bbox-crs was given without a bbox.', String(query['bbox-crs']), {
      param: 'bbox-crs',
    });
  const bbox = parseBbox(query.bbox, { srid: bboxCrs.srid, northFirst: bboxCrs.northFirst });
  const limit = parseLimit(query.limit, ITEMS_LIMIT_DEFAULT, ITEMS_LIMIT_MAX);
  const after = pageId(query.after, 'after');
  const before = pageId(query.before, 'before');
  if (after !== undefined && before !== undefined)
    throw badRequest('invalid_page', 'Give after or before, not both.', `${after},${before}`, {
      param: 'before',
    });
  const filter = collection === 'plots' ? plotFilterFromQuery(query) : {};
  return { filter, bbox, crs, bboxCrs, limit, after, before };
}
