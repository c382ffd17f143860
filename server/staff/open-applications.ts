import type { Queryable } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { CLOSED, STAGE_NAMES, type Stage } from '../applications/stages.ts';

type Text = { fi: string; sv: string; en: string };

/** A project that names a plot and still has a case the authorities may work on. */
export interface OpenApplication {
  plot_id: number;
  property_id: string;
  project_id: number;
  project_name: string;
  organisation: string;
  submitted: boolean;
  cases: Array<{ id: number; permit: Text; department: Text; stage: string; stage_names: Text }>;
}

/** The flag a request sets to take a published plot off the map despite open applications. */
export const CONFIRM_FLAG = 'confirm_open_applications';

/** The projects naming any of these plots with a case that is not final, cancelled or lapsed. */
export async function openApplicationsOf(tx: Queryable, plotIds: number[]): Promise<OpenApplication[]> {
  const rows = await tx.query<{
    plot_id: number;
    property_id: string;
    project_id: number;
    project_name: string;
    organisation: string;
    submitted: boolean;
    case_id: number;
    permit_fi: string;
    permit_sv: string;
    permit_en: string;
    dept_fi: string;
    dept_sv: string;
    dept_en: string;
    stage: string;
  }>(
    `SELECT pp.plot_id::int, pp.property_id, pr.id::int AS project_id, pr.name AS project_name,
            coalesce(u.organisation, '') AS organisation, pr.submitted_at IS NOT NULL AS submitted,
            c.id::int AS case_id, t.name_fi AS permit_fi, t.name_sv AS permit_sv, t.name_en AS permit_en,
            d.name_fi AS dept_fi, d.name_sv AS dept_sv, d.name_en AS dept_en, c.stage
       FROM project_plots pp
       JOIN projects pr ON pr.id = pp.project_id
       JOIN users u ON u.id = pr.applicant_id
       JOIN cases c ON c.project_id = pr.id
       JOIN permit_types t ON t.code = c.permit_type_code
       JOIN departments d ON d.id = c.department_id
      WHERE pp.plot_id = ANY($1::bigint[]) AND NOT (c.stage = ANY($2::text[]))
      ORDER BY pp.plot_id, pr.id, c.id`,
    [plotIds, [...CLOSED]],
  );
  const out = new Map<string, OpenApplication>();
  for (const r of rows) {
    const key = `${r.plot_id}:${r.project_id}`;
    let a = out.get(key);
    if (!a) {
      a = {
        plot_id: r.plot_id,
        property_id: r.property_id,
        project_id: r.project_id,
        project_name: r.project_name,
        organisation: r.organisation,
        submitted: r.submitted,
        cases: [],
      };
      out.set(key, a);
    }
    a.cases.push({
      id: r.case_id,
      permit: { fi: r.permit_fi, sv: r.permit_sv, en: r.permit_en },
      department: { fi: r.dept_fi, sv: r.dept_sv, en: r.dept_en },
      stage: r.stage,
      stage_names: STAGE_NAMES[r.stage as Stage],
    });
  }
  return [...out.values()];
}

/**
 * Refuses to take published plots off the map (back to draft, withdrawn) while open
 * applications name them, unless the request confirms it: the applicants and handlers of those
 * cases lose the plot's card, so the publisher must have seen whom it touches. 409
 * open_applications listing them.
 */
export async function assertOpenApplicationsConfirmed(
  tx: Queryable,
  plotIds: number[],
  body: Record<string, unknown>,
): Promise<void> {
  if (body[CONFIRM_FLAG] === true || !plotIds.length) return;
  const open = await openApplicationsOf(tx, plotIds);
  if (!open.length) return;
  throw new HttpError(
    409,
    'open_applications',
    `Open applications name this plot: ${open.map((a) => `${a.project_name} (${a.organisation})`).join('; ')}. ` +
      `Send ${CONFIRM_FLAG}: true to go ahead.`,
    { value: plotIds.length === 1 ? plotIds[0] : plotIds, applications: open, confirm: CONFIRM_FLAG },
  );
}
