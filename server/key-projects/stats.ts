import type { Queryable } from '../db/index.ts';

/** Groups with fewer decided cases than this are left out: too few to say anything, and too
 * few to keep a single company's case from being recognised. */
export const MIN_GROUP = 5;

/**
 * Measured processing time per permit type and department over the last 12 months: from the
 * case's submission to its decision (first move to decision_given or final), median and p90 in
 * days, next to the catalogue's expected range. No personal data; groups under MIN_GROUP omitted.
 */
export async function processingTimes(q: Queryable) {
  return q.query<{
    permitType: string;
    permit: { fi: string; sv: string; en: string };
    departmentId: string;
    department: { fi: string; sv: string; en: string };
    cases: number;
    medianDays: number;
    p90Days: number;
    expectedDays: { min: number; max: number };
  }>(
    `WITH per_case AS (
       SELECT c.permit_type_code, c.department_id,
         min(e.at) FILTER (WHERE e.to_stage = 'submitted') AS submitted_at,
         min(e.at) FILTER (WHERE e.to_stage IN ('decision_given', 'final')) AS decided_at
       FROM cases c JOIN case_events e ON e.case_id = c.id
       GROUP BY c.id, c.permit_type_code, c.department_id
     ), decided AS (
       SELECT permit_type_code, department_id, extract(epoch FROM decided_at - submitted_at) / 86400 AS days
       FROM per_case
       WHERE decided_at >= now() - interval '12 months' AND submitted_at IS NOT NULL AND decided_at >= submitted_at
     )
     SELECT t.code AS "permitType", json_build_object('fi', t.name_fi, 'sv', t.name_sv, 'en', t.name_en) AS permit,
       d.id AS "departmentId", json_build_object('fi', d.name_fi, 'sv', d.name_sv, 'en', d.name_en) AS department,
       count(*)::int AS cases,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x.days)::numeric, 1)::float8 AS "medianDays",
       round(percentile_cont(0.9) WITHIN GROUP (ORDER BY x.days)::numeric, 1)::float8 AS "p90Days",
       json_build_object('min', t.typical_days_min, 'max', t.typical_days_max) AS "expectedDays"
     FROM decided x JOIN permit_types t ON t.code = x.permit_type_code JOIN departments d ON d.id = x.department_id
     GROUP BY t.code, t.name_fi, t.name_sv, t.name_en, d.id, d.name_fi, d.name_sv, d.name_en, t.typical_days_min,
       t.typical_days_max
     HAVING count(*) >= $1
     ORDER BY t.code, d.id`,
    [MIN_GROUP],
  );
}

/** Whether the figures count demo cases (the demo applicant's), so a page can say so. */
export async function includesDemo(q: Queryable): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM cases c JOIN projects p ON p.id = c.project_id JOIN users u ON u.id = p.applicant_id
     WHERE lower(u.email) LIKE '%@demo.invalid' LIMIT 1`,
  );
  return rows.length > 0;
}
