import { badRequest } from '../http/errors.ts';
import { parsePlotId, permitPath, type PermitPath, type PermitPathPermit } from '../permits/service.ts';
import type { Actor } from './access.ts';
import { departmentMail, submittedMail } from './mails.ts';
import {
  actorBusinessId,
  actorLabel,
  departmentRecipients,
  projectFor,
  projectView,
  recordEvent,
  run,
  sendAll,
  type AppsDeps,
} from './service.ts';
import * as sql from './sql.ts';
import { HttpError } from '../http/errors.ts';
import type { MailMessage } from '../mail/index.ts';
import type { Queryable } from '../db/index.ts';

const MAX_PLOTS = 10;

type Lang = 'fi' | 'sv' | 'en';

/** The name a project gets when the applicant gives none: the activity and the plots. */
export const autoName = (activity: Record<Lang, string>, propertyIds: string[], lang: Lang) =>
  `${activity[lang]}, ${propertyIds.join(', ')}`;

export const submittedError = (id: string) =>
  new HttpError(409, 'already_submitted', 'This project has already been submitted.', { value: id });

/** 1-10 distinct plot ids, or 400 invalid_plots / invalid_plot_id. */
export function parsePlotIds(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [];
  if (list.length < 1 || list.length > MAX_PLOTS)
    throw badRequest('invalid_plots', `Choose 1-${MAX_PLOTS} plots.`, raw ?? null, { max: MAX_PLOTS });
  return [...new Set(list.map((p) => parsePlotId(String(p))))];
}

/**
 * The permit path of the activity on each plot, and the permits of all of them together: one per
 * permit type, with the longest estimate where plots differ.
 */
export async function plannedPermits(deps: AppsDeps, plotIds: string[], activity: unknown, facts: unknown) {
  const paths: PermitPath[] = [];
  for (const id of plotIds) paths.push(await permitPath(deps.db, id, { activity, facts }));
  const merged = new Map<string, PermitPathPermit>();
  for (const path of paths)
    for (const p of path.permits) {
      const have = merged.get(p.code);
      if (!have || p.finishes_after_days.max > have.finishes_after_days.max) merged.set(p.code, p);
    }
  return { paths, merged };
}

/** A draft case for one planned permit, with its 'created' event. */
export async function insertDraftCase(
  tx: Queryable,
  actor: Actor,
  projectId: string,
  permit: PermitPathPermit,
) {
  const [c] = await run<{ id: string }>(tx, sql.insertCase({ projectId, ...caseEstimate(permit) }));
  await recordEvent(
    tx,
    { id: c!.id, project_id: projectId, department_id: permit.authority.id },
    {
      actorId: actor.id,
      actorRole: 'applicant',
      actorLabel: actorLabel(actor),
      actorBusinessId: actorBusinessId(actor),
      kind: 'created',
      to: 'draft',
    },
    'draft',
  );
}

/** What a case keeps of the rules' answer: its department, reasons and schedule estimate. */
export const caseEstimate = (permit: PermitPathPermit) => ({
  code: permit.code,
  departmentId: permit.authority.id,
  reasons: permit.reasons,
  dependsOn: permit.depends_on,
  startsAfterDays: permit.starts_after_days,
  finishesMin: permit.finishes_after_days.min,
  finishesMax: permit.finishes_after_days.max,
});

/**
 * Creates a draft project for the applicant: one case per permit the rules say the activity
 * needs on any of the plots (the longest estimate where plots differ), each with the permit
 * type's department. 400 invalid_plots / unknown_activity / the fact errors, 404 plot_not_found;
 * nothing is stored on any error.
 */
export async function createProject(deps: AppsDeps, actor: Actor, body: unknown) {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const plotIds = parsePlotIds(b.plotIds);
  const description = typeof b.description === 'string' ? b.description.trim().slice(0, 4000) : '';
  // permitPath validates the activity, the facts and each plot; reads happen before the transaction.
  const { paths, merged } = await plannedPermits(deps, plotIds, b.activity, b.facts);
  const first = paths[0]!;
  const name =
    typeof b.name === 'string' && b.name.trim()
      ? b.name.trim().slice(0, 200)
      : autoName(
          first.activity.names,
          paths.map((p) => p.plot.property_id),
          actor.lang,
        );

  const id = await deps.db.transaction(async (tx) => {
    const [p] = await run<{ id: string }>(
      tx,
      sql.insertProject({
        applicantId: actor.id,
        name,
        description,
        activity: first.activity.code,
        facts: first.facts,
        company: actor.company,
      }),
    );
    for (const [i, path] of paths.entries())
      await run(tx, sql.insertProjectPlot(p!.id, String(path.plot.id), path.plot.property_id, i));
    for (const permit of merged.values()) await insertDraftCase(tx, actor, p!.id, permit);
    return p!.id;
  });
  return projectView(deps.db, actor, await projectFor(deps.db, actor, id));
}

export async function listProjects(deps: AppsDeps, actor: Actor) {
  const rows = await run<sql.ProjectRow>(
    deps.db,
    sql.projectsVisibleTo(actor.id, actor.company?.businessId ?? null),
  );
  return Promise.all(rows.map((p) => projectView(deps.db, actor, p)));
}

/**
 * Submits every draft case of the project at once: each moves to 'submitted', its department
 * gets an e-mail and the applicant a confirmation. 409 already_submitted the second time.
 */
export async function submitProject(deps: AppsDeps, actor: Actor, id: string) {
  const p = await projectFor(deps.db, actor, id);
  const submitted = await deps.db.transaction(async (tx) => {
    const ok = await run(tx, sql.markProjectSubmitted(id));
    if (!ok.length) throw submittedError(id);
    const cases = await run<sql.CaseRow>(tx, sql.casesOfProject(id));
    const moved: sql.CaseRow[] = [];
    for (const c of cases) {
      if (c.stage !== 'draft') continue;
      if (!(await run(tx, sql.moveCase(c.id, 'draft', 'submitted'))).length) continue;
      await recordEvent(
        tx,
        c,
        {
          actorId: actor.id,
          actorRole: 'applicant',
          actorLabel: actorLabel(actor),
          actorBusinessId: actorBusinessId(actor),
          kind: 'stage',
          from: 'draft',
          to: 'submitted',
        },
        'submitted',
      );
      moved.push(c);
    }
    return moved;
  });
  const mails: MailMessage[] = [submittedMail(p, submitted, deps.config.publicBaseUrl)];
  for (const c of submitted)
    for (const r of await departmentRecipients(deps.db, c.department_id))
      mails.push(departmentMail('submitted', p, c, p.description, r, deps.config.publicBaseUrl));
  await sendAll(deps, mails);
  return projectView(deps.db, actor, await projectFor(deps.db, actor, id));
}
