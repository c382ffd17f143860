/**
 * The language a user chose, remembered for all three pages (public map, staff, apply) under one
 * key, so a choice made on one page holds on the next. The staff and apply pages used to keep
 * it under `tl.lang`: that value is taken over once and the old key removed.
 */
export const LANG_KEY = 'tonttiluukku.lang';
const OLD_KEY = 'tl.lang';

/** The remembered language as stored (the caller checks it), or null; null too when storage is blocked. */
export function rememberedLang(): string | null {
  try {
    const now = localStorage.getItem(LANG_KEY);
    const old = localStorage.getItem(OLD_KEY);
    if (old !== null) {
      if (now === null) localStorage.setItem(LANG_KEY, old);
      localStorage.removeItem(OLD_KEY);
    }
    return now ?? old;
  } catch {
    return null;
  }
}

/** Remembers `lang` for every page; for this visit only when storage is blocked. */
export function rememberLang(lang: string): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // remembered for this visit only
  }
}
