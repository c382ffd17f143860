import { audit } from '../audit/log.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import type { KeyActor } from './access.ts';
import { thresholds } from './detection.ts';
import { bodyOf, optBool, optNumber } from './params.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The thresholds, and the key customer managers and responsible persons the admin manages. */
export async function settings(db: Db) {
  const people = await db.query(
    `SELECT id::text, email, display_name AS "displayName", role, department_id AS "departmentId",
       responsible_person AS "responsiblePerson", key_account_lead AS lead
     FROM users WHERE role IN ('key_account_manager', 'handler') AND NOT disabled ORDER BY role, department_id, id`,
  );
  const departments = await db.query(
    `SELECT id, json_build_object('fi', name_fi, 'sv', name_sv, 'en', name_en) AS names, lead_email AS "leadEmail"
     FROM departments ORDER BY id`,
  );
  return { thresholds: await thresholds(db), people, departments };
}

/** Changes any of the four thresholds (positive numbers); audit-logged. */
export async function setThresholds(db: Db, a: KeyActor, body: unknown) {
  const b = bodyOf(body);
  const v = {
    min_building_right_kem2: optNumber(b.min_building_right_kem2, 'invalid_threshold', 1e7),
    min_area_m2: optNumber(b.min_area_m2, 'invalid_threshold', 1e9),
    min_investment_eur: optNumber(b.min_investment_eur, 'invalid_threshold', 1e12),
    min_jobs: optNumber(b.min_jobs, 'invalid_threshold', 1e6, true),
  };
  for (const [k, x] of Object.entries(v))
    if (x === null || x === 0)
      throw new HttpError(400, 'invalid_threshold', `${k} must be above 0.`, { value: x, field: k });
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE key_project_settings SET min_building_right_kem2 = coalesce($1, min_building_right_kem2),
         min_area_m2 = coalesce($2, min_area_m2), min_investment_eur = coalesce($3, min_investment_eur),
         min_jobs = coalesce($4, min_jobs), updated_at = now()`,
      [
        v.min_building_right_kem2 ?? null,
        v.min_area_m2 ?? null,
        v.min_investment_eur ?? null,
        v.min_jobs ?? null,
      ],
    );
    await audit(tx, { userId: a.id, actor: a.email, action: 'key_project.thresholds', ip: a.ip, details: v });
  });
  return thresholds(db);
}

/**
 * The responsible-person flag of a handler and the lead flag of a key customer manager.
 * 404 user_not_found; 400 flag_not_applicable when the flag does not fit the account's role.
 */
export async function setStaffFlags(db: Db, a: KeyActor, id: string, body: unknown) {
  const b = bodyOf(body);
  const responsible = optBool(b.responsiblePerson, 'invalid_flag');
  const lead = optBool(b.lead, 'invalid_flag');
  const [u] = await db.query<{ role: string }>(`SELECT role FROM users WHERE id = $1`, [id]);
  if (!u) throw new HttpError(404, 'user_not_found', 'No such user.', { value: id });
  if (responsible !== undefined && u.role !== 'handler')
    throw new HttpError(400, 'flag_not_applicable', 'Only handlers can be responsible persons.', {
      value: u.role,
    });
  if (lead !== undefined && u.role !== 'key_account_manager')
    throw new HttpError(400, 'flag_not_applicable', 'Only key customer managers can be leads.', {
      value: u.role,
    });
  return db.transaction(async (tx) => {
    const [r] = await tx.query(
      `UPDATE users SET responsible_person = coalesce($2, responsible_person), key_account_lead = coalesce($3, key_account_lead)
       WHERE id = $1 RETURNING id::text, responsible_person AS "responsiblePerson", key_account_lead AS lead`,
      [id, responsible ?? null, lead ?? null],
    );
    await audit(tx, {
      userId: a.id,
      actor: a.email,
      action: 'key_project.staff_flags',
      targetType: 'user',
      targetId: id,
      ip: a.ip,
      details: { responsiblePerson: responsible, lead },
    });
    // A new responsible person fills the empty team seats of their department at once.
    if (responsible)
      await tx.query(
        `UPDATE key_project_team t SET user_id = $1 FROM users u
         WHERE u.id = $1 AND t.department_id = u.department_id AND t.user_id IS NULL AND NOT t.chosen_by_manager`,
        [id],
      );
    return r;
  });
}

/** The address a department's stuck cases are escalated to (a role address; null clears it). */
export async function setDepartmentLead(db: Db, a: KeyActor, dept: string, body: unknown) {
  const email = bodyOf(body).leadEmail;
  if (email !== null && (typeof email !== 'string' || !EMAIL.test(email) || email.length > 320))
    throw new HttpError(400, 'invalid_email', 'Give an e-mail address or null.', { value: email });
  const rows = await db.query(`UPDATE departments SET lead_email = $2 WHERE id = $1 RETURNING id`, [
    dept,
    email,
  ]);
  if (!rows.length) throw new HttpError(404, 'department_not_found', 'No such department.', { value: dept });
  await audit(db, {
    userId: a.id,
    actor: a.email,
    action: 'key_project.department_lead',
    targetType: 'department',
    targetId: dept,
    ip: a.ip,
    details: { leadEmail: email },
  });
  return { id: dept, leadEmail: email };
}
