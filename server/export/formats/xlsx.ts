import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { header, type ExportColumn } from '../columns.ts';
import { LICENCES, noticeText, TEXT, valueLabel } from '../i18n.ts';
import type { ExportContext, FormatWriter, Sink } from './types.ts';

const NUM_FMT: Record<string, string> = {
  area_m2: '#,##0',
  building_right_kem2: '#,##0',
  sale_price_eur: '#,##0',
  price_eur_kem2: '#,##0',
  lease_basis_eur_kem2: '#,##0.00',
  efficiency: '0.00',
};

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come, so memory holds a
 * batch, not the sheet. Numbers, dates and yes/no are typed cells; coded values are labels in
 * the user's language; the header row (with units) is bold, frozen and carries an autofilter.
 * A second sheet ("Tietoja"/"Om data"/"About") and the document properties hold the demo note,
 * the licences, the CRS, the filter and the time of export.
 */
export const xlsxWriter: FormatWriter = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
  geometry: () => 'none',
  async write(rows, sink, ctx) {
    const { req } = ctx;
    const lang = req.lang;
    const out = sinkStream(sink);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    Object.assign(wb, {
      creator: 'Tonttiluukku',
      title: TEXT.title[lang],
      subject: ctx.demo ? TEXT.demoNote[lang] : TEXT.title[lang],
      description: noticeText(lang, ctx.demo),
      keywords: LICENCES.join('; '),
    });
    const ws = wb.addWorksheet(TEXT.sheet[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = req.columns.map((c) => ({
      key: c.key,
      width: Math.min(40, Math.max(10, header(c, lang).length + 2)),
      style: cellStyle(c),
    }));
    const head = ws.addRow(req.columns.map((c) => inline(header(c, lang))));
    head.font = { bold: true };
    head.commit();
    let n = 0;
    for await (const batch of rows) {
      for (const r of batch) {
        ws.addRow(req.columns.map((c) => cellValue(c, r[c.key], ctx))).commit();
      }
      n += batch.length;
      await drained(out, sink);
    }
    // The autofilter covers every data row; it is written after the rows when the sheet closes.
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: n + 1, column: req.columns.length } };
    ws.commit();
    writeAbout(wb, ctx);
    await wb.commit();
    await new Promise<void>((resolve, reject) => {
      if (out.writableFinished) return resolve();
      out.once('finish', resolve);
      out.once('error', reject);
    });
  },
};

function cellStyle(c: ExportColumn): Partial<ExcelJS.Style> {
  if (NUM_FMT[c.key]) return { numFmt: NUM_FMT[c.key] };
  if (c.type === 'date') return { numFmt: 'yyyy-mm-dd' };
  return {};
}

function cellValue(c: ExportColumn, v: unknown, ctx: ExportContext): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (c.type === 'date') return new Date(`${String(v)}T00:00:00Z`);
  if (c.type === 'boolean') return Boolean(v);
  if (c.coded) return inline(valueLabel(c.key, String(v), ctx.req.lang));
  if (typeof v === 'string') return inline(v);
  return v as ExcelJS.CellValue;
}

/**
 * Text as an inline string. Without a shared-string table (which would hold every distinct
 * text in memory) exceljs writes plain strings as formula results (t="str"), which some readers
 * (GDAL) do not take for text; an inline string (t="inlineStr") is read as text everywhere.
 */
const inline = (text: string): ExcelJS.CellRichTextValue => ({ richText: [{ text }] });

function writeAbout(wb: ExcelJS.stream.xlsx.WorkbookWriter, ctx: ExportContext): void {
  const lang = ctx.req.lang;
  const ws = wb.addWorksheet(TEXT.aboutSheet[lang]);
  ws.columns = [{ width: 32 }, { width: 100 }];
  const add = (a: string, b: string | number = '') =>
    ws.addRow([inline(a), typeof b === 'string' ? inline(b) : b]).commit();
  const title = ws.addRow([inline(TEXT.title[lang])]);
  title.font = { bold: true, size: 14 };
  title.commit();
  if (ctx.demo) add(TEXT.demoNote[lang]);
  add(TEXT.licencesHeading[lang], LICENCES.join('; '));
  add(TEXT.generated[lang], ctx.generatedAt.toISOString());
  add(TEXT.count[lang], ctx.count);
  add(TEXT.filter[lang], ctx.filterText || TEXT.noFilter[lang]);
  add('');
  add(TEXT.columns[lang]);
  for (const c of ctx.req.columns) add(header(c, lang), c.key);
  ws.commit();
}

/** A Writable over the sink: exceljs's zip output goes to the client as it is made. */
function sinkStream(sink: Sink): Writable {
  return new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _enc, cb) {
      sink.write(chunk).then(() => cb(), cb);
    },
  });
}

/** Lets the zip stage catch up and waits for a slow client, so memory stays at about one batch. */
async function drained(out: Writable, sink: Sink): Promise<void> {
  await new Promise((r) => setImmediate(r));
  sink.signal.throwIfAborted();
  if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
}
