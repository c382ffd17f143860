import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import yazl from 'yazl';
import { header, type ExportColumn } from '../columns.ts';
import { LICENCES, noticeText, TEXT, valueLabel, type Lang } from '../i18n.ts';
import type { ExportContext, FormatWriter } from './types.ts';

/**
 * XLSX (Office Open XML spreadsheet) written as it streams: the sheet's XML goes through a
 * deflating zip entry (yazl) to the client at the pace the client reads, so memory holds about
 * one batch however many rows there are. Numbers, dates and yes/no are typed cells; coded
 * values are labels in the user's language; the header row (with units) is bold, frozen and
 * carries an autofilter over every row. A second sheet ("Tietoja"/"Om data"/"About") and the
 * document properties hold the demo note, the licences, the CRS, the filter and the time.
 *
 * Why not exceljs: its streaming writer measured ~7 000 rows/s on 31 columns and buffers the
 * sheet when the zip falls behind (memory grew with the rows); this one writes 100 000 rows in
 * about a second. Its output is read back in the tests by exceljs and by GDAL.
 */
export const xlsxWriter: FormatWriter = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
  geometry: () => 'none',
  async write(rows, sink, ctx) {
    const { req } = ctx;
    const lang = req.lang;
    const zip = new yazl.ZipFile();
    const sending = (async () => {
      for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) await sink.write(chunk);
    })();
    // A failure in the sending loop must stop the producer too.
    let sendError: unknown;
    sending.catch((err: unknown) => (sendError = err));

    const sheetNames = [TEXT.sheet[lang], TEXT.aboutSheet[lang]];
    zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
    zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels');
    zip.addBuffer(Buffer.from(coreXml(ctx)), 'docProps/core.xml');
    zip.addBuffer(Buffer.from(APP_XML), 'docProps/app.xml');
    zip.addBuffer(Buffer.from(WORKBOOK_RELS), 'xl/_rels/workbook.xml.rels');
    zip.addBuffer(Buffer.from(STYLES), 'xl/styles.xml');

    const sheet = new PassThrough({ highWaterMark: 256 * 1024 });
    zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml');
    const put = async (s: string) => {
      if (sendError) throw sendError;
      sink.signal.throwIfAborted();
      if (!sheet.write(s)) await Promise.race([once(sheet, 'drain'), sending]);
    };
    const cols = req.columns;
    const letters = cols.map((_, i) => columnLetter(i));
    const cells = cols.map((c, i) => cellWriter(c, letters[i]!, lang));
    const widths = cols
      .map(
        (c, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${Math.min(40, Math.max(10, header(c, lang).length + 2))}" customWidth="1"/>`,
      )
      .join('');
    await put(
      `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetViews><sheetView workbookViewId="0">` +
        `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${widths}</cols><sheetData>` +
        `<row r="1">${cols.map((c, i) => inlineCell(`${letters[i]}1`, header(c, lang), STYLE.bold)).join('')}</row>`,
    );
    let n = 1;
    for await (const batch of rows) {
      let out = '';
      for (const r of batch) {
        n++;
        out += `<row r="${n}">`;
        for (let i = 0; i < cols.length; i++) out += cells[i]!(r[cols[i]!.key], n);
        out += '</row>';
      }
      await put(out);
    }
    const last = `${letters[cols.length - 1]}${n}`;
    sheet.end(`</sheetData><autoFilter ref="A1:${last}"/></worksheet>`);
    zip.addBuffer(Buffer.from(aboutSheet(ctx)), 'xl/worksheets/sheet2.xml');
    zip.addBuffer(Buffer.from(workbookXml(sheetNames, `A1:${last}`)), 'xl/workbook.xml');
    zip.end();
    await sending;
  },
};

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>` +
  `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>` +
  `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`;

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${NS_REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
  `<Relationship Id="rId3" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`;

const APP_XML =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  `<Application>Tonttiluukku</Application></Properties>`;

/** Cell formats (cellXfs indexes): built-in number formats 3 (#,##0), 4 (#,##0.00), 2 (0.00); 164 is the ISO date. */
const STYLE = { none: 0, bold: 1, int: 2, dec2: 3, ratio: 4, date: 5, title: 6 } as const;
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>` +
  `<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
  `<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
  `<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const NUMBER_STYLE: Record<string, number> = {
  area_m2: STYLE.int,
  building_right_kem2: STYLE.int,
  sale_price_eur: STYLE.int,
  price_eur_kem2: STYLE.int,
  lease_basis_eur_kem2: STYLE.dec2,
  efficiency: STYLE.ratio,
};

/** A..Z, AA.. for a zero-based column index. */
function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// XML 1.0 forbids most control characters; they are dropped from text.
const xmlText = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));

function inlineCell(ref: string, text: string, style: number = STYLE.none): string {
  const s = style ? ` s="${style}"` : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

/** Excel's day number of an ISO date (1900 date system: 1970-01-01 is day 25569). */
const excelDate = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;

function cellWriter(c: ExportColumn, letter: string, lang: Lang): (v: unknown, row: number) => string {
  if (c.type === 'boolean')
    return (v, n) => (v == null ? '' : `<c r="${letter}${n}" t="b"><v>${v ? 1 : 0}</v></c>`);
  if (c.type === 'date')
    return (v, n) =>
      v == null ? '' : `<c r="${letter}${n}" s="${STYLE.date}"><v>${excelDate(String(v))}</v></c>`;
  if (c.type === 'real' || c.type === 'integer') {
    const s = NUMBER_STYLE[c.key] ? ` s="${NUMBER_STYLE[c.key]}"` : '';
    return (v, n) => (v == null ? '' : `<c r="${letter}${n}"${s}><v>${Number(v)}</v></c>`);
  }
  if (c.coded)
    return (v, n) => (v == null ? '' : inlineCell(`${letter}${n}`, valueLabel(c.key, String(v), lang)));
  return (v, n) => (v == null ? '' : inlineCell(`${letter}${n}`, String(v)));
}

function workbookXml(names: string[], filterRange: string): string {
  const abs = filterRange.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  const quoted = `'${names[0]!.replace(/'/g, "''")}'`;
  return (
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>` +
    names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlText(`${quoted}!${abs}`)}</definedName></definedNames></workbook>`
  );
}

