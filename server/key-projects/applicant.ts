import type { Actor } from '../applications/access.ts';
import { projectFor, sendAll, type AppsDeps } from '../applications/service.ts';
import type { Queryable } from '../db/index.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { evaluate } from './detection.ts';
import { bodyOf, optBool, optNumber, text } from './params.ts';
import { sentRoadmap } from './roadmap-sent.ts';
import { messageMail, ROLE_NAME } from './texts.ts';

/** The key-project facts an applicant gives (on a new project, or later). */
export interface KeyFacts {
  investmentEur?: number | null;
  jobs?: number | null;
  requestManager?: boolean;
}

/** Reads { investmentEur, jobs, requestManager }; absent raw: nothing given. 400 with the value. */
export function parseKeyFacts(raw: unknown): KeyFacts {
  if (raw === undefined || raw === null) return {};
  const b = bodyOf(raw);
  return {
    investmentEur: optNumber(b.investmentEur, 'invalid_investment', 1e12),
    jobs: optNumber(b.jobs, 'invalid_jobs', 1e6, true),
    requestManager: optBool(b.requestManager, 'invalid_request_manager'),
  };
}

/**
 * Wakes the project's live streams (the applicant's timeline and the manager's workspace) with a
 * key-project change; 'draft' keeps it away from department inboxes, which have nothing to show.
 */
export const notifyKey = (q: Queryable, projectId: string, what: string) =>
  q.query(`SELECT pg_notify('application_events', $1)`, [
    JSON.stringify({ project: projectId, department: '', case: '', event: `key-${what}`, stage: 'draft' }),
  ]);

/** Stores the facts and re-evaluates the project (in the caller's transaction or its own). */
export async function saveKeyFacts(q: Queryable, projectId: string, f: KeyFacts) {
  await q.query(`INSERT INTO key_projects (project_id) VALUES ($1) ON CONFLICT DO NOTHING`, [projectId]);
  await q.query(
    `UPDATE key_projects SET
       investment_eur = CASE WHEN $2 THEN $3::numeric ELSE investment_eur END,
       jobs = CASE WHEN $4 THEN $5::integer ELSE jobs END,
       requested_manager = coalesce($6, requested_manager)
     WHERE project_id = $1`,
    [
      projectId,
      f.investmentEur !== undefined,
      f.investmentEur ?? null,
      f.jobs !== undefined,
      f.jobs ?? null,
      f.requestManager ?? null,
    ],
  );
  const r = await evaluate(q, projectId);
  await notifyKey(q, projectId, 'status');
  return r;
}

export async function updateFacts(deps: AppsDeps, actor: Actor, projectId: string, body: unknown) {
  const p = await projectFor(deps.db, actor, projectId);
  const f = parseKeyFacts(body);
  await deps.db.transaction((tx) => saveKeyFacts(tx, p.id, f));
  return applicantView(deps, actor, p.id);
}

/**
 * What the applicant sees: whether it is a key project and why, the manager (the role, the name
 * as the city set it, the address), messages, meeting invitations and the permit roadmap sent to
 * them. Never internal notes.
 */
