import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/index.ts';
import type { Logger } from '../log.ts';
import type { Mailer, MailMessage } from '../mail/index.ts';
import { HttpError } from '../http/errors.ts';
import type { Actor } from './access.ts';
import * as sql from './sql.ts';
import type { Stage } from './stages.ts';
import { toProject, type ProjectView } from './views.ts';

/** What the application services need from the app. */
export interface AppsDeps {
  db: Db;
  mailer: Mailer;
  log: Logger;
  config: Pick<Config, 'publicBaseUrl' | 'attachmentLimitMb' | 'sessionHours' | 'passwordLogin'>;
}

export const run = <R>(q: Queryable, s: sql.Sql) => q.query<R>(s.text, s.values);

export const projectNotFound = (id: string) =>
  new HttpError(404, 'project_not_found', 'No such project.', { value: id });
export const caseNotFound = (id: string) =>
  new HttpError(404, 'case_not_found', 'No such case.', { value: id });

/**
 * Whether an applicant may see and continue a project: its applicant, or anyone acting for the
 * company that owns it (the session's company is one the mandates source offered at sign-in).
 */
export const mayContinue = (actor: Actor, p: { applicant_id: string; company_business_id: string | null }) =>
  actor.role === 'applicant' &&
  (p.applicant_id === actor.id ||
    (p.company_business_id !== null && actor.company?.businessId === p.company_business_id));

/**
 * The project if the actor may see it (mayContinue). Anyone else, a person without a mandate for
 * the owning company included, gets the same 404 as for a project that does not exist: every
 * other refusal of this API hides existence too, so ids (and which companies have projects)
 * cannot be probed.
 */
export async function projectFor(db: Queryable, actor: Actor, id: string): Promise<sql.ProjectRow> {
  const [p] = await run<sql.ProjectRow>(db, sql.projectById(id));
  if (!p || !mayContinue(actor, p)) throw projectNotFound(id);
  return p;
}

/**
 * The case if the actor may see it: whoever may continue its project (mayContinue), or a handler
 * of the case's department once the case is submitted (drafts are the applicant's own). Else 404
 * case_not_found.
 */
export async function caseFor(db: Queryable, actor: Actor, id: string): Promise<sql.CaseRow> {
  const [c] = await run<sql.CaseRow>(db, sql.caseById(id));
  const ok =
    c &&
    (mayContinue(actor, c) ||
      (actor.role === 'handler' && actor.departmentId === c.department_id && c.stage !== 'draft'));
  if (!ok) throw caseNotFound(id);
  return c;
}

/** The whole timeline of a project as its applicant sees it. */
export async function projectView(db: Queryable, actor: Actor, p: sql.ProjectRow): Promise<ProjectView> {
  const [cases, events, attachments] = await Promise.all([
    run<sql.CaseRow>(db, sql.casesOfProject(p.id)),
    run<sql.EventRow>(db, sql.eventsOfProject(p.id)),
    run<sql.AttachmentMeta>(db, sql.attachmentsOfProject(p.id)),
  ]);
  return toProject(p, cases, events, attachments, actor);
}

/**
 * Records one change of a case (event row + NOTIFY to every instance's timelines and to its
 * department's inboxes) inside the caller's transaction; returns the event.
 */
export async function recordEvent(
  tx: Queryable,
  c: { id: string; project_id: string; department_id: string },
  e: Omit<Parameters<typeof sql.insertEvent>[0], 'caseId'>,
  stageAfter: Stage,
): Promise<sql.EventRow> {
  const [ev] = await run<sql.EventRow>(tx, sql.insertEvent({ ...e, caseId: c.id }));
  await run(
    tx,
    sql.notifyProject({
      project: c.project_id,
      department: c.department_id,
      case: c.id,
      event: ev!.id,
      stage: stageAfter,
    }),
  );
  return ev!;
}

/**
 * Sends mails after the change is committed. A mail that cannot even be stored is logged, never
 * turned into a failed request: the change itself has happened.
 */
export async function sendAll(deps: AppsDeps, mails: MailMessage[]): Promise<void> {
  for (const m of mails)
    await deps.mailer
      .send(m)
      .catch((err: unknown) => deps.log.error({ err, kind: m.kind }, 'mail not stored'));
}

/** Mail addresses of a department (its handlers, else its catalogue contact). */
export const departmentRecipients = (db: Queryable, departmentId: string) =>
  run<{ email: string; lang: 'fi' | 'sv' | 'en' }>(db, sql.departmentRecipients(departmentId));

/**
 * The label kept on an event: the company for an applicant (the one acted for, with the person,
 * since colleagues continue the same project), the department id for a handler.
 */
export const actorLabel = (a: Actor) =>
  a.role === 'handler'
    ? (a.departmentId ?? '')
    : a.company
      ? `${a.company.name} (${a.email})`
      : (a.organisation ?? a.email);

/** The company an event's person acted for (case_events.actor_business_id). */
export const actorBusinessId = (a: Actor) =>
  a.role === 'applicant' ? (a.company?.businessId ?? null) : null;
