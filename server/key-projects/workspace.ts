import type { Queryable } from '../db/index.ts';
import { DONE, STAGE_NAMES, type Stage } from '../applications/stages.ts';
import { requirePart, seesAll, type KeyActor } from './access.ts';
import { helsinkiDate } from './dates.ts';
import { roadmapOf } from './roadmap.ts';

const DAY = 86_400_000;

/**
 * The key projects the actor works on: a manager their own, a lead or admin every one, a team
 * member those whose team they are on.
 */
export async function listKeyProjects(q: Queryable, a: KeyActor) {
  return q.query(
    `SELECT p.id::text, p.name, p.submitted_at AS "submittedAt", k.reasons, k.became_key_at AS "becameKeyAt",
       coalesce(p.company_name, u.organisation) AS applicant, m.id::text AS "managerId",
       m.display_name AS "managerName", m.email AS "managerEmail",
       (SELECT count(*)::int FROM cases c WHERE c.project_id = p.id) AS cases,
       (SELECT count(DISTINCT c.department_id)::int FROM cases c WHERE c.project_id = p.id) AS departments
     FROM key_projects k JOIN projects p ON p.id = k.project_id JOIN users u ON u.id = p.applicant_id
     LEFT JOIN users m ON m.id = k.manager_user_id
     WHERE k.is_key AND ($2 OR ($3 = 'key_account_manager' AND k.manager_user_id = $1)
       OR ($3 = 'handler' AND EXISTS (SELECT 1 FROM key_project_team t WHERE t.project_id = k.project_id AND t.user_id = $1)))
     ORDER BY k.became_key_at DESC NULLS LAST, p.id DESC`,
    [a.id, seesAll(a), a.role],
  );
}

interface CaseLine {
  id: string;
  permit_type_code: string;
  permit: { fi: string; sv: string; en: string };
  department_id: string;
  department: { fi: string; sv: string; en: string };
  stage: Stage;
  stage_changed_at: Date | string;
  finishes_after_days_max: number;
  starts_after_days: number;
  submitted_at: Date | string | null;
  handler: string | null;
}

/** One case on the timeline: how long in its stage, what the permit plan still expects. */
export function caseTimeline(c: CaseLine, now = Date.now()) {
  const daysInStage = Math.floor((now - new Date(c.stage_changed_at).getTime()) / DAY);
  const done = DONE.has(c.stage) || c.stage === 'cancelled' || c.stage === 'lapsed';
  const due = c.submitted_at ? new Date(c.submitted_at).getTime() + c.finishes_after_days_max * DAY : null;
  const expectedRemainingDays = done
    ? 0
    : due === null
      ? c.finishes_after_days_max
      : Math.ceil((due - now) / DAY);
  return {
    id: c.id,
    permitType: c.permit_type_code,
    permit: c.permit,
    departmentId: c.department_id,
    department: c.department,
    stage: c.stage,
    stageNames: STAGE_NAMES[c.stage],
    stageChangedAt: c.stage_changed_at,
    handler: c.handler,
    daysInStage,
    expectedDue: due === null ? null : new Date(due).toISOString(),
    expectedRemainingDays,
    overdue: !done && due !== null && now > due,
    // Waiting on someone outside the department: the applicant's supplement or an appeal.
    blocked: c.stage === 'supplement_requested' || c.stage === 'appealed',
  };
}

/**
 * The manager's workspace of one project: every case across departments (a team member: their
 * own department's), the team, internal notes, messages, meetings, open reminders and the permit
 * roadmap, and the timeline of case events, notes, meetings and roadmaps sent in one list. 404 key_project_not_found otherwise.
 */