export async function applicantView(deps: AppsDeps, actor: Actor, projectId: string) {
  const p = await projectFor(deps.db, actor, projectId);
  const [k] = await deps.db.query<{
    is_key: boolean;
    reasons: string[];
    investment_eur: number | null;
    jobs: number | null;
    requested_manager: boolean;
    manager_name: string | null;
    manager_email: string | null;
  }>(
    `SELECT k.is_key, k.reasons, k.investment_eur::float8 AS investment_eur, k.jobs, k.requested_manager,
       u.display_name AS manager_name, u.email AS manager_email
     FROM key_projects k LEFT JOIN users u ON u.id = k.manager_user_id AND NOT u.disabled
     WHERE k.project_id = $1`,
    [p.id],
  );
  const isKey = k?.is_key === true;
  const messages = isKey
    ? await deps.db.query(
        `SELECT id::text, from_applicant AS "fromApplicant", body, created_at AS "createdAt"
         FROM key_project_messages WHERE project_id = $1 ORDER BY created_at, id`,
        [p.id],
      )
    : [];
  const meetings = isKey
    ? await deps.db.query(
        `SELECT id::text, starts_at AS "startsAt", place, video_url AS "videoUrl", agenda,
           applicant_response AS response, created_at AS "createdAt"
         FROM key_project_meetings WHERE project_id = $1 ORDER BY starts_at, id`,
        [p.id],
      )
    : [];
  // The roadmap as last sent, and every sending for the page's timeline.
  const roadmap = isKey ? await sentRoadmap(deps.db, p.id) : null;
  const roadmapSends = isKey
    ? await deps.db.query<{ id: string; sentAt: string }>(
        `SELECT id::text, sent_at AS "sentAt" FROM key_project_roadmap_sends WHERE project_id = $1 ORDER BY sent_at, id`,
        [p.id],
      )
    : [];
  return {
    projectId: p.id,
    isKey,
    reasons: k?.reasons ?? [],
    facts: {
      investmentEur: k?.investment_eur ?? null,
      jobs: k?.jobs ?? null,
      requestManager: k?.requested_manager ?? false,
    },
    manager:
      isKey && k?.manager_email
        ? { role: ROLE_NAME, name: k.manager_name ?? '', email: k.manager_email }
        : null,
    messages,
    meetings,
    roadmap,
    roadmapSends,
  };
}

const keyOnly = async (q: Queryable, projectId: string) => {
  const [k] = await q.query<{ manager_email: string | null; lang: 'fi' | 'sv' | 'en' | null }>(
    `SELECT u.email AS manager_email, u.preferred_lang AS lang FROM key_projects k
     LEFT JOIN users u ON u.id = k.manager_user_id WHERE k.project_id = $1 AND k.is_key`,
    [projectId],
  );
  if (!k) throw badRequest('not_key_project', 'This project is not a key project.', projectId);
  return k;
};

/** A message from the applicant to the manager (who gets a mail saying so). */
export async function applicantMessage(deps: AppsDeps, actor: Actor, projectId: string, body: unknown) {
  const p = await projectFor(deps.db, actor, projectId);
  const msg = text(bodyOf(body).body, 'invalid_message', 4000);
  const k = await keyOnly(deps.db, p.id);
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO key_project_messages (project_id, author_id, from_applicant, body) VALUES ($1, $2, true, $3)`,
      [p.id, actor.id, msg],
    );
    await notifyKey(tx, p.id, 'message');
  });
  if (k.manager_email)
    await sendAll(deps, [
      {
        to: k.manager_email,
        ...messageMail(k.lang ?? 'fi', { project: p.name, link: workspaceLink(deps, p.id) }),
      },
    ]);
  return applicantView(deps, actor, p.id);
}

/** The project page of the applicant app, as the applications mails link it. */
export const applicantLink = (deps: AppsDeps, projectId: string, lang: string) =>
  `${deps.config.publicBaseUrl}/apply.html?project=${projectId}&lang=${lang}`;

export const workspaceLink = (deps: AppsDeps, projectId: string) =>
  `${deps.config.publicBaseUrl}/apply.html#key-project-${projectId}`;

/** The applicant accepts or declines a meeting of their project. */
export async function respondToMeeting(
  deps: AppsDeps,
  actor: Actor,
  projectId: string,
  meetingId: string,
  body: unknown,
) {
  const p = await projectFor(deps.db, actor, projectId);
  const response = bodyOf(body).response;
  if (response !== 'accepted' && response !== 'declined')
    throw badRequest('invalid_response', 'Answer accepted or declined.', response, {
      accepted: ['accepted', 'declined'],
    });
  await deps.db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE key_project_meetings SET applicant_response = $3, responded_at = now()
       WHERE id = $2 AND project_id = $1 RETURNING id`,
      [p.id, meetingId, response],
    );
    if (!rows.length) throw new HttpError(404, 'meeting_not_found', 'No such meeting.', { value: meetingId });
    await notifyKey(tx, p.id, `meeting-${meetingId}`);
  });
  return applicantView(deps, actor, p.id);
}
