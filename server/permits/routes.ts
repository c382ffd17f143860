import { Router, type Request, type Response } from 'express';
import { requirePermission, requireSession, staffOf } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { createMeasuredTimes } from './measured.ts';
import { listActivities, listPermitTypes, parsePlotId, permitPath, plotContacts } from './service.ts';
import { allContacts, assignContact, editPermitType, parseContactId, unassignContact } from './staff.ts';

const actor = (req: Request, res: Response) => ({ staff: staffOf(res), ip: req.ip });

/**
 * GET /api/permits/activities, GET /api/permits/types, POST /api/plots/:id/permit-path,
 * GET /api/plots/:id/contacts. The permit path times permits by recent decisions where there are
 * enough (measured.ts, read at most every few minutes), else by the catalogue. The catalogue can change when admins edit it, so answers are
 * revalidated (ETag) rather than cached blindly.
 * Staff (session + CSRF): GET /api/staff/contacts, PUT|DELETE /api/staff/plots/:id/contacts/:contactId
 * (plots.edit), PATCH /api/staff/permit-types/:code (admins only).
 */
export function permitsRoutes(db: Db): Router {
  const r = Router();
  const measured = createMeasuredTimes(db);
  r.get('/api/permits/activities', async (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(await listActivities(db));
  });
  r.get('/api/permits/types', async (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(await listPermitTypes(db));
  });
  r.post('/api/plots/:id/permit-path', async (req, res) => {
    res.json(await permitPath(db, parsePlotId(req.params.id), req.body, measured));
  });
  r.get('/api/plots/:id/contacts', async (req, res) => {
    res.set('Cache-Control', 'no-cache').json(await plotContacts(db, parsePlotId(req.params.id)));
  });

  const session = requireSession(db);
  r.get('/api/staff/contacts', session, requirePermission('plots.read'), async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await allContacts(db));
  });
  r.put(
    '/api/staff/plots/:id/contacts/:contactId',
    session,
    requirePermission('plots.edit'),
    async (req, res) => {
      const plotId = parsePlotId(req.params.id as string);
      const contactId = parseContactId(req.params.contactId as string);
      const { created } = await assignContact(db, plotId, contactId, actor(req, res));
      res
        .status(created ? 201 : 200)
        .json({ plot_id: Number(plotId), contact_id: Number(contactId), created });
    },
  );
  r.delete(
    '/api/staff/plots/:id/contacts/:contactId',
    session,
    requirePermission('plots.edit'),
    async (req, res) => {
      await unassignContact(
        db,
        parsePlotId(req.params.id as string),
        parseContactId(req.params.contactId as string),
        actor(req, res),
      );
      res.status(204).end();
    },
  );
  r.patch('/api/staff/permit-types/:code', session, async (req, res) => {
    // The catalogue is the city's word to every applicant: admins only.
    if (staffOf(res).role !== 'admin')
      throw new HttpError(403, 'forbidden', 'Your role does not allow this.', { value: staffOf(res).role });
    res.json({ permit_type: await editPermitType(db, req.params.code as string, req.body, actor(req, res)) });
  });
  return r;
}
