import { audit } from '../audit/log.ts';
import { HttpError } from '../http/errors.ts';
import type { Actor } from './access.ts';
import { run, type AppsDeps } from './service.ts';
import * as sql from './sql.ts';

const notApplicant = (id: string) =>
  new HttpError(404, 'applicant_not_found', 'No such applicant.', { value: id });

interface ApplicantRow {
  id: string;
  email: string;
  display_name: string;
  organisation: string | null;
  business_id: string | null;
  preferred_lang: string;
  created_at: Date | string;
  last_login_at: Date | string | null;
}

const APPLICANT = `SELECT id::text, email, display_name, organisation, business_id, preferred_lang, created_at,
  last_login_at FROM users WHERE role = 'applicant'`;

export async function listApplicants(deps: AppsDeps) {
  const rows = await deps.db.query<ApplicantRow & { projects: number }>(
    `SELECT a.*, (SELECT count(*)::int FROM projects p WHERE p.applicant_id = a.id::bigint) AS projects
     FROM (${APPLICANT}) a ORDER BY lower(a.email)`,
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    organisation: r.organisation,
    businessId: r.business_id,
    projects: r.projects,
  }));
}

/**
 * Everything stored about one applicant, as JSON: the account (never the password hash), login
 * attempts, projects with cases, events and attachments (bytes as base64), and the e-mails sent
 * to them. Audit logged. 404 applicant_not_found.
 */
export async function exportApplicant(deps: AppsDeps, admin: Actor, id: string) {
  const [u] = await deps.db.query<ApplicantRow>(`${APPLICANT} AND id = $1`, [id]);
  if (!u) throw notApplicant(id);
  const projects = await run<sql.ProjectRow>(deps.db, sql.projectsOfApplicant(id));
  const out = [];
  for (const p of projects) {
    const [cases, events, files] = await Promise.all([
      run<sql.CaseRow>(deps.db, sql.casesOfProject(p.id)),
      run<sql.EventRow>(deps.db, sql.eventsOfProject(p.id)),
      deps.db.query<sql.AttachmentMeta & { content: Buffer | Uint8Array }>(
        `SELECT id::text, case_id::text, file_name, content_type, size_bytes, sha256, created_at, content
         FROM attachments WHERE project_id = $1 ORDER BY id`,
        [p.id],
      ),
    ]);
    out.push({
      id: p.id,
      name: p.name,
      description: p.description,
      activity: p.activity_code,
      facts: p.facts,
      plots: p.plots,
      createdAt: p.created_at,
      submittedAt: p.submitted_at,
      cases: cases.map((c) => ({
        id: c.id,
        permit: c.permit_type_code,
        department: c.department_id,
        stage: c.stage,
        events: events.filter((e) => e.case_id === c.id),
      })),
      attachments: files.map((f) => ({ ...f, content: Buffer.from(f.content).toString('base64') })),
    });
  }
  const [logins, mails] = await Promise.all([
    deps.db.query(`SELECT ip, success, at FROM login_attempts WHERE lower(email) = lower($1) ORDER BY at`, [
      u.email,
    ]),
    deps.db.query(
      `SELECT subject, text_body, kind, created_at, sent_at FROM mail_outbox WHERE lower(to_address) = lower($1) ORDER BY id`,
      [u.email],
    ),
  ]);
  await audit(deps.db, {
    userId: admin.id,
    actor: admin.email,
    action: 'applicant.export',
    targetType: 'user',
    targetId: id,
    ip: admin.ip,
  });
  return { exportedAt: new Date().toISOString(), account: u, loginAttempts: logins, projects: out, mails };
}

/**
 * Deletes the applicant and everything that is theirs: account, sessions, projects, cases,
 * events, attachments (by cascade), login attempts and e-mails sent to them. The audit entry
 * keeps the id only, not the address. 404 applicant_not_found.
 */
export async function deleteApplicant(deps: AppsDeps, admin: Actor, id: string) {
  await deps.db.transaction(async (tx) => {
    const [u] = await tx.query<ApplicantRow>(`${APPLICANT} AND id = $1`, [id]);
    if (!u) throw notApplicant(id);
    const [counts] = await tx.query<{ projects: number }>(
      `SELECT count(*)::int AS projects FROM projects WHERE applicant_id = $1`,
      [id],
    );
    await tx.query(`DELETE FROM login_attempts WHERE lower(email) = lower($1)`, [u.email]);
    await tx.query(`DELETE FROM mail_outbox WHERE lower(to_address) = lower($1)`, [u.email]);
    // The audit log's earlier entries by this user keep their action but lose the address.
    await tx.query(`UPDATE audit_log SET actor = 'deleted applicant ' || $1 WHERE user_id = $1::bigint`, [
      id,
    ]);
    await tx.query(`DELETE FROM users WHERE id = $1`, [id]);
    await audit(tx, {
      userId: admin.id,
      actor: admin.email,
      action: 'applicant.delete',
      targetType: 'user',
      targetId: id,
      ip: admin.ip,
      details: { projects: counts?.projects ?? 0 },
    });
  });
}