export async function workspace(q: Queryable, a: KeyActor, projectId: string) {
  const part = await requirePart(q, a, projectId);
  const deptOnly = part === 'team' ? a.departmentId : null;
  const [p] = await q.query<{
    id: string;
    name: string;
    applicant: string;
    applicant_email: string;
    reasons: string[];
  }>(
    `SELECT p.id::text, p.name, coalesce(p.company_name, u.organisation, '') AS applicant, u.email AS applicant_email,
       k.reasons
     FROM projects p JOIN users u ON u.id = p.applicant_id JOIN key_projects k ON k.project_id = p.id WHERE p.id = $1`,
    [projectId],
  );
  const cases = await q.query<CaseLine>(
    `SELECT c.id::text, c.permit_type_code, json_build_object('fi', t.name_fi, 'sv', t.name_sv, 'en', t.name_en) AS permit,
       c.department_id, json_build_object('fi', d.name_fi, 'sv', d.name_sv, 'en', d.name_en) AS department,
       c.stage, c.stage_changed_at, c.finishes_after_days_max, c.starts_after_days, p.submitted_at,
       (SELECT coalesce(nullif(h.display_name, ''), h.email) FROM case_events e JOIN users h ON h.id = e.actor_id
        WHERE e.case_id = c.id AND e.actor_role = 'handler' ORDER BY e.at DESC, e.id DESC LIMIT 1) AS handler
     FROM cases c JOIN permit_types t ON t.code = c.permit_type_code JOIN departments d ON d.id = c.department_id
     JOIN projects p ON p.id = c.project_id
     WHERE c.project_id = $1 AND ($2::text IS NULL OR c.department_id = $2)
     ORDER BY c.starts_after_days, c.id`,
    [projectId, deptOnly],
  );
  const team = await q.query(
    `SELECT t.department_id AS "departmentId", json_build_object('fi', d.name_fi, 'sv', d.name_sv, 'en', d.name_en) AS department,
       t.user_id::text AS "userId", u.display_name AS name, u.email, t.chosen_by_manager AS "chosenByManager"
     FROM key_project_team t JOIN departments d ON d.id = t.department_id LEFT JOIN users u ON u.id = t.user_id
     WHERE t.project_id = $1 ORDER BY t.department_id`,
    [projectId],
  );
  const notes = await q.query(
    `SELECT id::text, author_label AS author, body, created_at AS "createdAt" FROM key_project_notes
     WHERE project_id = $1 ORDER BY created_at, id`,
    [projectId],
  );
  const meetings = await q.query(
    `SELECT m.id::text, m.starts_at AS "startsAt", m.place, m.video_url AS "videoUrl", m.agenda,
       m.applicant_response AS response, m.created_at AS "createdAt",
       (SELECT coalesce(json_agg(i.user_id::text ORDER BY i.user_id), '[]') FROM key_project_meeting_invitees i
        WHERE i.meeting_id = m.id) AS invitees
     FROM key_project_meetings m WHERE m.project_id = $1 ORDER BY m.starts_at, m.id`,
    [projectId],
  );
  // Messages with the applicant are the manager's; team members see the shared timeline and notes.
  const messages =
    part === 'manager'
      ? await q.query(
          `SELECT id::text, from_applicant AS "fromApplicant", body, created_at AS "createdAt"
           FROM key_project_messages WHERE project_id = $1 ORDER BY created_at, id`,
          [projectId],
        )
      : [];
  const reminders =
    part === 'manager'
      ? await q.query(
          `SELECT id::text, case_id::text AS "caseId", due_on::text AS "dueOn", note, due_on <= $3::date AS due,
             sent_at AS "sentAt"
           FROM key_project_reminders WHERE project_id = $1 AND user_id = $2 AND done_at IS NULL ORDER BY due_on, id`,
          [projectId, a.id, helsinkiDate(new Date())],
        )
      : [];
  const events = await q.query(
    `SELECT e.id::text, e.case_id::text AS "caseId", e.at, e.kind, e.from_stage AS "from", e.to_stage AS "to",
       e.actor_role AS "actorRole"
     FROM case_events e JOIN cases c ON c.id = e.case_id
     WHERE c.project_id = $1 AND ($2::text IS NULL OR c.department_id = $2) ORDER BY e.at, e.id`,
    [projectId, deptOnly],
  );
  const roadmap = await roadmapOf(q, projectId, deptOnly);
  const now = Date.now();
  const timeline = [
    ...events.map((e) => ({ type: 'case_event' as const, at: (e as { at: string }).at, ...e })),
    ...notes.map((n) => ({ type: 'note' as const, at: (n as { createdAt: string }).createdAt, ...n })),
    ...meetings.map((m) => ({ type: 'meeting' as const, at: (m as { createdAt: string }).createdAt, ...m })),
    ...roadmap.sends.map((r) => ({ type: 'roadmap_sent' as const, at: r.sentAt, ...r })),
  ].sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime());
  return {
    part,
    project: {
      id: p!.id,
      name: p!.name,
      applicant: p!.applicant,
      applicantEmail: p!.applicant_email,
      reasons: p!.reasons,
    },
    cases: cases.map((c) => caseTimeline(c, now)),
    team,
    notes,
    messages,
    meetings,
    reminders,
    roadmap,
    timeline,
  };
}
