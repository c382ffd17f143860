import type http from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log.ts';
import { DETAIL_LIMITS, echoable, VALUE_LIMITS } from './echo.ts';
import { HttpError } from './errors.ts';

/** Unknown API path: a JSON 404 with a stable code, never the HTML fallback. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No such endpoint: ${req.method} ${req.path}`, { value: req.path }));
};

/**
 * The one error middleware: clients get { error: { code, message, value } } and a status;
 * the log gets the cause. Anything not an HttpError is a 500 with no detail, except known
 * body-parser and database-availability failures, which are the client's or transient.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // The answer to a failure must not fail itself (Express would then send its HTML page).
    try {
      answerError(log, err, req, res);
    } catch (failure) {
      try {
        log.error({ err: failure, path: req.path }, 'error answer failed');
      } catch {
        /* nothing left to tell */
      }
      lastResort(res);
    }
  };
}

function answerError(log: Logger, err: unknown, req: Request, res: Response): void {
  const e = toHttpError(err);
  // A deliberate 503 (busy, outage) is a warning with its code; anything else is a failure.
  if (e.status >= 500 && err instanceof HttpError)
    log.warn({ code: e.code, path: req.path }, 'request refused');
  else if (e.status >= 500) log.error({ err, path: req.path }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A transient outage: well-behaved clients wait a little instead of hammering.
  if (e.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '5');
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.details))
    details[k] = echoable(v, k === 'value' ? VALUE_LIMITS : DETAIL_LIMITS);
  const message = e.message.length > 1000 ? `${e.message.slice(0, 1000)}…` : e.message;
  res.status(e.status).json({ error: { code: e.code, message, ...details } });
}

const LAST_RESORT = JSON.stringify({
  error: { code: 'internal_error', message: 'Something went wrong on our side.' },
});

/** A fixed 500 written with node:http alone, for when even the error answer failed. */
export function lastResort(res: http.ServerResponse): void {
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // What described the answer that failed; security and CORS headers stay.
    for (const h of ['content-disposition', 'content-length', 'etag', 'last-modified', 'link'])
      res.removeHeader(h);
    res.statusCode = 500;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(LAST_RESORT);
  } catch {
    res.destroy();
  }
}

/**
 * Express's final handler, replaced: what no route answered is a JSON 404, and an error that
 * got past errorHandler still gets the JSON shape, never Express's HTML page with a stack.
 */
export function finalHandler(
  log: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): (err?: unknown) => void {
  const answer = errorHandler(log);
  return (err) => {
    try {
      const r = req as Request;
      const failure = err ?? new HttpError(404, 'not_found', 'Nothing here.', { value: r.path ?? null });
      answer(failure, r, res as Response, () => lastResort(res));
    } catch {
      lastResort(res);
    }
  };
}

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { type?: string; status?: number; code?: string; message?: string };
  if (e?.type === 'entity.too.large')
    return new HttpError(413, 'body_too_large', 'Request body is too large.');
  if (e?.type === 'entity.too.deep') {
    const d = err as { depth?: number; limit?: number };
    return new HttpError(400, 'json_too_deep', `JSON nested ${d.depth} deep; at most ${d.limit} levels.`, {
      value: d.depth,
      depth: d.depth,
      limit: d.limit,
    });
  }
  if (e?.type === 'entity.parse.failed')
    return new HttpError(400, 'invalid_json', 'Request body is not valid JSON.');
  // Express decoding a path parameter with broken percent-encoding (e.g. /api/plots/%).
  if (err instanceof URIError || (e?.status === 400 && /decode param/i.test(e.message ?? '')))
    return new HttpError(400, 'invalid_path', 'The address has broken percent-encoding.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new HttpError(415, 'unsupported_encoding', 'Request body encoding is not supported.');
  // Connection-level failures (server restarting, pool exhausted): transient, say so.
  if (isDatabaseUnavailable(e))
    return new HttpError(
      503,
      'database_unavailable',
      'The database is not available right now; try again shortly.',
    );
  // The database refused a value the client sent (a NUL character, a date or number it cannot
  // read or hold): the request's fault, not ours. Values reach SQL only as parameters.
  if (e?.code && REFUSED_VALUE_CODES.has(e.code))
    return new HttpError(400, 'invalid_value', 'A value in the request cannot be read or stored.');
  // The database's disk (or the upload folder's) is full: writes fail, reads go on; an operator
  // must free space. Nothing was written (the statement failed whole).
  if (e?.code === '53100' || e?.code === 'ENOSPC')
    return new HttpError(
      503,
      'storage_full',
      'The server has run out of storage; changes cannot be saved right now.',
    );
  if (e?.code === '57014')
    return new HttpError(503, 'query_timeout', 'The query took too long; narrow the request.');
  return new HttpError(500, 'internal_error', 'Something went wrong on our side.');
}

// SQLSTATE: string too long, out of range, bad datetime, datetime overflow, NUL or untranslatable
// character, bad text representation of a typed value.
const REFUSED_VALUE_CODES = new Set(['22001', '22003', '22007', '22008', '22021', '22P05', '22P02']);

// Socket errors, SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash,
// starting up), 53300 (too many connections).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
// node-postgres reports a lost or unreachable server with these messages and no code.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end)/;

function isDatabaseUnavailable(e: { code?: string; message?: string } | undefined): boolean {
  if (!e) return false;
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))) return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message);
}
