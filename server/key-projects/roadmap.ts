import { audit } from '../audit/log.ts';
import { sendAll, type AppsDeps } from '../applications/service.ts';
import type { Queryable } from '../db/index.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { requirePart, type KeyActor } from './access.ts';
import { applicantLink, notifyKey } from './applicant.ts';
import { helsinkiDate } from './dates.ts';
import { bodyOf, optText, userId } from './params.ts';
import { roadmapMail, type Lang } from './texts.ts';

const DAY = 86_400_000;
const MAX_ITEMS = 100;
export const MAX_ROADMAP_NOTE = 1000;
/** Expected dates further than this from today are typing errors, not plans. */
const YEARS_BACK = 5;
const YEARS_AHEAD = 15;

type Text = Record<Lang, string>;
export interface RoadmapItem {
  caseId: string;
  permitType: string;
  permit: Text;
  departmentId: string;
  department: Text;
  position: number;
  startsOn: string;
  decisionOn: string;
  note: string;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The project's cases with what the roadmap shows of them; a team member's: their department's. */
const casesOf = (q: Queryable, projectId: string, deptOnly: string | null) =>
  q.query<{
    id: string;
    permit_type_code: string;
    permit: Text;
    department_id: string;
    department: Text;
    starts_after_days: number;
    finishes_after_days_max: number;
    submitted_at: Date | string | null;
  }>(
    `SELECT c.id::text, c.permit_type_code, json_build_object('fi', t.name_fi, 'sv', t.name_sv, 'en', t.name_en) AS permit,
       c.department_id, json_build_object('fi', d.name_fi, 'sv', d.name_sv, 'en', d.name_en) AS department,
       c.starts_after_days, c.finishes_after_days_max, p.submitted_at
     FROM cases c JOIN permit_types t ON t.code = c.permit_type_code JOIN departments d ON d.id = c.department_id
     JOIN projects p ON p.id = c.project_id
     WHERE c.project_id = $1 AND c.stage NOT IN ('cancelled', 'lapsed') AND ($2::text IS NULL OR c.department_id = $2)
     ORDER BY c.starts_after_days, c.id`,
    [projectId, deptOnly],
  );

/**
 * The roadmap as saved (draft false), or, before the first save, one prefilled from the permit
 * plan (draft true): each permit starts and is decided the plan's days after the submission (or
 * today for a draft project). A team member sees their department's permits only.
 */
export async function roadmapOf(q: Queryable, projectId: string, deptOnly: string | null, now = new Date()) {
  const cases = await casesOf(q, projectId, deptOnly);
  const saved = await q.query<{
    case_id: string;
    position: number;
    starts_on: string;
    decision_on: string;
    note: string;
  }>(
    `SELECT case_id::text, position, starts_on::text, decision_on::text, note FROM key_project_roadmap WHERE project_id = $1`,
    [projectId],
  );
  const [k] = await q.query<{ saved_at: string | null }>(
    `SELECT roadmap_saved_at AS saved_at FROM key_projects WHERE project_id = $1`,
    [projectId],
  );
  const sends = await q.query<{ id: string; sentAt: string; sentBy: string | null }>(
    `SELECT s.id::text, s.sent_at AS "sentAt", coalesce(nullif(u.display_name, ''), u.email) AS "sentBy"
     FROM key_project_roadmap_sends s LEFT JOIN users u ON u.id = s.sent_by WHERE s.project_id = $1 ORDER BY s.sent_at, s.id`,
    [projectId],
  );
  const draft = !k?.saved_at;
  const byCase = new Map(saved.map((s) => [s.case_id, s]));
  const items: RoadmapItem[] = [];
  for (const [i, c] of cases.entries()) {
    const s = byCase.get(c.id);
    if (!draft && !s) continue;
    const base = c.submitted_at ? helsinkiDate(new Date(c.submitted_at)) : helsinkiDate(now);
    items.push({
      caseId: c.id,
      permitType: c.permit_type_code,
      permit: c.permit,
      departmentId: c.department_id,
      department: c.department,
      position: s?.position ?? i + 1,
      startsOn: s?.starts_on ?? addDays(base, c.starts_after_days),
      decisionOn: s?.decision_on ?? addDays(base, c.finishes_after_days_max),
      note: s?.note ?? '',
    });
  }
  items.sort((a, b) => a.position - b.position);
  return { draft, savedAt: k?.saved_at ?? null, items, sends };
}

/** A calendar date YYYY-MM-DD that exists and lies within a plausible planning horizon. */
function roadmapDate(v: unknown, today: string): string {
  const ok =
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
    new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
  if (!ok) throw badRequest('invalid_roadmap_date', 'Give dates as YYYY-MM-DD.', v);
  const year = Number(today.slice(0, 4));
  const lo = `${year - YEARS_BACK}${today.slice(4)}`;
  const hi = `${year + YEARS_AHEAD}${today.slice(4)}`;
  if (v < lo || v > hi)
    throw badRequest(
      'invalid_roadmap_date',
      `Give a date from ${YEARS_BACK} years back to ${YEARS_AHEAD} years ahead.`,
      v,
      { min: lo, max: hi },
    );
  return v;
}

/** Reads { items: [{ caseId, position, startsOn, decisionOn, note }] }; 400 with the value. */
export function parseRoadmap(body: unknown, now = new Date()) {
  const raw = bodyOf(body).items;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_ITEMS)
    throw badRequest('invalid_roadmap', `Give items: a list of 1 to ${MAX_ITEMS} permits.`, raw);
  const today = helsinkiDate(now);
  const items = raw.map((r: unknown) => {
    const b = bodyOf(r);
    const position = b.position;
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 1 || position > MAX_ITEMS)
      throw badRequest(
        'invalid_roadmap_order',
        `Give each permit a position from 1 to ${MAX_ITEMS}.`,
        position,
      );
    const startsOn = roadmapDate(b.startsOn, today);
    const decisionOn = roadmapDate(b.decisionOn, today);
    if (decisionOn < startsOn)
      throw badRequest('invalid_roadmap_date', 'The decision cannot come before the start.', decisionOn, {
        startsOn,
      });
    return {
      caseId: userId(b.caseId, 'invalid_roadmap_case'),
      position,
      startsOn,
      decisionOn,
      note: optText(b.note, 'invalid_roadmap_note', MAX_ROADMAP_NOTE),
    };
  });
  const seen = new Set<number>();
  for (const i of items) {
    if (seen.has(i.position))
      throw badRequest('invalid_roadmap_order', 'Each position may be used once.', i.position);
    seen.add(i.position);
  }
  const cases = new Set<string>();
  for (const i of items) {
    if (cases.has(i.caseId))
      throw badRequest('invalid_roadmap_case', 'Each permit may be listed once.', i.caseId);
    cases.add(i.caseId);
  }
  return items;
}

