import type { Row } from '../../db/index.ts';
import { COLUMNS, type ExportColumn } from '../columns.ts';
import type { Lang } from '../i18n.ts';
import { demoBadge, footers, MARGIN, newDoc, pause, printValue, toBuffer } from './common.ts';
import { PDF_TEXT } from './texts.ts';

/** The shortlist's columns and their widths in pt (landscape A4 has 746 pt between margins). */
const TABLE: Array<[string, number]> = [
  ['property_id', 104],
  ['address', 106],
  ['sub_district_name', 96],
  ['use_code', 50],
  ['area_m2', 66],
  ['building_right_kem2', 70],
  ['price_eur_kem2', 70],
  ['availability', 74],
  ['tenure', 64],
  ['plan_number', 46],
];

const byKey = new Map(COLUMNS.map((c) => [c.key, c]));

/** Rows rendered between pauses: a few milliseconds of work. */
const ROWS_PER_SLICE = 10;

/** Renders the shortlist: one row per plot, the key figures side by side, in `lang`. */
export async function renderShortlist(plots: readonly Row[], lang: Lang): Promise<Buffer> {
  const doc = newDoc(PDF_TEXT.shortlist[lang], lang, 'landscape');
  const demo = plots.some((p) => p.is_demo);
  if (demo) demoBadge(doc, lang, doc.y);
  doc.font('Helvetica-Bold').fontSize(18).text(PDF_TEXT.shortlist[lang], MARGIN, doc.y);
  doc.moveDown(0.8);
  if (plots.length === 0) {
    doc.font('Helvetica').fontSize(11).text(PDF_TEXT.noPlots[lang]);
  } else {
    row(
      doc,
      TABLE.map(([k, w]) => [byKey.get(k)!, w, headerText(byKey.get(k)!, lang)]),
      true,
    );
    for (const [i, p] of plots.entries()) {
      if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await pause();
      row(
        doc,
        TABLE.map(([k, w]) => [byKey.get(k)!, w, cell(byKey.get(k)!, p[k], lang)]),
        false,
      );
    }
  }
  await footers(doc, lang, demo);
  return toBuffer(doc);
}

// Narrow columns get short headers so no word is broken.
const SHORT: Record<string, Record<Lang, string>> = {
  use_code: { fi: 'Käyttö', sv: 'Ändamål', en: 'Use' },
  tenure: { fi: 'Hallinta', sv: 'Besittning', en: 'Tenure' },
  plan_number: { fi: 'Kaava', sv: 'Plan', en: 'Plan' },
};

function headerText(c: ExportColumn, lang: Lang): string {
  if (SHORT[c.key]) return SHORT[c.key]![lang];
  const unit = c.unit ? ` (${c.unit})` : '';
  return `${c.label[lang]}${unit}`;
}

function cell(c: ExportColumn, v: unknown, lang: Lang): string {
  // Units are in the header: cells carry bare numbers; the zoning code alone fits the column.
  if (typeof v === 'number') return printValue({ ...c, unit: undefined }, v, lang);
  if (c.key === 'use_code') return v == null ? '–' : String(v);
  return printValue(c, v, lang);
}

function row(doc: PDFKit.PDFDocument, cells: Array<[ExportColumn, number, string]>, head: boolean): void {
  doc.font(head ? 'Helvetica-Bold' : 'Helvetica').fontSize(head ? 7.5 : 8.5);
  const height = Math.max(...cells.map(([, w, t]) => doc.heightOfString(t, { width: w - 6 }))) + 6;
  if (doc.y + height > doc.page.height - MARGIN - 20) doc.addPage();
  const y = doc.y;
  let x = MARGIN;
  if (head) doc.rect(MARGIN, y, 746, height).fill('#e8eef9').fillColor('#000000');
  for (const [c, w, t] of cells) {
    const numeric = c.type === 'real' || c.type === 'integer';
    doc
      .fillColor('#000000')
      .text(t, x + 3, y + 3, { width: w - 6, align: numeric && !head ? 'right' : 'left' });
    x += w;
  }
  doc
    .moveTo(MARGIN, y + height)
    .lineTo(MARGIN + 746, y + height)
    .lineWidth(0.4)
    .stroke('#cccccc');
  doc.y = y + height;
  doc.x = MARGIN;
}
