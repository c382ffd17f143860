import express, { type Response, type Router } from 'express';
import { staffOf } from '../auth/guard.ts';
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
import { requireVerified, resendVerification, verifyEmail } from './verification.ts';
import { HttpError } from '../http/errors.ts';
import { evaluateKeyProject, parseKeyFacts, saveKeyFacts } from '../key-projects/index.ts';

/** The session a live stream ends with. */
const ownerOf = (res: Response) => {
  const s = staffOf(res);
  return { userId: s.id, tokenHash: s.tokenHash, company: s.company?.businessId ?? null };
};

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
  // 202 whether or not the address was free: the mail says which (see register.ts).
  r.post('/api/applications/register', async (req, res) => {
    // Password accounts switched off: people sign in through the identity provider only.
    if (!deps.config.passwordLogin)
      throw new HttpError(404, 'password_login_off', 'Sign-in with a password is switched off here.', {
        value: null,
      });
    res.status(202).json(await registerApplicant(deps, req));
  });
  // The page of the mailed link posts the token (a JSON body: no cross-site form can). A GET
  // does not verify, so mail scanners that open every link confirm nothing.
  r.post('/api/applications/verify', async (req, res) => {
    if (!req.is('application/json'))
      throw new HttpError(415, 'json_required', 'Send the token as application/json.', {
        value: req.get('content-type') ?? null,
      });
    const { email } = await verifyEmail(deps, (req.body as { token?: unknown } | undefined)?.token, req.ip);
    res.json({ status: 'verified', email });
  });
  r.post('/api/applications/verification', ...applicant, async (_req, res) => {
    await resendVerification(deps, actorOf(res));
    res.status(202).json({ status: 'verification_sent' });
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
      user: {
        id: a.id,
        email: a.email,
        role: a.role,
        organisation: a.organisation,
        lang: a.lang,
        emailVerified: a.emailVerified,
      },
      department: a.departmentId ? { id: a.departmentId, names: d } : null,
    });
  });

  r.get('/api/applications/projects', ...applicant, async (_req, res) => {
    res.json({ projects: await listProjects(deps, actorOf(res)) });
  });
  r.post('/api/applications/projects', ...applicant, async (req, res) => {
    // The key-project facts (investment, jobs, asking for a manager) are checked before anything is stored.
    const keyFacts = parseKeyFacts((req.body as { keyProject?: unknown } | undefined)?.keyProject);
    const project = await createProject(deps, actorOf(res), req.body);
    await db.transaction((tx) => saveKeyFacts(tx, project.id, keyFacts));
    res.status(201).json({ project });
  });
  r.get('/api/applications/projects/:id', ...applicant, async (req, res) => {
    const a = actorOf(res);
    res.json({ project: await projectView(db, a, await projectFor(db, a, pid(req.params.id))) });
  });
  r.post('/api/applications/projects/:id/submit', ...applicant, requireVerified, async (req, res) => {
    res.json({ project: await submitProject(deps, actorOf(res), pid(req.params.id)) });
  });
  r.put('/api/applications/projects/:id/plots', ...applicant, async (req, res) => {
    const project = await setProjectPlots(deps, actorOf(res), pid(req.params.id), req.body);
    // Other plots, other building right and area: the project may cross a threshold now.
    await db.transaction((tx) => evaluateKeyProject(tx, project.id));
    res.json({ project });
  });
  r.post('/api/applications/projects/:id/attachments', ...applicant, requireVerified, async (req, res) => {
    res.status(201).json({ attachments: await uploadToProject(deps, actorOf(res), pid(req.params.id), req) });
  });
  r.get('/api/applications/projects/:id/events', ...applicant, async (req, res) => {
    const p = await projectFor(db, actorOf(res), pid(req.params.id));
    await hub.stream({ project: p.id }, res, ownerOf(res));
  });

  r.get('/api/applications/inbox', ...handler, async (req, res) => {
    res.json({ cases: await inbox(deps, actorOf(res), req.query.stage) });
  });
  // The department's inbox, live: a submitted case, an answered supplement, another handler's move.
  r.get('/api/applications/inbox/events', ...handler, async (_req, res) => {
    // A handler with no department (not yet assigned) hears nothing, as its inbox is empty.
    await hub.stream({ department: actorOf(res).departmentId ?? '' }, res, ownerOf(res));
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
  r.post('/api/applications/cases/:id/reply', ...applicant, requireVerified, async (req, res) => {
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
