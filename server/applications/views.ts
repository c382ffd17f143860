/** How projects, cases and their history look in the API. Pure functions of rows. */
import type { DayRange } from '../permits/schedule.ts';
import type { Actor } from './access.ts';
import type { AttachmentMeta, CaseRow, EventRow, ProjectRow } from './sql.ts';
import { CANCELLABLE, DONE, HANDLER_MOVES, STAGE_NAMES, type Stage } from './stages.ts';

type Text = { fi: string; sv: string; en: string };
const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());
const DAY_MS = 86_400_000;

export interface EventView {
  id: string;
  at: string;
  actor: { role: EventRow['actor_role']; label: string };
  kind: EventRow['kind'];
  from: Stage | null;
  to: Stage | null;
  message: string;
}

export const toEvent = (e: EventRow): EventView => ({
  id: e.id,
  at: iso(e.at)!,
  actor: { role: e.actor_role, label: e.actor_label },
  kind: e.kind,
  from: e.from_stage,
  to: e.to_stage,
  message: e.message,
});

export const toAttachment = (a: AttachmentMeta) => ({
  id: a.id,
  caseId: a.case_id,
  eventId: a.event_id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  createdAt: iso(a.created_at),
  url: `/api/applications/attachments/${a.id}`,
});

/**
 * Days of processing still expected: the schedule estimate made at creation minus the days
 * since submission, never below zero; zero once decided or closed; the whole estimate while
 * a draft. `now` in milliseconds.
 */
export function remainingDays(c: CaseRow, now: number): DayRange {
  if (DONE.has(c.stage)) return { min: 0, max: 0 };
  const elapsed = c.submitted_at ? Math.floor((now - new Date(c.submitted_at).getTime()) / DAY_MS) : 0;
  return {
    min: Math.max(0, c.finishes_after_days_min - elapsed),
    max: Math.max(0, c.finishes_after_days_max - elapsed),
  };
}

export function toCase(
  c: CaseRow,
  events: EventRow[],
  attachments: AttachmentMeta[],
  actor: Actor,
  now: number,
) {
  const mine = actor.role === 'handler' && actor.departmentId === c.department_id;
  return {
    id: c.id,
    projectId: c.project_id,
    permit: {
      code: c.permit_type_code,
      names: { fi: c.permit_name_fi, sv: c.permit_name_sv, en: c.permit_name_en },
    },
    department: {
      id: c.department_id,
      names: { fi: c.department_name_fi, sv: c.department_name_sv, en: c.department_name_en },
    },
    stage: c.stage,
    stageNames: STAGE_NAMES[c.stage] as Text,
    stageChangedAt: iso(c.stage_changed_at),
    reasons: c.reasons,
    dependsOn: c.depends_on,
    estimate: {
      startsAfterDays: c.starts_after_days,
      finishesAfterDays: { min: c.finishes_after_days_min, max: c.finishes_after_days_max },
    },
    remainingDays: remainingDays(c, now),
    /** Stages the signed-in user may move this case to. */
    allowedMoves: mine ? HANDLER_MOVES[c.stage] : [],
    canCancel: actor.role === 'applicant' && CANCELLABLE.has(c.stage),
    canReply: actor.role === 'applicant' && c.stage === 'supplement_requested',
    events: events.filter((e) => e.case_id === c.id).map(toEvent),
    attachments: attachments.filter((a) => a.case_id === c.id).map(toAttachment),
  };
}

export function toProject(
  p: ProjectRow,
  cases: CaseRow[],
  events: EventRow[],
  attachments: AttachmentMeta[],
  actor: Actor,
  now = Date.now(),
) {
  const cs = cases.map((c) => toCase(c, events, attachments, actor, now));
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    activity: {
      code: p.activity_code,
      names: { fi: p.activity_name_fi, sv: p.activity_name_sv, en: p.activity_name_en },
    },
    facts: p.facts,
    plots: p.plots.map((x) => ({ id: x.plot_id, propertyId: x.property_id, isDemo: x.is_demo })),
    organisation: p.organisation,
    businessId: p.business_id,
    /** The company that owns the project (colleagues with a mandate continue it); null if a person's own. */
    company: p.company_business_id ? { businessId: p.company_business_id, name: p.company_name ?? '' } : null,
    createdAt: iso(p.created_at),
    submittedAt: iso(p.submitted_at),
    /** Until every case is through, on the estimates (the cases run as the schedule says). */
    remainingDays: cs.reduce(
      (r, c) => ({ min: Math.max(r.min, c.remainingDays.min), max: Math.max(r.max, c.remainingDays.max) }),
      { min: 0, max: 0 },
    ),
    canSubmit: actor.role === 'applicant' && !p.submitted_at && cases.some((c) => c.stage === 'draft'),
    cases: cs,
    attachments: attachments.filter((a) => a.case_id === null).map(toAttachment),
  };
}
export type ProjectView = ReturnType<typeof toProject>;
