/** The languages every page, message and document is written in, and how texts are filled. */

export const LANGS = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const isLang = (v: unknown): v is Lang =>
  typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/**
 * Replaces every `{name}` in a text by its value; a placeholder without a value stays visible
 * (a missing value is then seen in review rather than silently dropped).
 */
export const fill = (text: string, vars: Record<string, string | number | undefined> = {}): string =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k])));