/** The manager saves the roadmap (replacing the last one); permits must be the project's own. */
export async function saveRoadmap(deps: AppsDeps, a: KeyActor, projectId: string, body: unknown) {
  await requirePart(deps.db, a, projectId, 'manager');
  const items = parseRoadmap(body);
  const own = new Set((await casesOf(deps.db, projectId, null)).map((c) => c.id));
  for (const i of items)
    if (!own.has(i.caseId))
      throw badRequest('invalid_roadmap_case', 'The permit is not one of this project.', i.caseId);
  await deps.db.transaction(async (tx) => {
    await tx.query(`DELETE FROM key_project_roadmap WHERE project_id = $1`, [projectId]);
    for (const i of items)
      await tx.query(
        `INSERT INTO key_project_roadmap (project_id, case_id, position, starts_on, decision_on, note)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [projectId, i.caseId, i.position, i.startsOn, i.decisionOn, i.note],
      );
    await tx.query(`UPDATE key_projects SET roadmap_saved_at = clock_timestamp() WHERE project_id = $1`, [
      projectId,
    ]);
    await audit(tx, {
      userId: a.id,
      actor: a.email,
      action: 'key_project.roadmap_save',
      targetType: 'project',
      targetId: projectId,
      ip: a.ip,
      details: { permits: items.length },
    });
    await notifyKey(tx, projectId, 'roadmap');
  });
  return roadmapOf(deps.db, projectId, null);
}

/** Where the applicant (and the team) open a roadmap as PDF, signed in. */
export const roadmapPdfLink = (deps: AppsDeps, projectId: string, lang: Lang) =>
  `${deps.config.publicBaseUrl}/api/key-projects/${projectId}/roadmap.pdf?lang=${lang}`;

/**
 * Sends the saved roadmap to the applicant: kept as sent (their page and PDF show that), on the
 * timeline, audit-logged, and mailed in the applicant's language. The outbox stores text only,
 * so the mail links to the PDF behind sign-in rather than carrying it. 409 roadmap_not_saved
 * before the first save.
 */
export async function sendRoadmap(deps: AppsDeps, a: KeyActor, projectId: string) {
  await requirePart(deps.db, a, projectId, 'manager');
  const r = await roadmapOf(deps.db, projectId, null);
  if (r.draft || r.items.length === 0)
    throw new HttpError(409, 'roadmap_not_saved', 'Save the roadmap before sending it.', {
      value: projectId,
    });
  const [p] = await deps.db.query<{ name: string; email: string; lang: Lang }>(
    `SELECT p.name, u.email, u.preferred_lang AS lang FROM projects p JOIN users u ON u.id = p.applicant_id WHERE p.id = $1`,
    [projectId],
  );
  const items = r.items.map(({ caseId, permitType, position, startsOn, decisionOn, note }) => ({
    caseId,
    permitType,
    position,
    startsOn,
    decisionOn,
    note,
  }));
  const sent = await deps.db.transaction(async (tx) => {
    const [s] = await tx.query<{ id: string; sentAt: string }>(
      `INSERT INTO key_project_roadmap_sends (project_id, sent_by, items, lang) VALUES ($1, $2, $3, $4)
       RETURNING id::text, sent_at AS "sentAt"`,
      [projectId, a.id, JSON.stringify(items), p!.lang],
    );
    await audit(tx, {
      userId: a.id,
      actor: a.email,
      action: 'key_project.roadmap_send',
      targetType: 'project',
      targetId: projectId,
      ip: a.ip,
      details: { sendId: s!.id, permits: items.length, lang: p!.lang },
    });
    await notifyKey(tx, projectId, 'roadmap');
    return s!;
  });
  await sendAll(deps, [
    {
      to: p!.email,
      ...roadmapMail(p!.lang, {
        project: p!.name,
        manager: a.displayName || a.email,
        pdf: roadmapPdfLink(deps, projectId, p!.lang),
        page: applicantLink(deps, projectId, p!.lang),
      }),
    },
  ]);
  return { id: sent.id, sentAt: sent.sentAt, lang: p!.lang };
}
