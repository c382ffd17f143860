/**
 * What every staff view reads: the language and its texts, the signed-in person and their
 * permissions, and API errors in words. Its own module, so views do not import the app shell.
 */
import { createContext, useContext } from 'react';
import { isApiError, type Me } from './api.ts';
import type { Lang, T } from './i18n.ts';

export interface StaffCtx {
  t: T;
  lang: Lang;
  me: Me;
  can: (permission: string) => boolean;
  /** The translated message of an API error (its code), with the server's details filled in. */
  errorText: (e: unknown) => string;
}
export const StaffContext = createContext<StaffCtx | null>(null);
export const useStaff = (): StaffCtx => useContext(StaffContext)!;

export function errorTextOf(t: T, e: unknown): string {
  if (!isApiError(e)) return t('err.internal_error');
  const d = e.details as { limit_bytes?: number; suggestion?: { epsg: number } };
  const key = `err.${e.code}`;
  const text = t(key, {
    limit: d.limit_bytes ? Math.round(d.limit_bytes / 1e6) : '',
    epsg: d.suggestion?.epsg ?? '',
  });
  return text === key ? e.message || t('err.internal_error') : text;
}
