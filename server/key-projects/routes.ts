import express, { type Router } from 'express';
import { actorOf, parseId, requireRole } from '../applications/access.ts';
import type { TimelineHub } from '../applications/live.ts';
import type { AppsDeps } from '../applications/service.ts';
import { requireSession, staffOf } from '../auth/guard.ts';
import { keyActorOf, requireKeyRole, requirePart } from './access.ts';
import {
  addNote,
  addReminder,
  completeReminder,
  escalate,
  flagProject,
  handOver,
  managerMessage,
  proposeMeeting,
  setTeamMember,
} from './actions.ts';
import { setDepartmentLead, setStaffFlags, setThresholds, settings } from './admin.ts';
import { applicantMessage, applicantView, respondToMeeting, updateFacts } from './applicant.ts';
import { dashboard } from './dashboard.ts';
import { includesDemo, MIN_GROUP, processingTimes } from './stats.ts';
import { applicantRoadmapPdf, pdfLang, staffRoadmapPdf } from './roadmap-doc.ts';
import { saveRoadmap, sendRoadmap } from './roadmap.ts';
import { listKeyProjects, workspace } from './workspace.ts';

/**
 * /api/key-projects: the applicant's side of a key project (/mine/:id: status, manager, messages,
 * meetings; never internal notes), the manager's and the team's workspace (/:id), and the admin's
 * thresholds and staff flags (/admin). Changes need the session's CSRF token.
 */
