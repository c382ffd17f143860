import { badRequest } from '../http/errors.ts';

/** Sort orders of the plot list: a column, descending with a leading '-'. */
export const PLOT_SORTS = [
  'property_id',
  'area_m2',
  '-area_m2',
  'building_right_kem2',
  '-building_right_kem2',
  'price_eur_kem2',
  '-price_eur_kem2',
] as const;
export type PlotSort = (typeof PLOT_SORTS)[number];

/** Where the previous page ended: the sort, the sort column's value there and the row's id. */
export interface PlotCursor {
  sort: PlotSort;
  value: string | number | null;
  id: number;
}

/** The `sort` parameter; absent means by property identifier. Unknown values throw 400 `invalid_sort`. */
export function parseSort(raw: unknown): PlotSort {
  if (raw === undefined || raw === '') return 'property_id';
  const s = String(raw);
  if (!(PLOT_SORTS as readonly string[]).includes(s))
    throw badRequest('invalid_sort', `Unknown sort "${s}"; accepted: ${PLOT_SORTS.join(', ')}.`, s, {
      accepted: PLOT_SORTS,
    });
  return s as PlotSort;
}

/** Opaque, URL-safe text for a cursor. */
export function encodeCursor(c: PlotCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id])).toString('base64url');
}

/**
 * Reads a cursor made by encodeCursor for the same sort. Absent input is undefined; anything else
 * that is not such a cursor (edited, from another sort) throws 400 `invalid_cursor`.
 */
export function decodeCursor(raw: unknown, sort: PlotSort): PlotCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = String(raw);
  const fail = (why: string) =>
    badRequest('invalid_cursor', `Invalid cursor: ${why}; start again without a cursor.`, text.slice(0, 200));
  if (text.length > 300 || !/^[A-Za-z0-9_-]+$/.test(text)) throw fail('not a cursor of this list');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw fail('not a cursor of this list');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw fail('not a cursor of this list');
  const [s, value, id] = parsed as [unknown, unknown, unknown];
  if (s !== sort) throw fail(`it belongs to sort "${String(s)}", not "${sort}"`);
  if (!Number.isSafeInteger(id) || (id as number) < 0) throw fail('not a cursor of this list');
  const ok =
    value === null ||
    (sort === 'property_id' ? typeof value === 'string' && value.length <= 20 : Number.isFinite(value));
  if (!ok) throw fail('not a cursor of this list');
  return { sort, value: value as PlotCursor['value'], id: id as number };
}
