import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log.ts';
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
    res.status(e.status).json({ error: { code: e.code, message: e.message, ...e.details } });
  };
}

export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { type?: string; status?: number; code?: string; message?: string };
  if (e?.type === 'entity.too.large')
    return new HttpError(413, 'body_too_large', 'Request body is too large.');
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