export function keyProjectRoutes(deps: AppsDeps, hub: TimelineHub): Router {
  const r = express.Router();
  const { db } = deps;
  const applicant = requireRole(db, 'applicant');
  const staff = requireKeyRole(db, 'key_account_manager', 'handler', 'admin');
  const manager = requireKeyRole(db, 'key_account_manager', 'admin');
  const admin = requireKeyRole(db, 'admin');
  const pid = (v: unknown) => parseId(v, 'key_project_not_found', 'key project');
  const own = (v: unknown) => parseId(v, 'project_not_found', 'project');
  r.use('/api/key-projects', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // Public: measured processing times, no personal data, no group under MIN_GROUP cases.
  r.get('/api/statistics/processing-times', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json({
      minGroup: MIN_GROUP,
      windowMonths: 12,
      groups: await processingTimes(db),
      includesDemo: await includesDemo(db),
    });
  });
  r.get('/api/key-projects/mine/:id', ...applicant, async (req, res) => {
    res.json(await applicantView(deps, actorOf(res), own(req.params.id)));
  });
  r.put('/api/key-projects/mine/:id/facts', ...applicant, async (req, res) => {
    res.json(await updateFacts(deps, actorOf(res), own(req.params.id), req.body));
  });
  r.post('/api/key-projects/mine/:id/messages', ...applicant, async (req, res) => {
    res.status(201).json(await applicantMessage(deps, actorOf(res), own(req.params.id), req.body));
  });
  r.post('/api/key-projects/mine/:id/meetings/:mid/response', ...applicant, async (req, res) => {
    const mid = parseId(req.params.mid, 'meeting_not_found', 'meeting');
    res.json(await respondToMeeting(deps, actorOf(res), own(req.params.id), mid, req.body));
  });

  r.get('/api/key-projects/admin/settings', ...admin, async (_req, res) => {
    res.json(await settings(db));
  });
  r.put('/api/key-projects/admin/thresholds', ...admin, async (req, res) => {
    res.json({ thresholds: await setThresholds(db, keyActorOf(res), req.body) });
  });
  r.put('/api/key-projects/admin/users/:uid', ...admin, async (req, res) => {
    const uid = parseId(req.params.uid, 'user_not_found', 'user');
    res.json({ user: await setStaffFlags(db, keyActorOf(res), uid, req.body) });
  });
  r.put('/api/key-projects/admin/departments/:dept', ...admin, async (req, res) => {
    res.json({ department: await setDepartmentLead(db, keyActorOf(res), String(req.params.dept), req.body) });
  });

  // Business Services' overview; before /:id, which would read "dashboard" as a project id.
  r.get('/api/key-projects/dashboard', ...manager, async (_req, res) => {
    res.json(await dashboard(db, keyActorOf(res)));
  });
  r.get('/api/key-projects', ...staff, async (_req, res) => {
    res.json({ projects: await listKeyProjects(db, keyActorOf(res)) });
  });
  // Business Services marks any project (not yet a key project, too) by its id.
  r.put('/api/key-projects/:id/flag', ...manager, async (req, res) => {
    res.json(await flagProject(deps, keyActorOf(res), own(req.params.id), req.body));
  });
  r.get('/api/key-projects/:id', ...staff, async (req, res) => {
    res.json(await workspace(db, keyActorOf(res), pid(req.params.id)));
  });
  r.get('/api/key-projects/:id/events', ...staff, async (req, res) => {
    const id = pid(req.params.id);
    await requirePart(db, keyActorOf(res), id);
    const s = staffOf(res);
    await hub.stream({ project: id }, res, { userId: s.id, tokenHash: s.tokenHash });
  });
  r.post('/api/key-projects/:id/notes', ...staff, async (req, res) => {
    res.status(201).json({ note: await addNote(deps, keyActorOf(res), pid(req.params.id), req.body) });
  });
  r.post('/api/key-projects/:id/messages', ...manager, async (req, res) => {
    res.status(201).json(await managerMessage(deps, keyActorOf(res), pid(req.params.id), req.body));
  });
  r.post('/api/key-projects/:id/meetings', ...manager, async (req, res) => {
    res
      .status(201)
      .json({ meeting: await proposeMeeting(deps, keyActorOf(res), pid(req.params.id), req.body) });
  });
  r.put('/api/key-projects/:id/manager', ...manager, async (req, res) => {
    res.json(await handOver(deps, keyActorOf(res), pid(req.params.id), req.body));
  });
  r.put('/api/key-projects/:id/team/:dept', ...manager, async (req, res) => {
    res.json(
      await setTeamMember(deps, keyActorOf(res), pid(req.params.id), String(req.params.dept), req.body),
    );
  });
  r.post('/api/key-projects/:id/reminders', ...manager, async (req, res) => {
    res
      .status(201)
      .json({ reminder: await addReminder(deps, keyActorOf(res), pid(req.params.id), req.body) });
  });
  r.post('/api/key-projects/:id/reminders/:rid/done', ...manager, async (req, res) => {
    await completeReminder(
      deps,
      keyActorOf(res),
      pid(req.params.id),
      parseId(req.params.rid, 'reminder_not_found', 'reminder'),
    );
    res.status(204).end();
  });
  r.put('/api/key-projects/:id/roadmap', ...manager, async (req, res) => {
    res.json(await saveRoadmap(deps, keyActorOf(res), pid(req.params.id), req.body));
  });
  r.post('/api/key-projects/:id/roadmap/send', ...manager, async (req, res) => {
    res.status(201).json({ sent: await sendRoadmap(deps, keyActorOf(res), pid(req.params.id)) });
  });
  // The applicant (the roadmap sent to them) and the staff (the saved one) share one address,
  // the one the mail links to; each role reads it through its own access rules.
  const [, asApplicant] = requireRole(db, 'applicant');
  const [, asStaff] = requireKeyRole(db, 'key_account_manager', 'handler', 'admin');
  r.get(
    '/api/key-projects/:id/roadmap.pdf',
    requireSession(db),
    (req, res, next) => (staffOf(res).role === 'applicant' ? asApplicant! : asStaff!)(req, res, next),
    async (req, res) => {
      const doc =
        staffOf(res).role === 'applicant'
          ? await applicantRoadmapPdf(
              db,
              actorOf(res),
              own(req.params.id),
              pdfLang(req.query.lang, actorOf(res).lang),
            )
          : await staffRoadmapPdf(
              db,
              keyActorOf(res),
              pid(req.params.id),
              pdfLang(req.query.lang, keyActorOf(res).lang),
            );
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${doc.filename}"`);
      res.send(doc.pdf);
    },
  );
  r.post('/api/key-projects/:id/cases/:cid/escalate', ...manager, async (req, res) => {
    const cid = parseId(req.params.cid, 'case_not_found', 'case');
    res.json(await escalate(deps, keyActorOf(res), pid(req.params.id), cid, req.body));
  });
  return r;
}
