import express, { type RequestHandler } from 'express';
import iconv from 'iconv-lite';
import { jsonDepth, MAX_JSON_DEPTH } from '../../shared/json-depth.ts';

/** Thrown from the body parser's verify step; toHttpError makes it 400 json_too_deep. */
export class JsonTooDeep extends Error {
  readonly type = 'entity.too.deep';
  constructor(
    readonly depth: number,
    readonly limit: number,
  ) {
    super(`JSON nested ${depth} deep; at most ${limit} allowed`);
  }
}

/** Throws JsonTooDeep when `text` nests deeper than `limit`. */
export function assertJsonDepth(text: string | Uint8Array, limit = MAX_JSON_DEPTH): void {
  const depth = jsonDepth(text);
  if (depth > limit) throw new JsonTooDeep(depth, limit);
}

/**
 * express.json with the nesting measured on the raw bytes before parsing: a body a few bytes
 * long per level (`[[[[…`) parses fine, but every recursive walk of it afterwards (String(),
 * JSON.stringify, an error echoing it) overflows the stack.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify(_req, _res, buf, encoding) {
      const utf8 = !encoding || /^utf-?8$/i.test(encoding);
      assertJsonDepth(utf8 ? buf : iconv.decode(buf, encoding));
    },
  });
}
