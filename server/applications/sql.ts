/** All SQL of projects, cases, events and attachments, as small builders returning { text, values }. */
import type { Stage } from './stages.ts';

export interface Sql {
  text: string;
  values: unknown[];
}

export interface ProjectRow {
  id: string;
  applicant_id: string;
  name: string;
  description: string;
  activity_code: string;
  activity_name_fi: string;
  activity_name_sv: string;
  activity_name_en: string;
  facts: Record<string, unknown>;
  created_at: Date | string;
  submitted_at: Date | string | null;
  organisation: string | null;
  business_id: string | null;
  applicant_email: string;
  applicant_lang: 'fi' | 'sv' | 'en';
  /** The company that owns the project; null for a person's own project. */
  company_business_id: string | null;
  company_name: string | null;
  plots: Array<{ plot_id: number | null; property_id: string; is_demo: boolean }>;
}

const PROJECT_COLS = `p.id::text, p.applicant_id::text, p.name, p.description, p.activity_code,
  a.name_fi AS activity_name_fi, a.name_sv AS activity_name_sv, a.name_en AS activity_name_en,
  p.facts, p.created_at, p.submitted_at, u.organisation, u.business_id, u.email AS applicant_email,
  u.preferred_lang AS applicant_lang, p.company_business_id, p.company_name,
  (SELECT coalesce(json_agg(json_build_object('plot_id', pp.plot_id, 'property_id', pp.property_id,
     'is_demo', coalesce(pl.is_demo, false)) ORDER BY pp.position), '[]')
   FROM project_plots pp LEFT JOIN plots pl ON pl.id = pp.plot_id WHERE pp.project_id = p.id) AS plots`;
const PROJECT_FROM = `FROM projects p JOIN permit_activities a ON a.code = p.activity_code
  JOIN users u ON u.id = p.applicant_id`;

export const insertProject = (p: {
  applicantId: string;
  name: string;
  description: string;
  activity: string;
  facts: unknown;
  company: { businessId: string; name: string } | null;
}): Sql => ({
  text: `INSERT INTO projects (applicant_id, name, description, activity_code, facts, company_business_id,
           company_name)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id::text`,
  values: [
    p.applicantId,
    p.name,
    p.description,
    p.activity,
    JSON.stringify(p.facts),
    p.company?.businessId ?? null,
    p.company?.name ?? null,
  ],
});

export const insertProjectPlot = (
  projectId: string,
  plotId: string,
  propertyId: string,
  position: number,
): Sql => ({
  text: `INSERT INTO project_plots (project_id, plot_id, property_id, position) VALUES ($1, $2, $3, $4)`,
  values: [projectId, plotId, propertyId, position],
});

export const insertCase = (c: {
  projectId: string;
  code: string;
  departmentId: string;
  reasons: unknown;
  dependsOn: string[];
  startsAfterDays: number;
  finishesMin: number;
  finishesMax: number;
}): Sql => ({
  text: `INSERT INTO cases (project_id, permit_type_code, department_id, reasons, depends_on,
           starts_after_days, finishes_after_days_min, finishes_after_days_max)
         VALUES ($1, $2, $3, $4::jsonb, $5::text[], $6, $7, $8) RETURNING id::text`,
  values: [
    c.projectId,
    c.code,
    c.departmentId,
    JSON.stringify(c.reasons),
    c.dependsOn,
    c.startsAfterDays,
    c.finishesMin,
    c.finishesMax,
  ],
});

/** The projects a person made (what a privacy export and erasure cover). */
export const projectsOfApplicant = (applicantId: string): Sql => ({
  text: `SELECT ${PROJECT_COLS} ${PROJECT_FROM} WHERE p.applicant_id = $1 ORDER BY p.created_at DESC, p.id DESC`,
  values: [applicantId],
});

/** The applicant's own projects and, when acting for a company, every project of that company. */
export const projectsVisibleTo = (applicantId: string, businessId: string | null): Sql => ({
  text: `SELECT ${PROJECT_COLS} ${PROJECT_FROM}
         WHERE p.applicant_id = $1 OR ($2::text IS NOT NULL AND p.company_business_id = $2)
         ORDER BY p.created_at DESC, p.id DESC`,
  values: [applicantId, businessId],
});