function aboutSheet(ctx: ExportContext): string {
  const lang = ctx.req.lang;
  const lines: Array<[string, string | number, number?]> = [[TEXT.title[lang], '', STYLE.title]];
  if (ctx.demo) lines.push([TEXT.demoNote[lang], '']);
  lines.push(
    [TEXT.licencesHeading[lang], LICENCES.join('; ')],
    [TEXT.generated[lang], ctx.generatedAt.toISOString()],
    [TEXT.count[lang], ctx.count],
    [TEXT.filter[lang], ctx.filterText || TEXT.noFilter[lang]],
    ['', ''],
    [TEXT.columns[lang], '', STYLE.bold],
    ...ctx.req.columns.map((c): [string, string] => [header(c, lang), c.key]),
  );
  const rows = lines
    .map(([a, b, style], i) => {
      const r = i + 1;
      const second = typeof b === 'number' ? `<c r="B${r}"><v>${b}</v></c>` : b ? inlineCell(`B${r}`, b) : '';
      return `<row r="${r}">${a ? inlineCell(`A${r}`, a, style) : ''}${second}</row>`;
    })
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><cols><col min="1" max="1" width="40" customWidth="1"/>` +
    `<col min="2" max="2" width="100" customWidth="1"/></cols><sheetData>${rows}</sheetData></worksheet>`
  );
}

function coreXml(ctx: ExportContext): string {
  const lang = ctx.req.lang;
  const el = (name: string, text: string) => `<${name}>${xmlText(text)}</${name}>`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    el('dc:title', TEXT.title[lang]) +
    el('dc:subject', ctx.demo ? TEXT.demoNote[lang] : TEXT.title[lang]) +
    el('dc:creator', 'Tonttiluukku') +
    el('cp:keywords', LICENCES.join('; ')) +
    el('dc:description', noticeText(lang, ctx.demo)) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${ctx.generatedAt.toISOString().replace(/\.\d+Z$/, 'Z')}</dcterms:created>` +
    `</cp:coreProperties>`
  );
}
