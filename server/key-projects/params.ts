import { badRequest } from '../http/errors.ts';

/** A JSON body as an object of fields; 400 invalid_body otherwise. */
export function bodyOf(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badRequest('invalid_body', 'Send a JSON object.', raw);
  return raw as Record<string, unknown>;
}

/** An optional non-negative number up to `max`; null clears it. 400 `code` with the value. */
export function optNumber(v: unknown, code: string, max: number, integer = false): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max || (integer && !Number.isInteger(v)))
    throw badRequest(code, `Give a ${integer ? 'whole ' : ''}number from 0 to ${max}, or null.`, v);
  return v;
}

export function optBool(v: unknown, code: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw badRequest(code, 'Give true or false.', v);
  return v;
}

/** Required text, trimmed, 1..max characters. */
export function text(v: unknown, code: string, max: number): string {
  if (typeof v !== 'string' || !v.trim() || v.length > max)
    throw badRequest(
      code,
      `Give a text of 1 to ${max} characters.`,
      typeof v === 'string' ? v.slice(0, 200) : v,
    );
  return v.trim();
}

export function optText(v: unknown, code: string, max: number): string {
  if (v === undefined || v === null || v === '') return '';
  return text(v, code, max);
}

/** A user id in a body: a positive integer as a string or number. */
export function userId(v: unknown, code = 'invalid_user'): string {
  const s = typeof v === 'number' || typeof v === 'string' ? String(v) : '';
  if (!/^[1-9][0-9]{0,17}$/.test(s)) throw badRequest(code, 'Give a user id.', v);
  return s;
}

/** An https (or http) link for a video meeting. */
export function optUrl(v: unknown, code: string): string {
  const s = optText(v, code, 500);
  if (!s) return '';
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw badRequest(code, 'Give an http(s) address.', s);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw badRequest(code, 'Give an http(s) address.', s);
  return u.toString();
}

/** A future-or-present timestamp (ISO 8601 with a zone) within two years. */
export function meetingTime(v: unknown): Date {
  const d = typeof v === 'string' && /T.*(Z|[+-]\d\d:?\d\d)$/.test(v) ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime()))
    throw badRequest('invalid_meeting_time', 'Give the start as an ISO 8601 time with a zone.', v);
  const now = Date.now();
  if (d.getTime() < now - 60_000 || d.getTime() > now + 2 * 366 * 86_400_000)
    throw badRequest('invalid_meeting_time', 'The meeting must start within the next two years.', v);
  return d;
}

/** A calendar date (YYYY-MM-DD). */
export function date(v: unknown, code: string): string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
    throw badRequest(code, 'Give a date as YYYY-MM-DD.', v);
  return v;
}
