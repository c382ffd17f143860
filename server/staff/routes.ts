import express, { type Request, type Response, type Router } from 'express';
import { requirePermission, requireSession, staffOf } from '../auth/guard.ts';
import { deleteExpiredSessions } from '../auth/sql.ts';
import { purgeStaleJobsSql } from '../import/sql.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { plotFilterFromQuery } from '../plots/filter-sql.ts';
import { badRequest } from '../http/errors.ts';
import { PLOT_FIELDS } from './fields.ts';
import { bulk } from './bulk.ts';
import { createPlot, restore, updatePlot } from './edit.ts';
import { history } from './history.ts';
import { getPlot } from './plot.ts';
import { publishDue, transition, type Transition } from './workflow.ts';
import { discardPending, publishPending } from './pending.ts';
import { mergePlots, splitPlot } from './reshape.ts';
import { STATUSES, staffListSql, type Status } from './sql.ts';

const actor = (req: Request, res: Response) => ({ staff: staffOf(res), ip: req.ip });
const body = (req: Request) =>
  req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};

/** Reads status, sort, limit, offset of the staff list; 400 invalid_query naming the parameter. */
function listQuery(q: Record<string, unknown>) {
  const statuses = typeof q.status === 'string' && q.status ? q.status.split(',') : undefined;
  const badStatus = statuses?.find((s) => !(STATUSES as readonly string[]).includes(s));
  if (badStatus)
    throw badRequest('invalid_query', `Unknown status; accepted: ${STATUSES.join(', ')}.`, badStatus, {
      param: 'status',
    });
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  const offset = q.offset === undefined ? 0 : Number(q.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw badRequest('invalid_query', 'limit must be 1-1000.', q.limit, { param: 'limit' });
  if (!Number.isInteger(offset) || offset < 0)
    throw badRequest('invalid_query', 'offset must be 0 or more.', q.offset, { param: 'offset' });
  const sort = typeof q.sort === 'string' ? q.sort : 'property_id';
  return {
    statuses: statuses as Status[] | undefined,
    limit,
    offset,
    sort,
    scheduled: q.scheduled === 'true',
  };
}

/**
 * Staff plot work under /api/staff/plots. Every route needs a session (401) and a role with
 * the permission (403). `onClose` receives the scheduler's stop function.
 */
export function staffRoutes(db: Db, log: Logger, onClose: (fn: () => void) => void): Router {
  const r = express.Router();
  const session = requireSession(db);
  const read = [session, requirePermission('plots.read')];
  const edit = [session, requirePermission('plots.edit')];
  const publish = [session, requirePermission('plots.publish')];

  r.get('/api/staff/fields', ...read, (_req, res) => {
    res.json({ fields: PLOT_FIELDS });
  });
  r.get('/api/staff/plots', ...read, async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const filter = plotFilterFromQuery(q);
    const s = staffListSql({ filter, ...listQuery(q) });
    const rows = await db.query<{ total: number }>(s.text, s.values);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 });
  });
  r.post('/api/staff/plots', ...edit, async (req, res) => {
    res.status(201).json({ plot: await createPlot(db, body(req), actor(req, res)) });
  });
  r.post('/api/staff/plots/bulk', ...edit, async (req, res) => {
    res.json(await bulk(db, body(req), actor(req, res)));
  });
  r.post('/api/staff/plots/merge', ...edit, async (req, res) => {
    res.status(201).json(await mergePlots(db, body(req), actor(req, res)));
  });
  r.post('/api/staff/plots/:id/split', ...edit, async (req, res) => {
    res.status(201).json(await splitPlot(db, String(req.params.id), body(req), actor(req, res)));
  });
  r.get('/api/staff/plots/:id', ...read, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ plot: await getPlot(db, String(req.params.id)) });
  });
  r.patch('/api/staff/plots/:id', ...edit, async (req, res) => {
    res.json({ plot: await updatePlot(db, String(req.params.id), body(req), actor(req, res)) });
  });
  r.get('/api/staff/plots/:id/history', ...read, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ versions: await history(db, String(req.params.id)) });
  });
  r.post('/api/staff/plots/:id/restore', ...edit, async (req, res) => {
    res.json({ plot: await restore(db, String(req.params.id), body(req), actor(req, res)) });
  });
  r.post('/api/staff/plots/:id/pending/publish', ...publish, async (req, res) => {
    res.json({ plot: await publishPending(db, String(req.params.id), body(req), actor(req, res)) });
  });
  r.delete('/api/staff/plots/:id/pending', ...publish, async (req, res) => {
    res.json({ plot: await discardPending(db, String(req.params.id), actor(req, res)) });
  });
  for (const t of ['publish', 'withdraw', 'draft', 'schedule'] as Transition[]) {
    r.post(`/api/staff/plots/:id/${t}`, ...publish, async (req, res) => {
      res.json({ plot: await transition(db, String(req.params.id), t, body(req), actor(req, res)) });
    });
  }

  // Scheduled publications: every instance checks; row locks make each plot publish once.
  // Expired sessions and abandoned import previews are swept on a slower beat.
  let ticks = 0;
  const timer = setInterval(() => {
    publishDue(db).then(
      (n) => n && log.info({ plots: n }, 'scheduled plots published'),
      (err) => log.warn({ err }, 'scheduled publication check failed'),
    );
    if (ticks++ % 240 === 0)
      for (const s of [deleteExpiredSessions(), purgeStaleJobsSql()])
        db.query(s.text, s.values).catch((err) => log.warn({ err }, 'clean-up failed'));
  }, 15_000);
  timer.unref();
  onClose(() => clearInterval(timer));
  return r;
}
