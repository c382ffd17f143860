import type { Request } from 'express';
import { HttpError, badRequest } from '../http/errors.ts';
import type { Actor } from './access.ts';
import { readMultipart, type ReceivedFile } from './attachments.ts';
import { departmentMail, stageChangedMail } from './mails.ts';
import {
  actorBusinessId,
  actorLabel,
  caseFor,
  departmentRecipients,
  projectFor,
  recordEvent,
  run,
  sendAll,
  type AppsDeps,
} from './service.ts';
import * as sql from './sql.ts';
import {
  CANCELLABLE,
  CLOSED,
  HANDLER_MOVES,
  MESSAGE_REQUIRED,
  STAGES,
  isStage,
  type Stage,
} from './stages.ts';
import { toCase, toEvent } from './views.ts';
import type { Queryable } from '../db/index.ts';

const MAX_MESSAGE = 4000;

function parseMessage(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') throw badRequest('invalid_message', 'The message must be text.', raw);
  const m = raw.trim();
  if (m.length > MAX_MESSAGE)
    throw badRequest('message_too_long', `Keep the message under ${MAX_MESSAGE} characters.`, m.length, {
      max: MAX_MESSAGE,
    });
  return m;
}

const closedError = (c: sql.CaseRow) =>
  new HttpError(409, 'case_closed', `The case is closed (${c.stage}); it cannot change any more.`, {
    value: c.stage,
    allowed: [],
  });

/** A case as a handler or its applicant sees it, with the project's facts and plots. */
export async function caseDetail(deps: AppsDeps, actor: Actor, id: string) {
  const c = await caseFor(deps.db, actor, id);
  const [[p], events, attachments] = await Promise.all([
    run<sql.ProjectRow>(deps.db, sql.projectById(c.project_id)),
    run<sql.EventRow>(deps.db, sql.eventsOfCase(id)),
    run<sql.AttachmentMeta>(deps.db, sql.attachmentsOfProject(c.project_id)),
  ]);
  const mine = attachments.filter((a) => a.case_id === null || a.case_id === id);
  return {
    ...toCase(c, events, mine, actor, Date.now()),
    // Project-wide files (case_id null) belong to every case of the project.
    attachments: mine.map((a) => ({
      id: a.id,
      caseId: a.case_id,
      eventId: a.event_id,
      fileName: a.file_name,
      contentType: a.content_type,
      sizeBytes: a.size_bytes,
      createdAt: new Date(a.created_at).toISOString(),
      url: `/api/applications/attachments/${a.id}`,
    })),
    project: {
      id: p!.id,
      name: p!.name,
      description: p!.description,
      organisation: p!.organisation,
      businessId: p!.business_id,
      activity: {
        code: p!.activity_code,
        names: { fi: p!.activity_name_fi, sv: p!.activity_name_sv, en: p!.activity_name_en },
      },
      facts: p!.facts,
      plots: p!.plots.map((x) => ({ id: x.plot_id, propertyId: x.property_id, isDemo: x.is_demo })),
      submittedAt: p!.submitted_at ? new Date(p!.submitted_at).toISOString() : null,
    },
  };
}

/** The handler's department's submitted cases; `stage` narrows (400 invalid_stage). */
export async function inbox(deps: AppsDeps, actor: Actor, stage: unknown) {
  if (stage !== undefined && stage !== '' && !isStage(stage))
    throw badRequest('invalid_stage', 'Unknown stage.', stage, { accepted: STAGES });
  const rows = await run<sql.CaseRow>(deps.db, sql.inbox(actor.departmentId!, (stage as Stage) || null));
  const now = Date.now();
  return rows.map((c) => ({
    ...toCase(c, [], [], actor, now),
    projectName: c.project_name,
    organisation: c.organisation,
  }));
}

/**
 * A handler moves a case of their department, as JSON ({ to, message }) or as a multipart form
 * with the same fields and up to 5 documents (the decision, a request's annex), stored with the
 * move's event in the same transaction. 400 invalid_stage / message_required, 409 case_closed
 * (nothing more can happen), 409 stage_not_allowed with the allowed next stages, 409
 * stage_conflict when another handler moved it first; file errors as in readMultipart. The
 * applicant gets an e-mail.
 */
