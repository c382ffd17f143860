/**
 * Text cells of every CSV the service writes, made safe to open in a spreadsheet (OWASP, CSV
 * injection): a value starting with = + - @, a tab or a carriage return would be read as a
 * formula, so it gets a leading apostrophe, which spreadsheets show as text and do not
 * evaluate. Only text cells: a number column keeps -12.5 as a number. The same rule twice,
 * once for text made here and once for lines PostgreSQL makes (export), from one pattern.
 */
const FORMULA_START = '^[-=+@\\t\\r]';
const FORMULA_RE = new RegExp(FORMULA_START);

/** A text cell's value, neutralised; csv-stringify (or the caller) quotes it. */
export const csvSafeText = (s: string): string => (FORMULA_RE.test(s) ? `'${s}` : s);

/** csvSafeText in SQL over a text expression (NULL stays NULL). */
export const csvSafeTextSql = (expr: string): string =>
  `CASE WHEN ${expr} ~ '${FORMULA_START}' THEN '''' || ${expr} ELSE ${expr} END`;

const NEEDS_QUOTES = { ',': /[",\r\n]/, ';': /[";\r\n]/ };

/** A whole text field for `sep`: neutralised, then quoted as RFC 4180 says when it must be. */
export function csvTextField(s: string, sep: ',' | ';'): string {
  const v = csvSafeText(s);
  return NEEDS_QUOTES[sep].test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** csvTextField in SQL over a text expression; NULL gives an empty field. */
export function csvTextFieldSql(expr: string, sep: ',' | ';'): string {
  const v = `(${csvSafeTextSql(`(${expr})`)})`;
  const special = sep === ';' ? `'[";\\r\\n]'` : `'[",\\r\\n]'`;
  return `coalesce(CASE WHEN ${v} ~ ${special} THEN '"' || replace(${v}, '"', '""') || '"' ELSE ${v} END, '')`;
}
