import { audit } from '../audit/log.ts';
import { sendAll, type AppsDeps } from '../applications/service.ts';
import { STAGE_NAMES, type Stage } from '../applications/stages.ts';
import { HttpError } from '../http/errors.ts';
import { requirePart, type KeyActor } from './access.ts';
import { applicantLink, notifyKey, workspaceLink } from './applicant.ts';
import { evaluate } from './detection.ts';
import { bodyOf, date, meetingTime, optText, optUrl, text, userId } from './params.ts';
import { escalationMail, handoverMail, meetingMail, messageMail, type Lang } from './texts.ts';

const label = (a: KeyActor) => a.displayName || a.email;

/**
 * An internal note of the manager or a team member: kept with the project, shown to the team
 * only, and audit-logged (who, which project, which note).
 */
export async function addNote(deps: AppsDeps, a: KeyActor, projectId: string, body: unknown) {
  await requirePart(deps.db, a, projectId);
  const note = text(bodyOf(body).body, 'invalid_note', 4000);
  return deps.db.transaction(async (tx) => {
    const [n] = await tx.query<{ id: string; createdAt: string }>(
      `INSERT INTO key_project_notes (project_id, author_id, author_label, body) VALUES ($1, $2, $3, $4)
       RETURNING id::text, created_at AS "createdAt"`,
      [projectId, a.id, label(a), note],
    );
    await audit(tx, {
      userId: a.id,
      actor: a.email,
      action: 'key_project.note',
      targetType: 'project',
      targetId: projectId,
      ip: a.ip,
      details: { noteId: n!.id, length: note.length },
    });
    // Only the manager's workspace listens on the team side; the applicant's client refetches
    // its own view, which has no notes.
    await notifyKey(tx, projectId, `note-${n!.id}`);
    return { id: n!.id, author: label(a), body: note, createdAt: n!.createdAt };
  });
}

async function applicantOf(deps: AppsDeps, projectId: string) {
  const [p] = await deps.db.query<{ name: string; email: string; lang: Lang }>(
    `SELECT p.name, u.email, u.preferred_lang AS lang FROM projects p JOIN users u ON u.id = p.applicant_id WHERE p.id = $1`,
    [projectId],
  );
  return p!;
}

/** A message from the manager to the applicant, who gets a mail with the project link. */
export async function managerMessage(deps: AppsDeps, a: KeyActor, projectId: string, body: unknown) {
  await requirePart(deps.db, a, projectId, 'manager');
  const msg = text(bodyOf(body).body, 'invalid_message', 4000);
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO key_project_messages (project_id, author_id, from_applicant, body) VALUES ($1, $2, false, $3)`,
      [projectId, a.id, msg],
    );
    await notifyKey(tx, projectId, 'message');
  });
  const p = await applicantOf(deps, projectId);
  await sendAll(deps, [
    {
      to: p.email,
      ...messageMail(p.lang, { project: p.name, link: applicantLink(deps, projectId, p.lang) }),
    },
  ]);
  return { status: 'sent' };
}

/**
 * A joint meeting: stored, on the timelines at once (live), and mailed to the applicant and the
 * invited team members. Invitees must be on the project's team (400 invalid_invitee otherwise).
 */
export async function proposeMeeting(deps: AppsDeps, a: KeyActor, projectId: string, body: unknown) {
  await requirePart(deps.db, a, projectId, 'manager');
  const b = bodyOf(body);
  const startsAt = meetingTime(b.startsAt);
  const place = optText(b.place, 'invalid_place', 300);
  const videoUrl = optUrl(b.videoUrl, 'invalid_video_url');
  if (!place && !videoUrl)
    throw new HttpError(400, 'place_required', 'Give a place or a video link.', { value: null });
  const agenda = optText(b.agenda, 'invalid_agenda', 4000);
  if (b.invitees !== undefined && !Array.isArray(b.invitees))
    throw new HttpError(400, 'invalid_invitee', 'invitees must be a list of user ids.', {
      value: b.invitees,
    });
  const invitees = [...new Set(((b.invitees as unknown[]) ?? []).map((v) => userId(v, 'invalid_invitee')))];
  const team = await deps.db.query<{ id: string; email: string; lang: Lang }>(
    `SELECT u.id::text, u.email, u.preferred_lang AS lang FROM key_project_team t JOIN users u ON u.id = t.user_id
     WHERE t.project_id = $1 AND NOT u.disabled`,
    [projectId],
  );
  for (const id of invitees)
    if (!team.some((t) => t.id === id))
      throw new HttpError(400, 'invalid_invitee', 'Invite members of the project team.', { value: id });
  const id = await deps.db.transaction(async (tx) => {
    const [m] = await tx.query<{ id: string }>(
      `INSERT INTO key_project_meetings (project_id, proposed_by, starts_at, place, video_url, agenda)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
      [projectId, a.id, startsAt.toISOString(), place, videoUrl, agenda],
    );
    for (const u of invitees)
      await tx.query(`INSERT INTO key_project_meeting_invitees (meeting_id, user_id) VALUES ($1, $2)`, [
        m!.id,
        u,
      ]);
    await notifyKey(tx, projectId, `meeting-${m!.id}`);
    return m!.id;
  });
  const p = await applicantOf(deps, projectId);
  const mail = (lang: Lang, link: string) =>
    meetingMail(lang, { project: p.name, startsAt, place, videoUrl, agenda, link });
  await sendAll(deps, [
    { to: p.email, ...mail(p.lang, applicantLink(deps, projectId, p.lang)) },
    ...team
      .filter((t) => invitees.includes(t.id))
      .map((t) => ({ to: t.email, ...mail(t.lang, workspaceLink(deps, projectId)) })),
  ]);
  return { id, startsAt: startsAt.toISOString(), place, videoUrl, agenda, invitees, response: 'pending' };
}

