import type { Request } from 'express';
import { FILTER_PARAMS, parsePlotFilter, type PlotFilter } from '../../shared/filter.ts';
import { HttpError } from '../http/errors.ts';
import { isLang, LANGS, text, type Lang, type TextKey } from './texts.ts';

export const FREQUENCIES = ['immediate', 'daily'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface NewSavedSearch {
  email: string;
  filter: PlotFilter;
  language: Lang;
  frequency: Frequency;
}

// Deliberately simple: one @, a dot in the domain, no spaces or angle brackets. The
// confirmation mail is the real check that the address works.
const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]{2,}$/;
const MAX_EMAIL = 254; // characters (RFC 5321 path limit)

/**
 * The language of a request's messages: a valid `language` in the body, else ?lang, else the
 * best of Accept-Language, else Finnish.
 */
export function requestLang(req: Request): Lang {
  const body = req.body as Record<string, unknown> | undefined;
  if (isLang(body?.language)) return body.language;
  if (isLang(req.query.lang)) return req.query.lang;
  const best = req.acceptsLanguages(...LANGS);
  return isLang(best) ? best : 'fi';
}

/** A 4xx HttpError with the message in `lang` and the offending value. */
export function localisedError(
  status: number,
  code: TextKey,
  lang: Lang,
  value: unknown,
  extra: Record<string, unknown> = {},
): HttpError {
  const vars = { value: String(value ?? ''), ...(extra as Record<string, string | number>) };
  return new HttpError(status, code, text(lang, code, vars), { value, ...extra });
}

/**
 * Reads POST /api/saved-searches: { email, filter, language, frequency }. `filter` holds the
 * filter's query parameters (shared/filter.ts, the same names the map puts in its URL).
 * Throws a 400 in `lang` naming the first bad field and its value.
 */
export function parseNewSavedSearch(body: unknown, lang: Lang): NewSavedSearch {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;

  const language = b.language ?? lang;
  if (!isLang(language))
    throw localisedError(400, 'invalid_language', lang, language, { param: 'language', accepted: LANGS });

  const email = typeof b.email === 'string' ? b.email.trim() : b.email;
  if (typeof email !== 'string' || email.length > MAX_EMAIL || !EMAIL.test(email))
    throw localisedError(400, 'invalid_email', language, email ?? null, { param: 'email' });

  const frequency = b.frequency ?? 'immediate';
  if (!(FREQUENCIES as readonly unknown[]).includes(frequency))
    throw localisedError(400, 'invalid_frequency', language, frequency, {
      param: 'frequency',
      accepted: FREQUENCIES,
    });

  return {
    email,
    filter: parseSavedFilter(b.filter ?? {}, language),
    language,
    frequency: frequency as Frequency,
  };
}

/** The filter of a saved search, checked with the shared model; 400 invalid_filter otherwise. */
export function parseSavedFilter(raw: unknown, lang: Lang): PlotFilter {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw localisedError(400, 'invalid_filter', lang, raw, { param: 'filter' });
  const params = raw as Record<string, unknown>;
  const unknownParam = Object.keys(params).find((k) => !(FILTER_PARAMS as readonly string[]).includes(k));
  if (unknownParam !== undefined)
    throw localisedError(400, 'invalid_filter', lang, unknownParam, {
      param: unknownParam,
      accepted: FILTER_PARAMS,
    });
  // A list is of plain values (use=K,T); nested lists are no filter and only cost a walk.
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'number';
  for (const [k, v] of Object.entries(params)) {
    if (v != null && !scalar(v) && !(Array.isArray(v) && v.every(scalar)))
      throw localisedError(400, 'invalid_filter', lang, Array.isArray(v) ? '[…]' : v, { param: k });
  }
  const { filter, problems } = parsePlotFilter(params);
  const first = problems[0];
  if (first)
    throw localisedError(400, 'invalid_filter', lang, first.value, {
      param: first.param,
      problems,
    });
  if (filter.ids) throw localisedError(400, 'filter_selection', lang, 'ids', { param: 'ids' });
  return filter;
}
