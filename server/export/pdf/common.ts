import PDFDocument from 'pdfkit';
import { formatDate } from '../../../shared/dates.ts';
import type { ExportColumn } from '../columns.ts';
import { LICENCES, TEXT, valueLabel, type Lang } from '../i18n.ts';
import { PDF_TEXT } from './texts.ts';

/** A box in GK25 (EPSG:3879) metres: [minE, minN, maxE, maxN]. */
export type Box = readonly [number, number, number, number];

export type Doc = PDFKit.PDFDocument;

export const MARGIN = 48; // pt
export const ACCENT = '#1f5fd6';
const LOCALE: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * A new A4 document. The standard Helvetica's WinAnsi encoding covers ä, ö, å, é, ü, ², € and
 * the no-break space Finnish number formatting uses, so no font file is shipped.
 */
export function newDoc(title: string, lang: Lang, layout: 'portrait' | 'landscape' = 'portrait'): Doc {
  return new PDFDocument({
    size: 'A4',
    layout,
    margin: MARGIN,
    bufferPages: true,
    lang,
    info: { Title: title, Author: 'Tonttiluukku', Subject: TEXT.title[lang], Keywords: LICENCES.join('; ') },
    displayTitle: true,
  });
}

/** A number the way `lang` writes it (1 234,5 in Finnish and Swedish). */
export function formatNumber(v: number, lang: Lang, maxDecimals = 2): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: maxDecimals }).format(v);
}

/** A field's value as printed: labels for codes, local numbers with units, yes/no; '–' for none. */
export function printValue(c: ExportColumn, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '–';
  if (c.type === 'boolean') return v ? TEXT.yes[lang] : TEXT.no[lang];
  if (c.key === 'use_code') return `${String(v)} – ${valueLabel('use_code', String(v), lang)}`;
  if (c.coded) return valueLabel(c.key, String(v), lang);
  if (c.type === 'date')
    return new Date(`${String(v)}T00:00:00Z`).toLocaleDateString(LOCALE[lang], { timeZone: 'UTC' });
  if (typeof v === 'number') {
    const unit = c.key === 'build_obligation_years' ? { fi: 'v', sv: 'år', en: 'yr' }[lang] : c.unit;
    return unit ? `${formatNumber(v, lang)} ${unit}` : formatNumber(v, lang);
  }
  return String(v);
}

/** The red demo-data label at the current position's top right. */
export function demoBadge(doc: Doc, lang: Lang, y: number): void {
  const text = PDF_TEXT.demoLabel[lang];
  doc.font('Helvetica-Bold').fontSize(9);
  const w = doc.widthOfString(text) + 12;
  const x = doc.page.width - MARGIN - w;
  doc.save().roundedRect(x, y, w, 16, 3).fill('#c62828').restore();
  doc
    .fillColor('#ffffff')
    .text(text, x + 6, y + 4, { lineBreak: false })
    .fillColor('#000000');
}

/**
 * Lets the event loop answer other requests. A 200-plot shortlist is some 100 ms of rendering
 * on the server's one thread; in slices between pauses, health checks and tiles are not held up.
 */
export const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Footer on every page: licences, demo note, print date, page numbers. */
export async function footers(doc: Doc, lang: Lang, demo: boolean): Promise<void> {
  const range = doc.bufferedPageRange();
  const printed = `${PDF_TEXT.printed[lang]} ${formatDate(new Date(), lang)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    await pause();
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN + 8;
    const width = doc.page.width - 2 * MARGIN;
    // Writing into the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#555555');
    const lines = [`${TEXT.licencesHeading[lang]}: ${LICENCES.join('; ')}`];
    if (demo) lines.push(TEXT.demoNote[lang]);
    doc.text(lines.join('\n'), MARGIN, y, { width: width - 80 });
    doc.text(`${printed} · ${PDF_TEXT.page[lang]} ${i - range.start + 1}/${range.count}`, MARGIN, y, {
      width,
      align: 'right',
    });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000000');
  }
}

export function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(13)
    .fillColor(ACCENT)
    .text(text, MARGIN)
    .fillColor('#000000');
  doc.moveDown(0.3);
}

/** Collects a finished document into one buffer (a fact sheet is tens of kilobytes). */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
