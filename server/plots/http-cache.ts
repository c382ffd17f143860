import crypto from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * A weak ETag for a response that depends only on the public plot data and on `key` (path, query,
 * negotiated format): it changes whenever the data version does, and is known before any query.
 */
export function versionedEtag(dataVersion: number, key: string): string {
  const h = crypto.createHash('sha1').update(key).digest('base64url').slice(0, 16);
  return `W/"v${dataVersion}-${h}"`;
}

/**
 * Sets ETag and Cache-Control (clients revalidate every time; the data can change at any
 * publication). Returns true after answering 304 when the client already holds this version.
 */
export function answeredNotModified(req: Request, res: Response, etag: string): boolean {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'public, no-cache');
  const inm = req.headers['if-none-match'];
  if (!inm) return false;
  const tags = inm.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(etag.replace(/^W\//, ''))) {
    res.status(304).end();
    return true;
  }
  return false;
}