/** Hands the project to another active manager (who gets a mail); audit-logged. */
export async function handOver(deps: AppsDeps, a: KeyActor, projectId: string, body: unknown) {
  await requirePart(deps.db, a, projectId, 'manager');
  const to = userId(bodyOf(body).userId, 'invalid_manager');
  const [m] = await deps.db.query<{ email: string; lang: Lang }>(
    `SELECT email, preferred_lang AS lang FROM users WHERE id = $1 AND role = 'key_account_manager' AND NOT disabled`,
    [to],
  );
  if (!m)
    throw new HttpError(400, 'invalid_manager', 'Choose an active key customer manager.', { value: to });
  await deps.db.transaction(async (tx) => {
    await tx.query(`UPDATE key_projects SET manager_user_id = $2, updated_at = now() WHERE project_id = $1`, [
      projectId,
      to,
    ]);
    await audit(tx, {
      userId: a.id,
      actor: a.email,
      action: 'key_project.handover',
      targetType: 'project',
      targetId: projectId,
      ip: a.ip,
      details: { to },
    });
    await notifyKey(tx, projectId, 'manager');
  });
  const [p] = await deps.db.query<{ name: string }>(`SELECT name FROM projects WHERE id = $1`, [projectId]);
  await sendAll(deps, [
    { to: m.email, ...handoverMail(m.lang, { project: p!.name, link: workspaceLink(deps, projectId) }) },
  ]);
  return { managerId: to };
}

/** The manager names a department's team member (a handler of that department). */
export async function setTeamMember(
  deps: AppsDeps,
  a: KeyActor,
  projectId: string,
  dept: string,
  body: unknown,
) {
  await requirePart(deps.db, a, projectId, 'manager');
  const u = userId(bodyOf(body).userId, 'invalid_team_member');
  const [h] = await deps.db.query(
    `SELECT 1 FROM users WHERE id = $1 AND role = 'handler' AND department_id = $2 AND NOT disabled`,
    [u, dept],
  );
  if (!h)
    throw new HttpError(400, 'invalid_team_member', 'Choose an active handler of the department.', {
      value: u,
    });
  const rows = await deps.db.query(
    `UPDATE key_project_team SET user_id = $3, chosen_by_manager = true WHERE project_id = $1 AND department_id = $2
     RETURNING 1`,
    [projectId, dept, u],
  );
  if (!rows.length)
    throw new HttpError(404, 'department_not_in_project', 'The project has no case of this department.', {
      value: dept,
    });
  return { departmentId: dept, userId: u };
}

