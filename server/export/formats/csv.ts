import { header } from '../columns.ts';
import { TEXT } from '../i18n.ts';
import { humanValue, type FormatWriter } from './types.ts';

// RFC 4180: a field with the delimiter, a quote or a line break is quoted, quotes doubled.
const needsQuote = { comma: /[",\r\n]/, semicolon: /[";\r\n]/ };

/**
 * CSV in UTF-8 with a byte-order mark (Excel then reads ä, ö, å right) and CRLF line ends.
 * Semicolon-separated files are for spreadsheets set to Finnish or Swedish, which read a comma
 * as the decimal mark: their numbers are written with a decimal comma. CSV has no place for
 * metadata: the demo note and licences travel in response headers and the about document.
 */
export const csvWriter: FormatWriter = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  geometry: (req) => (req.wkt ? 'wkt' : 'none'),
  async write(rows, sink, { req }) {
    const sep = req.delimiter === 'semicolon' ? ';' : ',';
    const quoteRe = needsQuote[req.delimiter];
    const decimalComma = req.delimiter === 'semicolon';
    const field = (s: string) => (quoteRe.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const heads = req.columns.map((c) => field(header(c, req.lang)));
    if (req.wkt) heads.push(field(TEXT.geometry[req.lang]));
    await sink.write('\uFEFF' + heads.join(sep) + '\r\n');
    for await (const batch of rows) {
      let out = '';
      for (const r of batch) {
        const cells = req.columns.map((c) => field(humanValue(c, r[c.key], req.lang, decimalComma)));
        if (req.wkt) cells.push(field(String(r.geom_wkt ?? '')));
        out += cells.join(sep) + '\r\n';
      }
      await sink.write(out);
    }
  },
};
