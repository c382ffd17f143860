import type { Actor } from './access.ts';
import {
  autoName,
  caseEstimate,
  insertDraftCase,
  parsePlotIds,
  plannedPermits,
  submittedError,
} from './projects.ts';
import { projectFor, projectView, run, type AppsDeps } from './service.ts';
import * as sql from './sql.ts';

/**
 * Changes the plots of a draft project (add one from the shortlist, drop one) and brings its
 * cases in line with the rules for the new set: a permit no plot needs any more loses its draft
 * case, a newly needed one gets a draft case, the others take the new reasons and estimates. A
 * case the applicant has withdrawn stays withdrawn. Only before submission: what an authority has
 * received is not changed behind its back (409 already_submitted). Errors as createProject;
 * nothing changes on any error.
 */
export async function setProjectPlots(deps: AppsDeps, actor: Actor, id: string, body: unknown) {
  const p = await projectFor(deps.db, actor, id);
  if (p.submitted_at) throw submittedError(id);
  const plotIds = parsePlotIds((body as { plotIds?: unknown } | null)?.plotIds);
  const { paths, merged } = await plannedPermits(deps, plotIds, p.activity_code, p.facts);
  // A name made from the plots follows them; a name the applicant wrote stays.
  const activity = paths[0]!.activity.names;
  const old = p.plots.map((x) => x.property_id);
  const rename = (['fi', 'sv', 'en'] as const).some((l) => autoName(activity, old, l) === p.name)
    ? autoName(
        activity,
        paths.map((x) => x.plot.property_id),
        actor.lang,
      )
    : null;
  await deps.db.transaction(async (tx) => {
    // The lock orders this against a concurrent submit of the same project.
    if (!(await run(tx, sql.lockDraftProject(id))).length) throw submittedError(id);
    await run(tx, sql.deleteProjectPlots(id));
    if (rename !== null) await run(tx, sql.renameProject(id, rename));
    for (const [i, path] of paths.entries())
      await run(tx, sql.insertProjectPlot(id, String(path.plot.id), path.plot.property_id, i));
    const cases = await run<sql.CaseRow>(tx, sql.casesOfProject(id));
    for (const c of cases) {
      const permit = merged.get(c.permit_type_code);
      if (permit) await run(tx, sql.updateCaseEstimate(c.id, caseEstimate(permit)));
      else if (c.stage === 'draft') await run(tx, sql.deleteDraftCase(c.id));
    }
    const have = new Set(cases.map((c) => c.permit_type_code));
    for (const permit of merged.values())
      if (!have.has(permit.code)) await insertDraftCase(tx, actor, id, permit);
    // Other open tabs of the applicant reload; drafts wake no department inbox.
    await run(tx, sql.notifyProject({ project: id, department: '', case: '', event: '', stage: 'draft' }));
  });
  return projectView(deps.db, actor, await projectFor(deps.db, actor, id));
}
