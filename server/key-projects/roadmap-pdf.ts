import PDFDocument from 'pdfkit';
import { formatDate } from '../../shared/dates.ts';
import { ACCENT, demoBadge, MARGIN, toBuffer, type Doc } from '../export/pdf/common.ts';
import { ROLE_NAME, type Lang } from './texts.ts';

type Text = Record<Lang, string>;

const T = {
  title: { fi: 'Lupien etenemissuunnitelma', sv: 'Tillståndsplan', en: 'Permit roadmap' },
  company: { fi: 'Hakija', sv: 'Sökande', en: 'Applicant' },
  project: { fi: 'Hanke', sv: 'Projekt', en: 'Project' },
  manager: { fi: 'Yhteyshenkilö', sv: 'Kontaktperson', en: 'Contact' },
  order: { fi: 'Nro', sv: 'Nr', en: 'No.' },
  permit: { fi: 'Lupa', sv: 'Tillstånd', en: 'Permit' },
  starts: { fi: 'Arvioitu alku', sv: 'Beräknad start', en: 'Expected start' },
  decision: { fi: 'Arvioitu päätös', sv: 'Beräknat beslut', en: 'Expected decision' },
  note: { fi: 'Huomiot', sv: 'Anmärkningar', en: 'Notes' },
  generated: { fi: 'Laadittu', sv: 'Upprättad', en: 'Generated' },
  page: { fi: 'Sivu', sv: 'Sida', en: 'Page' },
  estimate: {
    fi: 'Päivät ovat arvioita lupasuunnitelman tavanomaisista käsittelyajoista; ne eivät ole päätöksiä.',
    sv: 'Datumen är uppskattningar utifrån tillståndsplanens typiska handläggningstider, inte beslut.',
    en: "The dates are estimates from the permit plan's usual processing times, not decisions.",
  },
  demo: {
    fi: 'Esittelyhanke: ei todellinen hakemus.',
    sv: 'Demoprojekt: ingen verklig ansökan.',
    en: 'Demo project: not a real application.',
  },
} satisfies Record<string, Text>;

export interface RoadmapPdf {
  project: string;
  company: string;
  manager: { name: string; email: string } | null;
  items: Array<{
    position: number;
    permit: Text;
    department?: Text;
    startsOn: string;
    decisionOn: string;
    note: string;
  }>;
  demo: boolean;
}

/** Column widths in pt: portrait A4 has 499 pt between the margins. */
const COLS = [28, 160, 72, 72, 167] as const;
const WIDTH = COLS.reduce((a, b) => a + b, 0);

function row(doc: Doc, cells: string[], head: boolean): void {
  doc.font(head ? 'Helvetica-Bold' : 'Helvetica').fontSize(head ? 8.5 : 9);
  const height = Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: COLS[i]! - 6 }))) + 8;
  if (doc.y + height > doc.page.height - MARGIN - 24) doc.addPage();
  const y = doc.y;
  if (head) doc.rect(MARGIN, y, WIDTH, height).fill('#e8eef9');
  let x = MARGIN;
  for (const [i, t] of cells.entries()) {
    doc.fillColor('#000000').text(t, x + 3, y + 4, { width: COLS[i]! - 6 });
    x += COLS[i]!;
  }
  doc
    .moveTo(MARGIN, y + height)
    .lineTo(MARGIN + WIDTH, y + height)
    .lineWidth(0.4)
    .stroke('#cccccc');
  doc.y = y + height;
  doc.x = MARGIN;
}

/**
 * The roadmap as the applicant gets it: who it is for and from, the permits in order with the
 * expected dates and notes, when it was made; a demo project is labelled as such on every page.
 */
export async function renderRoadmap(r: RoadmapPdf, lang: Lang, now = new Date()): Promise<Buffer> {
  const title = `${T.title[lang]}: ${r.project}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang,
    info: { Title: title, Author: 'Tonttiluukku', Subject: T.title[lang] },
    displayTitle: true,
  });
  if (r.demo) demoBadge(doc, lang, doc.y);
  doc.font('Helvetica-Bold').fontSize(18).fillColor(ACCENT).text(T.title[lang], MARGIN, doc.y);
  doc.fillColor('#000000').moveDown(0.5);
  doc.font('Helvetica').fontSize(10.5);
  const line = (label: string, value: string) =>
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  line(T.company[lang], r.company || '–');
  line(T.project[lang], r.project);
  line(
    T.manager[lang],
    r.manager
      ? `${ROLE_NAME[lang]}, ${r.manager.name || r.manager.email}, ${r.manager.email}`
      : ROLE_NAME[lang],
  );
  line(T.generated[lang], formatDate(now, lang));
  if (r.demo) doc.font('Helvetica-Bold').fillColor('#c62828').text(T.demo[lang]).fillColor('#000000');
  doc.moveDown(0.8);
  row(doc, [T.order[lang], T.permit[lang], T.starts[lang], T.decision[lang], T.note[lang]], true);
  for (const i of r.items)
    row(
      doc,
      [
        String(i.position),
        i.department ? `${i.permit[lang]}\n${i.department[lang]}` : i.permit[lang],
        formatDate(i.startsOn, lang),
        formatDate(i.decisionOn, lang),
        i.note || '–',
      ],
      false,
    );
  doc.moveDown(0.8).font('Helvetica').fontSize(8.5).fillColor('#444444').text(T.estimate[lang], MARGIN);
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // Writing into the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor('#555555')
      .text(
        `${r.demo ? `${T.demo[lang]} · ` : ''}${T.page[lang]} ${p - range.start + 1}/${range.count}`,
        MARGIN,
        doc.page.height - MARGIN + 12,
        { width: WIDTH, align: 'right', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  return toBuffer(doc);
}
