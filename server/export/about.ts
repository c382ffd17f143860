import { COLUMNS, header } from './columns.ts';
import { LICENCES, noticeText, TEXT, type Lang } from './i18n.ts';
import { CRSES, DELIMITERS, FORMATS } from './params.ts';

/**
 * The plain-text "about" document of an export, linked from every export response: CSV has no
 * standard place for metadata, so the demo note, the licences and each column's meaning live here.
 */
export function aboutText(lang: Lang): string {
  const lines = [noticeText(lang, true), '', `${TEXT.columns[lang]}:`];
  for (const c of COLUMNS) lines.push(`  ${c.key}\t${header(c, lang)}`);
  return lines.join('\n') + '\n';
}

/** What the export dialog offers: formats, CRSs, delimiters, and columns titled in `lang`. */
export function exportOptions(lang: Lang) {
  return {
    formats: FORMATS,
    crs: CRSES,
    delimiters: DELIMITERS,
    columns: COLUMNS.map((c) => ({ key: c.key, title: header(c, lang) })),
    licences: LICENCES,
    demoNote: TEXT.demoNote[lang],
  };
}
