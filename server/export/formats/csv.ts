import { csvTextField } from '../../http/csv.ts';
import { header } from '../columns.ts';
import { TEXT } from '../i18n.ts';
import { exportCsvQuery } from '../sql.ts';
import type { FormatWriter } from './types.ts';

/**
 * CSV in UTF-8 with a byte-order mark (Excel then reads ä, ö, å right) and CRLF line ends.
 * The lines are made by PostgreSQL (exportCsvQuery); this writer adds the header and sends.
 * Semicolon-separated files are for spreadsheets set to Finnish or Swedish, which read a comma
 * as the decimal mark: their numbers are written with a decimal comma. Coded values and yes/no
 * are in the user's language. CSV has no place for metadata: the demo note and the licences
 * travel in the response headers (X-Demo-Data, X-Data-Licence) and the linked about document.
 */
export const csvWriter: FormatWriter = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  geometry: () => 'none',
  query: (req) =>
    exportCsvQuery(req.filter, req.columns, req.lang, {
      delimiter: req.delimiter,
      wkt: req.wkt,
      crs: req.crs,
      sort: req.sort,
    }),
  async write(rows, sink, { req }) {
    const sep = req.delimiter === 'semicolon' ? ';' : ',';
    const field = (s: string) => csvTextField(s, sep);
    const heads = req.columns.map((c) => field(header(c, req.lang)));
    if (req.wkt) heads.push(field(TEXT.geometry[req.lang]));
    await sink.write('\uFEFF' + heads.join(sep) + '\r\n');
    for await (const batch of rows) {
      let out = '';
      for (const r of batch) out += `${r.line as string}\r\n`;
      await sink.write(out);
    }
  },
};
