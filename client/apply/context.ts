import { createContext, useCallback, useContext, useState } from 'react';
import { isApiError, type Me } from './api.ts';
import { hasKey, type Lang, type T } from './i18n.ts';

// The apply app's shared state lives here rather than in App.tsx, which imports every view:
// views reading it from the shell would import the shell back.

/** Where the page is: read from and written to the URL, so links in e-mails open the right view. */
export type View =
  { kind: 'home' } | { kind: 'new' } | { kind: 'project'; id: string } | { kind: 'case'; id: string };

export interface Ctx {
  t: T;
  lang: Lang;
  me: Me;
  go(v: View): void;
  errorText(e: unknown): string;
  /** A stage's name in the current language. */
  stageName(stage: string): string;
}
export const ApplyContext = createContext<Ctx | null>(null);
export const useApply = (): Ctx => useContext(ApplyContext)!;

/** How to word a message in the page's current language. */
export type Say = (c: Ctx) => string;

/**
 * A message (an error, a confirmation, a live announcement) kept as how to say it rather than
 * as words, so it follows a language switch instead of staying in the language it was made in.
 */
export function useNotice(): [string, (say: Say | null) => void] {
  const ctx = useApply();
  const [say, setSay] = useState<Say | null>(null);
  const set = useCallback((next: Say | null) => setSay(() => next), []);
  return [say ? say(ctx) : '', set];
}

/** The translated message of an API error code, with its details (allowed stages, file name). */
export function errorTextOf(t: T, e: unknown): string {
  if (!isApiError(e)) return t('err.internal_error');
  const key = `err.${e.code}`;
  if (!hasKey(key)) return e.message || t('err.internal_error');
  const d = e.details as {
    value?: unknown;
    allowed?: string[];
    limit_bytes?: number;
    retry_after_s?: number;
  };
  return t(key, {
    value: typeof d.value === 'string' ? d.value : '',
    allowed: (d.allowed ?? []).join(', '),
    limit: d.limit_bytes ? Math.round(d.limit_bytes / 1e5) / 10 : '',
    seconds: d.retry_after_s ?? '',
  });
}
