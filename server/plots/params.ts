import { badRequest } from '../http/errors.ts';

export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 5000;

/**
 * A positive integer no larger than `max`; absent gives `dflt`. Anything else throws 400
 * `invalid_limit` naming the range.
 */
export function parseLimit(raw: unknown, dflt: number, max: number): number {
  if (raw === undefined || raw === '') return dflt;
  const s = String(raw);
  const n = /^\d{1,9}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= max))
    throw badRequest(
      'invalid_limit',
      `Invalid limit "${s.slice(0, 50)}": give a whole number from 1 to ${max}.`,
      s.slice(0, 50),
      {
        max,
      },
    );
  return n;
}

/** A plot id from the path: digits only (400 `invalid_id` otherwise). */
export function parsePlotId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw))
    throw badRequest(
      'invalid_id',
      `Invalid plot id "${raw.slice(0, 50)}": plot ids are whole numbers.`,
      raw.slice(0, 50),
    );
  return Number(raw);
}
