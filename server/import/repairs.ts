/**
 * Geometry repairs that change a plot: the area before and after, the publisher's decision per
 * row (accept the repaired shape or exclude the row), and the commit's refusal while any such
 * repair is undecided. Repairs that keep the area (a ring touching itself, a spike) stay
 * warnings, with their figures.
 */
import { audit } from '../audit/log.ts';
import type { Staff } from '../auth/guard.ts';
import type { Sql } from '../auth/sql.ts';
import type { Db, Queryable } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';

/** A repair that moves the area by this share or more is the publisher's decision. */
export const NOTICEABLE_CHANGE = 0.005;
export const REPAIR_UNDECIDED = 'geometry_repair_changes_area';
export const REPAIR_ACCEPTED = 'geometry_repair_accepted';

/**
 * Rewrites each `geometry_repaired` warning with the areas before and after. A ring crossing
 * itself has no area of its own (its lobes cancel in the shoelace sum: a bow-tie made of a
 * rectangle has 0), so its "before" is the area its outline spans; otherwise the area as drawn.
 */
export const assessRepairsSql = (jobId: string, epsg: number, swapAxes: boolean): Sql => ({
  text: `WITH t AS (
      SELECT r.n, r.repair_accepted_m2 AS accepted, ST_Area(r.geom) AS after,
        ST_Transform(ST_SetSRID(CASE WHEN $3 THEN ST_FlipCoordinates(r.src_geom) ELSE r.src_geom END, $2::int), 3879) AS g
      FROM import_rows r
      WHERE r.job_id = $1 AND r.geom IS NOT NULL AND r.problems @> '[{"code":"geometry_repaired"}]'),
    a AS (
      SELECT n, accepted, after, ST_Area(g) AS drawn, ST_Area(ST_ConvexHull(g)) AS hull, ST_IsValidReason(g) AS reason
      FROM t),
    b AS (
      SELECT n, accepted, after, reason,
        abs(after - drawn) / greatest(after, drawn, 1) >= $4 AS changes,
        CASE WHEN abs(after - drawn) / greatest(after, drawn, 1) >= $4 AND reason LIKE 'Self-intersection%'
          THEN greatest(drawn, hull) ELSE drawn END AS before
      FROM a),
    p AS (
      SELECT n, jsonb_build_object(
          'field', 'geometry',
          'code', CASE WHEN NOT changes THEN 'geometry_repaired'
                       WHEN accepted IS NOT NULL AND abs(accepted - after::numeric) < 0.01 THEN '${REPAIR_ACCEPTED}'
                       ELSE '${REPAIR_UNDECIDED}' END,
          'severity', CASE WHEN changes AND (accepted IS NULL OR abs(accepted - after::numeric) >= 0.01)
                           THEN 'error' ELSE 'warning' END,
          'value', reason,
          'area_before', round(before::numeric, 0),
          'area_after', round(after::numeric, 0),
          'change_pct', round((100 * abs(after - before) / greatest(after, before, 1))::numeric, 1)) AS problem
      FROM b)
    UPDATE import_rows r SET problems = (
        SELECT jsonb_agg(CASE WHEN e->>'code' = 'geometry_repaired' THEN p.problem ELSE e END)
        FROM jsonb_array_elements(r.problems) e)
    FROM p WHERE r.job_id = $1 AND r.n = p.n`,
  values: [jobId, epsg, swapAxes, NOTICEABLE_CHANGE],
});

export type RepairDecision = 'accept' | 'exclude' | 'undecided';

const hasRepair = `problems @> '[{"code":"${REPAIR_UNDECIDED}"}]' OR problems @> '[{"code":"${REPAIR_ACCEPTED}"}]'`;

/** Rows (not excluded) whose area-changing repair nobody accepted yet, in file order. */
export async function undecidedRepairs(db: Queryable, jobId: string, limit = 1000): Promise<number[]> {
  const rows = await db.query<{ n: number }>(
    `SELECT n FROM import_rows WHERE job_id = $1 AND NOT excluded AND problems @> '[{"code":"${REPAIR_UNDECIDED}"}]'
     ORDER BY n LIMIT $2`,
    [jobId, limit],
  );
  return rows.map((r) => r.n);
}

/** 409 repairs_unconfirmed naming the rows while any repair that changes a plot is undecided. */
export async function assertRepairsDecided(db: Queryable, jobId: string): Promise<void> {
  const rows = await undecidedRepairs(db, jobId);
  if (rows.length)
    throw new HttpError(
      409,
      'repairs_unconfirmed',
      `Repairing the geometry changes the area of ${rows.length === 1 ? 'row' : 'rows'} ${rows.slice(0, 20).join(', ')}: accept each repair or exclude the row first.`,
      { value: rows.length, rows },
    );
}

/**
 * Records the publisher's decision on the repairs of some rows (`rows`: row numbers or 'all'
 * the job's area-changing repairs): accept keeps the repaired area, exclude leaves the row
 * out, undecided takes both back. `revalidate` recomputes the problems and the summary.
 */
export async function decideRepairs(
  db: Db,
  jobId: string,
  body: Record<string, unknown>,
  staff: Staff,
  revalidate: () => Promise<void>,
  ip?: string,
): Promise<void> {
  const decision = body.decision as RepairDecision;
  if (!['accept', 'exclude', 'undecided'].includes(decision as string))
    throw badRequest(
      'invalid_decision',
      'decision must be accept, exclude or undecided.',
      body.decision ?? null,
    );
  const all = body.rows === 'all';
  const rows = Array.isArray(body.rows) ? body.rows : [];
  if (!all && (!rows.length || rows.length > 100_000 || !rows.every((n) => Number.isInteger(n))))
    throw badRequest('invalid_rows', 'rows must be "all" or a list of row numbers.', body.rows ?? null);
  const found = await db.query<{ n: number }>(
    `SELECT n FROM import_rows WHERE job_id = $1 AND (${hasRepair}) AND ($2 OR n = ANY($3::int[])) ORDER BY n`,
    [jobId, all, all ? [] : rows],
  );
  const missing = all ? [] : (rows as number[]).filter((n) => !found.some((f) => f.n === n));
  if (missing.length)
    throw new HttpError(404, 'repair_not_found', `Row ${missing[0]} has no repair that changes its area.`, {
      value: missing[0],
      rows: missing,
    });
  const ns = found.map((f) => f.n);
  await db.query(
    `UPDATE import_rows SET
       repair_accepted_m2 = CASE WHEN $3 = 'accept' THEN ST_Area(geom)::numeric END,
       excluded = CASE WHEN $3 = 'exclude' THEN true WHEN $3 = 'accept' THEN excluded ELSE false END
     WHERE job_id = $1 AND n = ANY($2::int[])`,
    [jobId, ns, decision],
  );
  await revalidate();
  await audit(db, {
    userId: staff.id,
    actor: staff.email,
    action: 'import.repairs',
    targetType: 'import',
    targetId: jobId,
    ip,
    details: { decision, rows: ns.slice(0, 1000) },
  });
}
