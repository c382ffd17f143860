import { header, type ExportColumn } from '../columns.ts';
import { TEXT, valueLabel, type Lang } from '../i18n.ts';
import type { FormatWriter } from './types.ts';

// RFC 4180: a field with the delimiter, a quote or a line break is quoted, quotes doubled.
// Written here rather than through a CSV library: this loop is the export's hot path (the
// target is within 2x of PostgreSQL's own COPY), and one formatter per column does no work
// a column cannot need (numbers are never quoted, codes are looked up, not escaped).
const QUOTE = { comma: /[",\r\n]/, semicolon: /[";\r\n]/ };

type Cell = (v: unknown) => string;

function cellFormatter(
  c: ExportColumn,
  lang: Lang,
  decimalComma: boolean,
  field: (s: string) => string,
): Cell {
  if (c.type === 'boolean') {
    const yes = field(TEXT.yes[lang]);
    const no = field(TEXT.no[lang]);
    return (v) => (v == null ? '' : v ? yes : no);
  }
  if (c.coded) return (v) => (v == null ? '' : field(valueLabel(c.key, String(v), lang)));
  if (c.type === 'real' || c.type === 'integer')
    return decimalComma
      ? (v) => (v == null ? '' : String(v).replace('.', ','))
      : (v) => (v == null ? '' : String(v));
  return (v) => (v == null ? '' : field(String(v)));
}

/**
 * CSV in UTF-8 with a byte-order mark (Excel then reads ä, ö, å right) and CRLF line ends.
 * Semicolon-separated files are for spreadsheets set to Finnish or Swedish, which read a comma
 * as the decimal mark: their numbers are written with a decimal comma. Coded values and yes/no
 * are in the user's language. CSV has no place for metadata: the demo note and the licences
 * travel in the response headers (X-Demo-Data, X-Data-Licence) and the linked about document.
 */
export const csvWriter: FormatWriter = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  geometry: (req) => (req.wkt ? 'wkt' : 'none'),
  async write(rows, sink, { req }) {
    const sep = req.delimiter === 'semicolon' ? ';' : ',';
    const quoteRe = QUOTE[req.delimiter];
    const field = (s: string) => (quoteRe.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const cols = req.columns.map((c) => ({
      key: c.key,
      cell: cellFormatter(c, req.lang, req.delimiter === 'semicolon', field),
    }));
    const heads = req.columns.map((c) => field(header(c, req.lang)));
    if (req.wkt) heads.push(field(TEXT.geometry[req.lang]));
    await sink.write('\uFEFF' + heads.join(sep) + '\r\n');
    for await (const batch of rows) {
      let out = '';
      for (const r of batch) {
        let line = '';
        for (let i = 0; i < cols.length; i++) {
          if (i) line += sep;
          line += cols[i]!.cell(r[cols[i]!.key]);
        }
        // WKT always holds commas: quoted whatever the delimiter.
        if (req.wkt) line += `${sep}"${String(r.geom_wkt ?? '')}"`;
        out += line + '\r\n';
      }
      await sink.write(out);
    }
  },
};
