import express, { type Router } from 'express';
import { actorOf, parseId, requireRole } from './access.ts';
import { cancelCase, caseDetail, inbox, moveStage, replyToSupplement } from './cases.ts';
import { downloadAttachment, uploadToProject } from './files.ts';
import type { TimelineHub } from './live.ts';
import { deleteApplicant, exportApplicant, listApplicants } from './privacy.ts';
import { createProject, listProjects, submitProject } from './projects.ts';
import { setProjectPlots } from './project-plots.ts';
import { registerApplicant } from './register.ts';
import { projectFor, projectView, type AppsDeps } from './service.ts';
import { HANDLER_MOVES, STAGE_NAMES, STAGES } from './stages.ts';

/**
 * /api/applications: applicant registration, projects and their cases (applicants: their own
 * only), the live timeline (SSE), the department inbox and stage moves (handlers: their
 * department only), attachments, and the applicant data export and deletion (admins).
 * State changes need the session's CSRF token, as everywhere in the staff API.
 */
export function applicationsRoutes(deps: AppsDeps, hub: TimelineHub): Router {
  const r = express.Router();
  const { db } = deps;
  const applicant = requireRole(db, 'applicant');
  const handler = requireRole(db, 'handler');
  const party = requireRole(db, 'applicant', 'handler');
  const admin = requireRole(db, 'admin');
  const pid = (v: unknown) => parseId(v, 'project_not_found', 'project');
  const cid = (v: unknown) => parseId(v, 'case_not_found', 'case');
  r.use('/api/applications', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  r.get('/api/applications/stages', (_req, res) => {
    res.json({ stages: STAGES.map((s) => ({ code: s, names: STAGE_NAMES[s], next: HANDLER_MOVES[s] })) });
  });
  r.post('/api/applications/register', async (req, res) => {
    res.status(201).json(await registerApplicant(db, deps.config, req, res));
  });
  r.get('/api/applications/me', ...party, async (_req, res) => {
    const a = actorOf(res);
    const [d] = a.departmentId
      ? await db.query<{ fi: string; sv: string; en: string }>(
          `SELECT name_fi AS fi, name_sv AS sv, name_en AS en FROM departments WHERE id = $1`,
          [a.departmentId],
        )
      : [];
    res.json({
      user: { id: a.id, email: a.email, role: a.role, organisation: a.organisation, lang: a.lang },
      department: a.departmentId ? { id: a.departmentId, names: d } : null,
    });
  });

  r.get('/api/applications/projects', ...applicant, async (_req, res) => {
    res.json({ projects: await listProjects(deps, actorOf(res)) });
  });
  r.post('/api/applications/projects', ...applicant, async (req, res) => {
    res.status(201).json({ project: await createProject(deps, actorOf(res), req.body) });
  });
  r.get('/api/applications/projects/:id', ...applicant, async (req, res) => {
    const a = actorOf(res);
    res.json({ project: await projectView(db, a, await projectFor(db, a, pid(req.params.id))) });
  });
  r.post('/api/applications/projects/:id/submit', ...applicant, async (req, res) => {
    res.json({ project: await submitProject(deps, actorOf(res), pid(req.params.id)) });
  });
  r.put('/api/applications/projects/:id/plots', ...applicant, async (req, res) => {
    res.json({ project: await setProjectPlots(deps, actorOf(res), pid(req.params.id), req.body) });
  });
  r.post('/api/applications/projects/:id/attachments', ...applicant, async (req, res) => {
    res.status(201).json({ attachments: await uploadToProject(deps, actorOf(res), pid(req.params.id), req) });
  });
  r.get('/api/applications/projects/:id/events', ...applicant, async (req, res) => {
    const p = await projectFor(db, actorOf(res), pid(req.params.id));
    await hub.stream({ project: p.id }, res);
  });

  r.get('/api/applications/inbox', ...handler, async (req, res) => {
    res.json({ cases: await inbox(deps, actorOf(res), req.query.stage) });
  });
  // The department's inbox, live: a submitted case, an answered supplement, another handler's move.
  r.get('/api/applications/inbox/events', ...handler, async (_req, res) => {
    // A handler with no department (not yet assigned) hears nothing, as its inbox is empty.
    await hub.stream({ department: actorOf(res).departmentId ?? '' }, res);
  });
  r.get('/api/applications/cases/:id', ...party, async (req, res) => {
    res.json({ case: await caseDetail(deps, actorOf(res), cid(req.params.id)) });
  });
  r.post('/api/applications/cases/:id/stage', ...handler, async (req, res) => {
    res.json(await moveStage(deps, actorOf(res), cid(req.params.id), req));
  });
  r.post('/api/applications/cases/:id/cancel', ...applicant, async (req, res) => {
    res.json(await cancelCase(deps, actorOf(res), cid(req.params.id), req.body));
  });
  r.post('/api/applications/cases/:id/reply', ...applicant, async (req, res) => {
    res.json(await replyToSupplement(deps, actorOf(res), cid(req.params.id), req));
  });
  r.get('/api/applications/attachments/:id', ...party, async (req, res) => {
    const a = await downloadAttachment(
      deps,
      actorOf(res),
      parseId(req.params.id, 'attachment_not_found', 'attachment'),
    );
    res.setHeader('Content-Type', a.content_type);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.file_name)}`);
    res.send(a.content);
  });

  r.get('/api/applications/admin/applicants', ...admin, async (_req, res) => {
    res.json({ applicants: await listApplicants(deps) });
  });
  r.get('/api/applications/admin/applicants/:id/export', ...admin, async (req, res) => {
    const id = parseId(req.params.id, 'applicant_not_found', 'applicant');
    res.setHeader('Content-Disposition', `attachment; filename="applicant-${id}.json"`);
    res.json(await exportApplicant(deps, actorOf(res), id));
  });
  r.delete('/api/applications/admin/applicants/:id', ...admin, async (req, res) => {
    await deleteApplicant(deps, actorOf(res), parseId(req.params.id, 'applicant_not_found', 'applicant'));
    res.status(204).end();
  });
  return r;
}
