import { Router } from 'express';
import type { Db } from '../db/index.ts';
import { listActivities, listPermitTypes, parsePlotId, permitPath, plotContacts } from './service.ts';

/**
 * GET /api/permits/activities, GET /api/permits/types, POST /api/plots/:id/permit-path,
 * GET /api/plots/:id/contacts. The catalogue can change when admins edit it, so answers are
 * revalidated (ETag) rather than cached blindly.
 */
export function permitsRoutes(db: Db): Router {
  const r = Router();
  r.get('/api/permits/activities', async (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(await listActivities(db));
  });
  r.get('/api/permits/types', async (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(await listPermitTypes(db));
  });
  r.post('/api/plots/:id/permit-path', async (req, res) => {
    res.json(await permitPath(db, parsePlotId(req.params.id), req.body));
  });
  r.get('/api/plots/:id/contacts', async (req, res) => {
    res.set('Cache-Control', 'no-cache').json(await plotContacts(db, parsePlotId(req.params.id)));
  });
  return r;
}