export async function moveStage(deps: AppsDeps, actor: Actor, id: string, req: Request) {
  const c = await caseFor(deps.db, actor, id);
  const form = req.is('multipart/form-data')
    ? await readMultipart(req, deps.config.attachmentLimitMb * 1e6)
    : { fields: req.body as unknown, files: [] };
  const b = (typeof form.fields === 'object' && form.fields !== null ? form.fields : {}) as Record<
    string,
    unknown
  >;
  if (!isStage(b.to)) throw badRequest('invalid_stage', 'Unknown stage.', b.to ?? null, { accepted: STAGES });
  const to = b.to;
  const message = parseMessage(b.message);
  if (CLOSED.has(c.stage)) throw closedError(c);
  const allowed = HANDLER_MOVES[c.stage];
  if (!allowed.includes(to))
    throw new HttpError(409, 'stage_not_allowed', `A case at ${c.stage} cannot move to ${to}.`, {
      value: to,
      from: c.stage,
      allowed,
    });
  if (MESSAGE_REQUIRED.has(to) && !message)
    throw badRequest('message_required', 'Tell the applicant what is needed (a message).', null);
  const event = await deps.db.transaction(async (tx) => {
    await guardedMove(tx, c, to);
    const ev = await recordEvent(
      tx,
      c,
      {
        actorId: actor.id,
        actorRole: 'handler',
        actorLabel: actorLabel(actor),
        actorBusinessId: actorBusinessId(actor),
        kind: 'stage',
        from: c.stage,
        to,
        message,
      },
      to,
    );
    await storeFiles(tx, actor, c.project_id, c.id, ev.id, form.files);
    return ev;
  });
  const [p] = await run<sql.ProjectRow>(deps.db, sql.projectById(c.project_id));
  await sendAll(deps, [stageChangedMail(p!, c, to, message, deps.config.publicBaseUrl)]);
  return { event: toEvent(event), stage: to, allowed: HANDLER_MOVES[to], files: form.files.length };
}

async function guardedMove(tx: Queryable, c: sql.CaseRow, to: Stage) {
  if (!(await run(tx, sql.moveCase(c.id, c.stage, to))).length)
    throw new HttpError(409, 'stage_conflict', 'The case was changed meanwhile; reload and try again.', {
      value: to,
    });
}

/** The applicant withdraws a case (409 case_closed / stage_not_allowed once decided). */
export async function cancelCase(deps: AppsDeps, actor: Actor, id: string, body: unknown) {
  const c = await caseFor(deps.db, actor, id);
  const message = parseMessage((body as { message?: unknown } | undefined)?.message);
  if (CLOSED.has(c.stage)) throw closedError(c);
  if (!CANCELLABLE.has(c.stage))
    throw new HttpError(409, 'stage_not_allowed', `A case at ${c.stage} can no longer be withdrawn.`, {
      value: 'cancelled',
      from: c.stage,
      allowed: [],
    });
  const event = await deps.db.transaction(async (tx) => {
    await guardedMove(tx, c, 'cancelled');
    return recordEvent(
      tx,
      c,
      {
        actorId: actor.id,
        actorRole: 'applicant',
        actorLabel: actorLabel(actor),
        actorBusinessId: actorBusinessId(actor),
        kind: 'stage',
        from: c.stage,
        to: 'cancelled',
        message,
      },
      'cancelled',
    );
  });
  if (c.stage !== 'draft') {
    const p = await projectFor(deps.db, actor, c.project_id);
    const mails = (await departmentRecipients(deps.db, c.department_id)).map((r) =>
      departmentMail('cancelled', p, c, message, r, deps.config.publicBaseUrl),
    );
    await sendAll(deps, mails);
  }
  return { event: toEvent(event), stage: 'cancelled' as const };
}

/**
 * The applicant answers a supplement request: a message (required) and up to 5 files in one
 * multipart form; the case returns to processing and the department gets an e-mail. 409
 * case_closed, 409 no_supplement_requested; file errors as in readMultipart. Nothing is stored
 * on any error.
 */
export async function replyToSupplement(deps: AppsDeps, actor: Actor, id: string, req: Request) {
  const c = await caseFor(deps.db, actor, id);
  const form = await readMultipart(req, deps.config.attachmentLimitMb * 1e6);
  if (CLOSED.has(c.stage)) throw closedError(c);
  if (c.stage !== 'supplement_requested')
    throw new HttpError(409, 'no_supplement_requested', 'No supplement has been requested in this case.', {
      value: c.stage,
    });
  const message = parseMessage(form.fields.message);
  if (!message) throw badRequest('message_required', 'Write a reply to the request.', null);
  const event = await deps.db.transaction(async (tx) => {
    await guardedMove(tx, c, 'in_processing');
    const ev = await recordEvent(
      tx,
      c,
      {
        actorId: actor.id,
        actorRole: 'applicant',
        actorLabel: actorLabel(actor),
        actorBusinessId: actorBusinessId(actor),
        kind: 'supplement_reply',
        from: 'supplement_requested',
        to: 'in_processing',
        message,
      },
      'in_processing',
    );
    await storeFiles(tx, actor, c.project_id, c.id, ev.id, form.files);
    return ev;
  });
  const p = await projectFor(deps.db, actor, c.project_id);
  const mails = (await departmentRecipients(deps.db, c.department_id)).map((r) =>
    departmentMail('reply', p, c, message, r, deps.config.publicBaseUrl),
  );
  await sendAll(deps, mails);
  return { event: toEvent(event), stage: 'in_processing' as const, files: form.files.length };
}

export async function storeFiles(
  tx: Queryable,
  actor: Actor,
  projectId: string,
  caseId: string | null,
  eventId: string | null,
  files: ReceivedFile[],
) {
  const out: sql.AttachmentMeta[] = [];
  for (const f of files) {
    const [a] = await run<sql.AttachmentMeta>(
      tx,
      sql.insertAttachment({ projectId, caseId, eventId, uploadedBy: actor.id, ...f }),
    );
    out.push(a!);
  }
  return out;
}
