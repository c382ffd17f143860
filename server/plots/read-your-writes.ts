import type { RequestHandler } from 'express';
import type { DataVersion } from './data-version.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Staff writes answer only once this instance has read the data version they made. The version
 * otherwise arrives by NOTIFY, which on PostgreSQL may come after the answer: a publisher who
 * withdraws a plot and at once opens its public card would get the cached card of the version
 * before. Every staff route answers with JSON, so the answer is held back there.
 */
export function readYourWrites(dataVersion: DataVersion): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 400) return json(body);
      void dataVersion.refresh().then(
        () => json(body),
        () => json(body), // the version will still come by NOTIFY; the write itself succeeded
      );
      return res;
    };
    next();
  };
}
