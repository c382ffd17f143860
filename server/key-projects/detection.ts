import type { Queryable } from '../db/index.ts';

/** Why a project is a key project; the applicant and the manager see these. */
export const REASONS = ['building_right', 'area', 'investment', 'jobs', 'requested', 'flagged'] as const;
export type Reason = (typeof REASONS)[number];

export interface Thresholds {
  min_building_right_kem2: number;
  min_area_m2: number;
  min_investment_eur: number;
  min_jobs: number;
}

export async function thresholds(q: Queryable): Promise<Thresholds> {
  const [t] = await q.query<Thresholds>(
    `SELECT min_building_right_kem2::float8 AS min_building_right_kem2, min_area_m2::float8 AS min_area_m2,
       min_investment_eur::float8 AS min_investment_eur, min_jobs FROM key_project_settings`,
  );
  return t!;
}

/** The reasons a project with these figures is a key project (empty: it is not). */
export function reasonsFor(
  f: {
    buildingRight: number;
    area: number;
    investmentEur: number | null;
    jobs: number | null;
    requested: boolean;
    flagged: boolean;
  },
  t: Thresholds,
): Reason[] {
  const r: Reason[] = [];
  if (f.buildingRight >= t.min_building_right_kem2) r.push('building_right');
  if (f.area >= t.min_area_m2) r.push('area');
  if (f.investmentEur !== null && f.investmentEur >= t.min_investment_eur) r.push('investment');
  if (f.jobs !== null && f.jobs >= t.min_jobs) r.push('jobs');
  if (f.requested) r.push('requested');
  if (f.flagged) r.push('flagged');
  return r;
}

/**
 * Re-evaluates a project (after it is made, its plots or facts change, or it is flagged): stores
 * the reasons, and when it is a key project assigns a manager if it has none (the least loaded
 * active one) and the team (each case department's responsible person, unless the manager chose
 * one). A project that stops crossing every threshold keeps its manager: the work is under way.
 */
export async function evaluate(
  tx: Queryable,
  projectId: string,
): Promise<{ isKey: boolean; reasons: Reason[] }> {
  await tx.query(`INSERT INTO key_projects (project_id) VALUES ($1) ON CONFLICT DO NOTHING`, [projectId]);
  const [f] = await tx.query<{
    building_right: number;
    area: number;
    investment_eur: number | null;
    jobs: number | null;
    requested_manager: boolean;
    flagged: boolean;
  }>(
    `SELECT coalesce((SELECT sum(pl.building_right_kem2) FROM project_plots pp JOIN plots pl ON pl.id = pp.plot_id
              WHERE pp.project_id = k.project_id), 0)::float8 AS building_right,
            coalesce((SELECT sum(pl.area_m2) FROM project_plots pp JOIN plots pl ON pl.id = pp.plot_id
              WHERE pp.project_id = k.project_id), 0)::float8 AS area,
            k.investment_eur::float8 AS investment_eur, k.jobs, k.requested_manager, k.flagged
     FROM key_projects k WHERE k.project_id = $1`,
    [projectId],
  );
  const reasons = reasonsFor(
    {
      buildingRight: f!.building_right,
      area: f!.area,
      investmentEur: f!.investment_eur,
      jobs: f!.jobs,
      requested: f!.requested_manager,
      flagged: f!.flagged,
    },
    await thresholds(tx),
  );
  const isKey = reasons.length > 0;
  await tx.query(
    `UPDATE key_projects SET reasons = $2, is_key = is_key OR $3,
       became_key_at = CASE WHEN $3 THEN coalesce(became_key_at, now()) ELSE became_key_at END, updated_at = now()
     WHERE project_id = $1`,
    [projectId, reasons, isKey],
  );
  if (isKey) {
    await assignManager(tx, projectId);
    await assignTeam(tx, projectId);
  }
  return { isKey, reasons };
}

/** The active manager with the fewest key projects (ties: the longest-standing account). */
async function assignManager(tx: Queryable, projectId: string) {
  await tx.query(
    `UPDATE key_projects SET manager_user_id = (
       SELECT u.id FROM users u WHERE u.role = 'key_account_manager' AND NOT u.disabled
       ORDER BY (SELECT count(*) FROM key_projects k2 WHERE k2.manager_user_id = u.id AND k2.is_key), u.id
       LIMIT 1)
     WHERE project_id = $1 AND manager_user_id IS NULL`,
    [projectId],
  );
}

/** One row per department holding a case; the responsible person filled where none was chosen. */
export async function assignTeam(tx: Queryable, projectId: string) {
  await tx.query(
    `INSERT INTO key_project_team (project_id, department_id)
     SELECT DISTINCT $1::bigint, c.department_id FROM cases c WHERE c.project_id = $1
     ON CONFLICT DO NOTHING`,
    [projectId],
  );
  await tx.query(
    `UPDATE key_project_team t SET user_id = (
       SELECT u.id FROM users u WHERE u.role = 'handler' AND u.responsible_person AND NOT u.disabled
         AND u.department_id = t.department_id ORDER BY u.id LIMIT 1)
     WHERE t.project_id = $1 AND NOT t.chosen_by_manager AND t.user_id IS NULL`,
    [projectId],
  );
}
