import crypto from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { requirePermission, requireSession, staffOf } from '../auth/guard.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { badRequest } from '../http/errors.ts';
import { geometryQuery, savedGeometry } from './geometry-choice.ts';
import { PRESETS } from './mapping.ts';
import {
  commit,
  configure,
  decideRowRepairs,
  discard,
  fixRow,
  getJob,
  listRows,
  parseUpload,
  type ImportLimits,
} from './pipeline.ts';
import { saveMappingSql, savedMappingsSql } from './sql.ts';
import { receiveUpload } from './upload.ts';

const body = (req: Request) =>
  req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
const who = (req: Request, res: Response) => [staffOf(res), req.ip] as const;

/**
 * /api/staff/import: upload a file (multipart, field `file`) into a preview job, adjust CRS and
 * mapping, fix rows, commit. Query of the upload: job (a client-made UUID, so the page can poll
 * progress while uploading), encoding, crs (EPSG code overriding the file's), layer, and for
 * a CSV geometry_column or x_column with y_column (found by the values when absent).
 */
export function importRoutes(db: Db, config: Config): Router {
  const r = express.Router();
  const session = requireSession(db);
  const prepare = [session, requirePermission('import.prepare')];
  const limits: ImportLimits = {
    maxFeatures: 500_000,
    maxUncompressedBytes: config.uploadLimitMb * 1e6 * 5,
    maxRatio: 200,
  };

  r.get('/api/staff/import/presets', ...prepare, (_req, res) => {
    res.json({ presets: PRESETS, upload_limit_bytes: config.uploadLimitMb * 1e6 });
  });
  r.get('/api/staff/import/mappings', ...prepare, async (_req, res) => {
    const s = savedMappingsSql();
    res.json({ mappings: await db.query(s.text, s.values) });
  });
  r.post('/api/staff/import/mappings', ...prepare, async (req, res) => {
    const b = body(req);
    if (typeof b.name !== 'string' || !b.name.trim() || b.name.length > 100)
      throw badRequest(
        'invalid_mapping_name',
        'Give the mapping a name (up to 100 characters).',
        b.name ?? null,
      );
    if (!b.mapping || typeof b.mapping !== 'object')
      throw badRequest('invalid_mapping', 'mapping must be an object.', b.mapping ?? null);
    const s = saveMappingSql(
      b.name.trim(),
      { mapping: b.mapping, defaults: b.defaults ?? {}, ...savedGeometry(b.geometry) },
      staffOf(res).email,
    );
    res.status(201).json({ mapping: (await db.query(s.text, s.values))[0] });
  });

  r.post('/api/staff/import/jobs', ...prepare, async (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const jobId = q.job ?? crypto.randomUUID();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(jobId))
      throw badRequest('invalid_query', 'job must be a UUID.', jobId, { param: 'job' });
    const crs = q.crs === undefined || q.crs === '' ? undefined : Number(q.crs);
    if (crs !== undefined && ![3879, 3067, 4326].includes(crs))
      throw badRequest('unsupported_crs', 'crs must be 3879, 3067 or 4326.', q.crs, { param: 'crs' });
    const geometry = geometryQuery(q);
    const upload = await receiveUpload(req, config.uploadLimitMb * 1e6);
    try {
      const [staff, ip] = who(req, res);
      const job = await parseUpload(
        db,
        staff,
        upload,
        { jobId, crs, encoding: q.encoding || undefined, layer: q.layer || undefined, geometry },
        limits,
        ip,
      );
      res.status(201).json({ job });
    } finally {
      upload.cleanup();
    }
  });
  r.get('/api/staff/import/jobs/:job', ...prepare, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ job: await getJob(db, String(req.params.job)) });
  });
  r.post('/api/staff/import/jobs/:job/configure', ...prepare, async (req, res) => {
    res.json({ job: await configure(db, String(req.params.job), body(req), ...who(req, res)) });
  });
  r.get('/api/staff/import/jobs/:job/rows', ...prepare, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await listRows(db, String(req.params.job), req.query as Record<string, unknown>));
  });
  r.patch('/api/staff/import/jobs/:job/rows/:n', ...prepare, async (req, res) => {
    res.json({
      job: await fixRow(db, String(req.params.job), String(req.params.n), body(req), ...who(req, res)),
    });
  });
  r.post('/api/staff/import/jobs/:job/repairs', ...prepare, async (req, res) => {
    res.json({ job: await decideRowRepairs(db, String(req.params.job), body(req), ...who(req, res)) });
  });
  r.post(
    '/api/staff/import/jobs/:job/commit',
    session,
    requirePermission('import.commit'),
    async (req, res) => {
      res.json(await commit(db, String(req.params.job), body(req), ...who(req, res)));
    },
  );
  r.delete('/api/staff/import/jobs/:job', ...prepare, async (req, res) => {
    await discard(db, String(req.params.job), ...who(req, res));
    res.status(204).end();
  });
  return r;
}
