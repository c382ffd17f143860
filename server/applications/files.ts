import type { Request } from 'express';
import { badRequest } from '../http/errors.ts';
import { HttpError } from '../http/errors.ts';
import type { Actor } from './access.ts';
import { readMultipart } from './attachments.ts';
import { storeFiles } from './cases.ts';
import { mayContinue, projectFor, run, type AppsDeps } from './service.ts';
import * as sql from './sql.ts';
import { CLOSED } from './stages.ts';
import { toAttachment } from './views.ts';

/**
 * The applicant attaches files to a project (for every case) or, with the form field caseId,
 * to one case. 400 file_required / invalid_case, 409 case_closed, and readMultipart's errors.
 */
export async function uploadToProject(deps: AppsDeps, actor: Actor, projectId: string, req: Request) {
  await projectFor(deps.db, actor, projectId);
  const form = await readMultipart(req, deps.config.attachmentLimitMb * 1e6);
  if (!form.files.length) throw badRequest('file_required', 'Choose a file to attach.', null);
  let caseId: string | null = null;
  if (form.fields.caseId) {
    const cases = await run<sql.CaseRow>(deps.db, sql.casesOfProject(projectId));
    const c = cases.find((x) => x.id === form.fields.caseId);
    if (!c) throw badRequest('invalid_case', 'That case is not part of this project.', form.fields.caseId);
    if (CLOSED.has(c.stage))
      throw new HttpError(409, 'case_closed', `The case is closed (${c.stage}); it cannot change any more.`, {
        value: c.stage,
        allowed: [],
      });
    caseId = c.id;
  }
  const rows = await deps.db.transaction((tx) => storeFiles(tx, actor, projectId, caseId, null, form.files));
  return rows.map(toAttachment);
}

/**
 * One attachment's bytes, for whoever may continue the project (its applicant, its company) or a handler of a department with a
 * submitted case in the project (project-wide files, or files of that department's case).
 * 404 attachment_not_found for everyone else.
 */
export async function downloadAttachment(deps: AppsDeps, actor: Actor, id: string) {
  const [a] = await run<sql.AttachmentMeta & { content: Buffer | Uint8Array }>(
    deps.db,
    sql.attachmentContent(id),
  );
  const missing = new HttpError(404, 'attachment_not_found', 'No such attachment.', { value: id });
  if (!a) throw missing;
  if (actor.role === 'applicant') {
    const [p] = await run<sql.ProjectRow>(deps.db, sql.projectById(a.project_id));
    if (!p || !mayContinue(actor, p)) throw missing;
  } else {
    const cases = await run<sql.CaseRow>(deps.db, sql.casesOfProject(a.project_id));
    const visible = cases.some(
      (c) =>
        c.department_id === actor.departmentId &&
        c.stage !== 'draft' &&
        (a.case_id === null || a.case_id === c.id),
    );
    if (!visible) throw missing;
  }
  return { ...a, content: Buffer.from(a.content) };
}