export const projectById = (id: string): Sql => ({
  text: `SELECT ${PROJECT_COLS} ${PROJECT_FROM} WHERE p.id = $1`,
  values: [id],
});

export const markProjectSubmitted = (id: string): Sql => ({
  text: `UPDATE projects SET submitted_at = now() WHERE id = $1 AND submitted_at IS NULL RETURNING id`,
  values: [id],
});

export interface CaseRow {
  id: string;
  project_id: string;
  permit_type_code: string;
  permit_name_fi: string;
  permit_name_sv: string;
  permit_name_en: string;
  department_id: string;
  department_name_fi: string;
  department_name_sv: string;
  department_name_en: string;
  stage: Stage;
  reasons: Array<{ fi: string; sv: string; en: string }>;
  depends_on: string[];
  starts_after_days: number;
  finishes_after_days_min: number;
  finishes_after_days_max: number;
  stage_changed_at: Date | string;
  applicant_id: string;
  project_name: string;
  organisation: string | null;
  submitted_at: Date | string | null;
  company_business_id: string | null;
}

const CASE_COLS = `c.id::text, c.project_id::text, c.permit_type_code, t.name_fi AS permit_name_fi,
  t.name_sv AS permit_name_sv, t.name_en AS permit_name_en, c.department_id,
  d.name_fi AS department_name_fi, d.name_sv AS department_name_sv, d.name_en AS department_name_en,
  c.stage, c.reasons, c.depends_on, c.starts_after_days, c.finishes_after_days_min,
  c.finishes_after_days_max, c.stage_changed_at, p.applicant_id::text, p.name AS project_name,
  u.organisation, p.submitted_at, p.company_business_id`;
const CASE_FROM = `FROM cases c JOIN permit_types t ON t.code = c.permit_type_code
  JOIN departments d ON d.id = c.department_id JOIN projects p ON p.id = c.project_id
  JOIN users u ON u.id = p.applicant_id`;

export const casesOfProject = (projectId: string): Sql => ({
  text: `SELECT ${CASE_COLS} ${CASE_FROM} WHERE c.project_id = $1 ORDER BY c.starts_after_days, c.id`,
  values: [projectId],
});

export const caseById = (id: string): Sql => ({
  text: `SELECT ${CASE_COLS} ${CASE_FROM} WHERE c.id = $1`,
  values: [id],
});

/** The department's submitted cases (drafts are the applicant's own), newest change first. */
export const inbox = (departmentId: string, stage: Stage | null): Sql => ({
  text: `SELECT ${CASE_COLS} ${CASE_FROM}
         WHERE c.department_id = $1 AND c.stage <> 'draft' AND ($2::text IS NULL OR c.stage = $2)
         ORDER BY c.stage_changed_at DESC, c.id DESC LIMIT 500`,
  values: [departmentId, stage],
});

/**
 * Moves a case only if it is still at `from`: two handlers acting at once cannot both move it
 * (the second gets no row and a 409).
 */
export const moveCase = (id: string, from: Stage, to: Stage): Sql => ({
  text: `UPDATE cases SET stage = $3, stage_changed_at = now() WHERE id = $1 AND stage = $2 RETURNING id::text`,
  values: [id, from, to],
});

export interface EventRow {
  id: string;
  case_id: string;
  at: Date | string;
  actor_role: 'applicant' | 'handler' | 'system';
  actor_label: string;
  kind: 'created' | 'stage' | 'supplement_reply';
  from_stage: Stage | null;
  to_stage: Stage | null;
  message: string;
}

const EVENT_COLS = `e.id::text, e.case_id::text, e.at, e.actor_role, e.actor_label, e.kind, e.from_stage,
  e.to_stage, e.message`;

export const insertEvent = (e: {
  caseId: string;
  actorId: string | null;
  actorRole: 'applicant' | 'handler' | 'system';
  actorLabel: string;
  /** The company the person acted for; null when acting as themself (and for handlers). */
  actorBusinessId?: string | null;
  kind: EventRow['kind'];
  from?: Stage | null;
  to?: Stage | null;
  message?: string;
}): Sql => ({
  text: `INSERT INTO case_events (case_id, actor_id, actor_role, actor_label, kind, from_stage, to_stage, message,
           actor_business_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${EVENT_COLS.replace(/e\./g, '')}`,
  values: [
    e.caseId,
    e.actorId,
    e.actorRole,
    e.actorLabel,
    e.kind,
    e.from ?? null,
    e.to ?? null,
    e.message ?? '',
    e.actorBusinessId ?? null,
  ],
});

