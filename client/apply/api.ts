/** The applications API from the browser: cookie session, CSRF header on every change. */
import { api, isApiError, readJson, setCsrf, type ApiError } from '../staff/api.ts';
import type { Lang } from './i18n.ts';

export { api, isApiError, type ApiError };

let token = '';
/** Keeps the session's CSRF token for JSON requests (api) and forms (postForm). */
export function keepCsrfToken(t: string): void {
  token = t;
  setCsrf(t);
}

type Text = Record<Lang, string>;
export type DayRange = { min: number; max: number };

export interface Me {
  user: {
    id: string;
    email: string;
    role: string;
    organisation: string | null;
    lang: Lang;
    /** False until the applicant follows the link of the verification mail. */
    emailVerified: boolean;
  };
  department: { id: string; names: Text } | null;
}

export interface EventView {
  id: string;
  at: string;
  actor: { role: 'applicant' | 'handler' | 'system'; label: string };
  kind: 'created' | 'stage' | 'supplement_reply';
  from: string | null;
  to: string | null;
  message: string;
}

export interface Attachment {
  id: string;
  caseId: string | null;
  eventId: string | null;
  fileName: string;
  sizeBytes: number;
  url: string;
}

export interface CaseView {
  id: string;
  projectId: string;
  permit: { code: string; names: Text };
  department: { id: string; names: Text };
  stage: string;
  stageNames: Text;
  stageChangedAt: string;
  reasons: Text[];
  estimate: { startsAfterDays: number; finishesAfterDays: DayRange };
  remainingDays: DayRange;
  allowedMoves: string[];
  canCancel: boolean;
  canReply: boolean;
  events: EventView[];
  attachments: Attachment[];
  projectName?: string;
  organisation?: string | null;
}

export interface ProjectView {
  id: string;
  name: string;
  description: string;
  activity: { code: string; names: Text };
  plots: Array<{ id: number | null; propertyId: string; isDemo: boolean }>;
  organisation: string | null;
  createdAt: string;
  submittedAt: string | null;
  remainingDays: DayRange;
  canSubmit: boolean;
  cases: CaseView[];
  attachments: Attachment[];
}

/** The ids of a project's plots that still exist (a removed plot keeps only its identifier). */
export const plotIdsOf = (p: ProjectView): number[] =>
  p.plots.map((x) => x.id).filter((x): x is number => x !== null);

/** Sets a draft project's plots; the server brings its cases in line with them. */
export const putProjectPlots = (projectId: string, plotIds: number[]) =>
  api<{ project: ProjectView }>('PUT', `/api/applications/projects/${projectId}/plots`, { plotIds });

export interface CaseDetail extends CaseView {
  project: {
    id: string;
    name: string;
    description: string;
    organisation: string | null;
    businessId: string | null;
    activity: { code: string; names: Text };
    facts: Record<string, unknown>;
    plots: Array<{ id: number | null; propertyId: string; isDemo: boolean }>;
  };
}

export interface StageInfo {
  code: string;
  names: Text;
  next: string[];
}

/** Sends a multipart form (files and fields); throws an ApiError like api(). */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      body: form,
      headers: { 'x-csrf-token': token, accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw { status: 0, code: 'network_error', message: '', details: {} } satisfies ApiError;
  }
  return readJson<T>(res);
}
