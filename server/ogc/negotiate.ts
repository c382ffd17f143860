import type { Request } from 'express';
import { badRequest, HttpError } from '../http/errors.ts';
import { GEOJSON_TYPE, JSON_TYPE, OPENAPI_TYPE } from './documents.ts';

export type Representation = 'json' | 'geojson' | 'openapi';

// What each kind of resource can be sent as, preferred first; `f` values that select them.
const TYPES: Record<Representation, { types: string[]; f: string[] }> = {
  json: { types: [JSON_TYPE], f: ['json'] },
  geojson: { types: [GEOJSON_TYPE, JSON_TYPE], f: ['json', 'geojson'] },
  openapi: { types: [OPENAPI_TYPE, JSON_TYPE], f: ['json'] },
};

interface MediaRange {
  type: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part) => {
    const [type, ...params] = part.trim().split(';');
    if (!type) return [];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    return [{ type: type.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0 }];
  });
}

const matches = (range: string, type: string) => {
  const base = type.split(';')[0]!;
  if (range === '*/*' || range === base) return true;
  return range.endsWith('/*') && base.startsWith(range.slice(0, -1));
};

/**
 * The media type to answer with. `f=json` (or geojson for features) picks the JSON form;
 * otherwise the Accept header decides, and no header or a wildcard gets the preferred type.
 * An unknown `f` throws 400 `invalid_format`; an Accept that rules out every JSON form 406.
 */
export function negotiate(req: Request, kind: Representation): string {
  const { types, f } = TYPES[kind];
  const fParam = req.query.f;
  if (fParam !== undefined) {
    const value = String(fParam);
    if (!f.includes(value))
      throw badRequest(
        'invalid_format',
        `Unsupported format f="${value.slice(0, 50)}"; accepted: ${f.join(', ')}.`,
        value.slice(0, 50),
        {
          param: 'f',
          accepted: f,
        },
      );
    return types[0]!;
  }
  const accept = req.headers.accept;
  if (!accept) return types[0]!;
  const ranges = parseAccept(accept).filter((r) => r.q > 0);
  let best: { type: string; q: number } | undefined;
  for (const t of types) {
    const q = Math.max(0, ...ranges.filter((r) => matches(r.type, t)).map((r) => r.q));
    if (q > 0 && (!best || q > best.q)) best = { type: t, q };
  }
  if (!best)
    throw new HttpError(
      406,
      'not_acceptable',
      `Cannot answer as "${accept.slice(0, 100)}"; available: ${types.join(', ')}.`,
      {
        value: accept.slice(0, 100),
        accepted: types,
      },
    );
  return best.type;
}