export const eventsOfProject = (projectId: string): Sql => ({
  text: `SELECT ${EVENT_COLS} FROM case_events e JOIN cases c ON c.id = e.case_id
         WHERE c.project_id = $1 ORDER BY e.at, e.id`,
  values: [projectId],
});

export const eventsOfCase = (caseId: string): Sql => ({
  text: `SELECT ${EVENT_COLS} FROM case_events e WHERE e.case_id = $1 ORDER BY e.at, e.id`,
  values: [caseId],
});

export interface AttachmentMeta {
  id: string;
  project_id: string;
  case_id: string | null;
  event_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date | string;
}

const ATT_COLS = `id::text, project_id::text, case_id::text, event_id::text, file_name, content_type,
  size_bytes, sha256, created_at`;

export const insertAttachment = (a: {
  projectId: string;
  caseId: string | null;
  eventId: string | null;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
}): Sql => ({
  text: `INSERT INTO attachments (project_id, case_id, event_id, file_name, content_type, size_bytes,
           sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${ATT_COLS}`,
  values: [
    a.projectId,
    a.caseId,
    a.eventId,
    a.fileName,
    a.contentType,
    a.content.length,
    a.sha256,
    a.content,
    a.uploadedBy,
  ],
});

export const attachmentsOfProject = (projectId: string): Sql => ({
  text: `SELECT ${ATT_COLS} FROM attachments WHERE project_id = $1 ORDER BY created_at, id`,
  values: [projectId],
});

export const attachmentContent = (id: string): Sql => ({
  text: `SELECT ${ATT_COLS}, content FROM attachments WHERE id = $1`,
  values: [id],
});

/** Where a department's mail goes: its active handlers, else its catalogue contact address. */
export const departmentRecipients = (departmentId: string): Sql => ({
  text: `SELECT email, preferred_lang AS lang FROM users
           WHERE role = 'handler' AND department_id = $1 AND NOT disabled
         UNION ALL
         SELECT email, 'fi' FROM contacts
           WHERE kind = 'department' AND department_id = $1
             AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'handler' AND department_id = $1 AND NOT disabled)`,
  values: [departmentId],
});

/** Wakes the project's timelines and its department's inboxes in every instance (delivered on commit). */
export const notifyProject = (payload: {
  project: string;
  department: string;
  case: string;
  event: string;
  stage: Stage;
}): Sql => ({
  text: `SELECT pg_notify('application_events', $1)`,
  values: [JSON.stringify(payload)],
});

/** Locks the project row while it is still a draft; no row once it has been submitted. */
export const lockDraftProject = (id: string): Sql => ({
  text: `SELECT id::text FROM projects WHERE id = $1 AND submitted_at IS NULL FOR UPDATE`,
  values: [id],
});

export const deleteProjectPlots = (projectId: string): Sql => ({
  text: `DELETE FROM project_plots WHERE project_id = $1`,
  values: [projectId],
});

/** Removes a draft case (never sent to any authority) with its events. */
export const deleteDraftCase = (id: string): Sql => ({
  text: `DELETE FROM cases WHERE id = $1 AND stage = 'draft'`,
  values: [id],
});

export const updateCaseEstimate = (
  id: string,
  c: {
    reasons: unknown;
    dependsOn: string[];
    startsAfterDays: number;
    finishesMin: number;
    finishesMax: number;
  },
): Sql => ({
  text: `UPDATE cases SET reasons = $2::jsonb, depends_on = $3::text[], starts_after_days = $4,
           finishes_after_days_min = $5, finishes_after_days_max = $6 WHERE id = $1`,
  values: [id, JSON.stringify(c.reasons), c.dependsOn, c.startsAfterDays, c.finishesMin, c.finishesMax],
});

export const renameProject = (id: string, name: string): Sql => ({
  text: `UPDATE projects SET name = $2 WHERE id = $1`,
  values: [id, name],
});