/** A bring-forward reminder of the manager, optionally about one case of the project. */
export async function addReminder(deps: AppsDeps, a: KeyActor, projectId: string, body: unknown) {
  await requirePart(deps.db, a, projectId, 'manager');
  const b = bodyOf(body);
  const dueOn = date(b.dueOn, 'invalid_due_date');
  const note = optText(b.note, 'invalid_note', 1000);
  const caseId = b.caseId === undefined || b.caseId === null ? null : userId(b.caseId, 'invalid_case');
  if (caseId) {
    const [c] = await deps.db.query(`SELECT 1 FROM cases WHERE id = $1 AND project_id = $2`, [
      caseId,
      projectId,
    ]);
    if (!c)
      throw new HttpError(400, 'invalid_case', 'The case is not one of this project.', { value: caseId });
  }
  const [r] = await deps.db.query<{ id: string }>(
    `INSERT INTO key_project_reminders (project_id, case_id, user_id, due_on, note) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text`,
    [projectId, caseId, a.id, dueOn, note],
  );
  return { id: r!.id, caseId, dueOn, note };
}

export async function completeReminder(deps: AppsDeps, a: KeyActor, projectId: string, id: string) {
  await requirePart(deps.db, a, projectId, 'manager');
  const rows = await deps.db.query(
    `UPDATE key_project_reminders SET done_at = now() WHERE id = $1 AND project_id = $2 AND user_id = $3 AND done_at IS NULL
     RETURNING 1`,
    [id, projectId, a.id],
  );
  if (!rows.length) throw new HttpError(404, 'reminder_not_found', 'No such open reminder.', { value: id });
}

/** Escalates a stuck case to its department's lead address (else its contact address) by mail. */
export async function escalate(
  deps: AppsDeps,
  a: KeyActor,
  projectId: string,
  caseId: string,
  body: unknown,
) {
  await requirePart(deps.db, a, projectId, 'manager');
  const note = optText(bodyOf(body ?? {}).note, 'invalid_note', 2000);
  const [c] = await deps.db.query<{
    permit: string;
    stage: Stage;
    days: number;
    project: string;
    to: string | null;
  }>(
    `SELECT t.name_fi AS permit, c.stage, floor(extract(epoch FROM now() - c.stage_changed_at) / 86400)::int AS days,
       p.name AS project,
       coalesce(d.lead_email, (SELECT ct.email FROM contacts ct WHERE ct.kind = 'department' AND ct.department_id = d.id
         ORDER BY ct.id LIMIT 1)) AS to
     FROM cases c JOIN permit_types t ON t.code = c.permit_type_code JOIN departments d ON d.id = c.department_id
     JOIN projects p ON p.id = c.project_id WHERE c.id = $1 AND c.project_id = $2`,
    [caseId, projectId],
  );
  if (!c) throw new HttpError(404, 'case_not_found', 'No such case in this project.', { value: caseId });
  if (!c.to)
    throw new HttpError(409, 'no_department_lead', 'The department has no lead or contact address.', {
      value: caseId,
    });
  await audit(deps.db, {
    userId: a.id,
    actor: a.email,
    action: 'key_project.escalate',
    targetType: 'case',
    targetId: caseId,
    ip: a.ip,
    details: { projectId, to: c.to },
  });
  await sendAll(deps, [
    {
      to: c.to,
      ...escalationMail('fi', {
        project: c.project,
        permit: c.permit,
        stage: STAGE_NAMES[c.stage].fi,
        days: c.days,
        note,
        link: workspaceLink(deps, projectId),
      }),
    },
  ]);
  return { status: 'escalated', to: c.to };
}

/** Business Services flags (or unflags) any project as a key project. */
export async function flagProject(deps: AppsDeps, a: KeyActor, projectId: string, body: unknown) {
  const flagged = bodyOf(body).flagged;
  if (typeof flagged !== 'boolean')
    throw new HttpError(400, 'invalid_flag', 'Give flagged: true or false.', { value: flagged });
  const [p] = await deps.db.query(`SELECT 1 FROM projects WHERE id = $1`, [projectId]);
  if (!p) throw new HttpError(404, 'project_not_found', 'No such project.', { value: projectId });
  return deps.db.transaction(async (tx) => {
    await tx.query(`INSERT INTO key_projects (project_id) VALUES ($1) ON CONFLICT DO NOTHING`, [projectId]);
    await tx.query(`UPDATE key_projects SET flagged = $2 WHERE project_id = $1`, [projectId, flagged]);
    const r = await evaluate(tx, projectId);
    await audit(tx, {
      userId: a.id,
      actor: a.email,
      action: 'key_project.flag',
      targetType: 'project',
      targetId: projectId,
      ip: a.ip,
      details: { flagged },
    });
    await notifyKey(tx, projectId, 'status');
    return r;
  });
}
