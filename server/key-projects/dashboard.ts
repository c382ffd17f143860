import type { Queryable } from '../db/index.ts';
import { DONE, STAGE_NAMES, type Stage } from '../applications/stages.ts';
import { seesAll, type KeyActor } from './access.ts';
import { includesDemo, MIN_GROUP, processingTimes } from './stats.ts';

/**
 * How far a case has come, for a project's stage: appealed sits before final because an appeal
 * still ends in a new decision or the decision becoming final.
 */
const PROGRESS: readonly Stage[] = [
  'draft',
  'submitted',
  'received',
  'in_processing',
  'supplement_requested',
  'decision_given',
  'appealed',
  'final',
];

/**
 * A key project's stage: that of its least advanced case still alive, since the project waits
 * on it. Cancelled and lapsed cases count only when every case ended so; no case yet is a draft.
 */
export function projectStage(stages: readonly Stage[]): Stage {
  const alive = stages.filter((s) => s !== 'cancelled' && s !== 'lapsed');
  if (alive.length === 0) return stages.includes('lapsed') ? 'lapsed' : stages.length ? 'cancelled' : 'draft';
  return alive.reduce((min, s) => (PROGRESS.indexOf(s) < PROGRESS.indexOf(min) ? s : min));
}

/**
 * Business Services' overview: the key projects the actor sees (a lead or an admin every one, a
 * key customer manager their own) by stage and by the business area (sub-district) of their
 * first plot, the public processing-time groups, and the open cases of those projects that have
 * gone past the catalogue's longest expected time since submission, most overdue first.
 */
export async function dashboard(q: Queryable, a: KeyActor) {
  const all = seesAll(a);
  const scope = `k.is_key AND ($1 OR k.manager_user_id = $2)`;
  const params = [all, a.id];
  const stages = await q.query<{ id: string; stages: Stage[] }>(
    `SELECT k.project_id::text AS id, coalesce(array_agg(c.stage) FILTER (WHERE c.id IS NOT NULL), '{}') AS stages
     FROM key_projects k LEFT JOIN cases c ON c.project_id = k.project_id
     WHERE ${scope} GROUP BY k.project_id`,
    params,
  );
  const counts = new Map<Stage, number>();
  for (const p of stages) {
    const s = projectStage(p.stages);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const byStage = [...counts]
    .sort(([x], [y]) => order(x) - order(y))
    .map(([stage, projects]) => ({ stage, names: STAGE_NAMES[stage], projects }));

  // The first plot of the project, as applied for; a plot since removed leaves the area unknown.
  const byArea = await q.query<{
    subDistrict: number | null;
    name: { fi: string; sv: string } | null;
    businessArea: boolean;
    projects: number;
  }>(
    `WITH first_plot AS (
       SELECT DISTINCT ON (pp.project_id) pp.project_id, pl.sub_district_number
       FROM project_plots pp LEFT JOIN plots pl ON pl.id = pp.plot_id
       ORDER BY pp.project_id, pp.position
     )
     SELECT s.number::int AS "subDistrict",
       CASE WHEN s.number IS NULL THEN NULL
         ELSE json_build_object('fi', s.name_fi, 'sv', coalesce(s.name_sv, s.name_fi)) END AS name,
       coalesce(s.is_business_area, false) AS "businessArea", count(*)::int AS projects
     FROM key_projects k LEFT JOIN first_plot f ON f.project_id = k.project_id
     LEFT JOIN sub_districts s ON s.number = f.sub_district_number
     WHERE ${scope}
     GROUP BY s.number, s.name_fi, s.name_sv, s.is_business_area
     ORDER BY projects DESC, s.name_fi NULLS LAST`,
    params,
  );

  // Days since submission: the case's own submission event, else the project's submission.
  const overdue = await q.query<{
    caseId: string;
    projectId: string;
    project: string;
    permitType: string;
    permit: { fi: string; sv: string; en: string };
    departmentId: string;
    department: { fi: string; sv: string; en: string };
    stage: Stage;
    submittedAt: string;
    expectedDaysMax: number;
    daysOpen: number;
    daysOver: number;
  }>(
    `WITH open_cases AS (
       SELECT c.id, c.project_id, c.permit_type_code, c.department_id, c.stage,
         coalesce((SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_stage = 'submitted'),
           p.submitted_at) AS submitted_at
       FROM cases c JOIN projects p ON p.id = c.project_id JOIN key_projects k ON k.project_id = c.project_id
       WHERE ${scope} AND c.stage <> 'draft' AND NOT (c.stage = ANY ($3::text[]))
     ), aged AS (
       SELECT o.*, floor(extract(epoch FROM now() - o.submitted_at) / 86400)::int AS days_open
       FROM open_cases o WHERE o.submitted_at IS NOT NULL
     )
     SELECT x.id::text AS "caseId", x.project_id::text AS "projectId", p.name AS project,
       t.code AS "permitType", json_build_object('fi', t.name_fi, 'sv', t.name_sv, 'en', t.name_en) AS permit,
       d.id AS "departmentId", json_build_object('fi', d.name_fi, 'sv', d.name_sv, 'en', d.name_en) AS department,
       x.stage, x.submitted_at AS "submittedAt", t.typical_days_max AS "expectedDaysMax",
       x.days_open AS "daysOpen", x.days_open - t.typical_days_max AS "daysOver"
     FROM aged x JOIN projects p ON p.id = x.project_id JOIN permit_types t ON t.code = x.permit_type_code
     JOIN departments d ON d.id = x.department_id
     WHERE x.days_open > t.typical_days_max
     ORDER BY "daysOver" DESC, x.id`,
    [...params, [...DONE]],
  );

  return {
    scope: all ? ('all' as const) : ('own' as const),
    keyProjects: stages.length,
    byStage,
    byArea,
    processingTimes: { minGroup: MIN_GROUP, windowMonths: 12, groups: await processingTimes(q) },
    overdue,
    includesDemo: await includesDemo(q),
  };
}

const order = (s: Stage) =>
  PROGRESS.includes(s) ? PROGRESS.indexOf(s) : PROGRESS.length + (s === 'lapsed' ? 1 : 0);
