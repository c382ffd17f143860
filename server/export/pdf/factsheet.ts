import type { Row } from '../../db/index.ts';
import { COLUMNS } from '../columns.ts';
import type { Lang } from '../i18n.ts';
import { demoBadge, footers, heading, MARGIN, newDoc, pause, printValue, toBuffer } from './common.ts';
import type { SheetBackground } from './background.ts';
import { drawMap, type Box, type MapFeature } from './map.ts';
import { PDF_TEXT, PERMIT_REASONS } from './texts.ts';

export interface FactSheetData {
  plot: Row;
  map: { features: MapFeature[]; box: Box };
  /** Rows of permitTypesQuery; empty when the catalogue is not loaded. */
  permits: Row[];
  /** Rows of plotContactsQuery. */
  contacts: Row[];
  /** The chosen background map, or none for the built-in one. */
  background?: SheetBackground;
}

export const MAP_FRAME = { w: 499, h: 280 }; // pt

/** Renders one plot's fact sheet in `lang`: title, map, every field, permits, contacts. */
export async function renderFactSheet(data: FactSheetData, lang: Lang): Promise<Buffer> {
  const { plot } = data;
  const demo = Boolean(plot.is_demo);
  const title = `${PDF_TEXT.factSheet[lang]} ${String(plot.property_id)}`;
  const doc = newDoc(title, lang);
  const top = doc.y;
  if (demo) demoBadge(doc, lang, top);
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text(PDF_TEXT.factSheet[lang], MARGIN, top);
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#000000').text(String(plot.property_id));
  const place = [plot.address, plot.sub_district_name, plot.district_name].filter(Boolean).join(', ');
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(`${String(plot.block_plot)} · ${place}`);
  doc.moveDown(0.6);

  const mapY = doc.y;
  const bg = data.background;
  const frame = [MARGIN, mapY, MAP_FRAME.w, MAP_FRAME.h] as const;
  drawMap(doc, data.map.features, data.map.box, [...frame], lang, bg?.ok ? bg.images : undefined);
  doc.y = mapY + MAP_FRAME.h + 22;
  doc.x = MARGIN;
  if (bg) {
    // The service's attribution is part of its licence; a fallback says so rather than pass silently.
    const line = bg.ok
      ? `${PDF_TEXT.backgroundMap[lang]}: ${bg.attribution}`
      : PDF_TEXT.backgroundFailed[lang].replace('{name}', bg.name[lang]);
    doc
      .font(bg.ok ? 'Helvetica' : 'Helvetica-Bold')
      .fontSize(8)
      .fillColor(bg.ok ? '#555555' : '#8a3b00')
      .text(line, MARGIN, doc.y, { width: MAP_FRAME.w });
    doc.fillColor('#000000').moveDown(0.4);
  }

  await pause();
  heading(doc, PDF_TEXT.details[lang]);
  const labelW = 190;
  for (const c of COLUMNS) {
    if (c.key === 'id') continue;
    const value = printValue(c, plot[c.key], lang);
    if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#555555')
      .text(c.label[lang], MARGIN, y, { width: labelW - 8 });
    const afterLabel = doc.y;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#000000')
      .text(value, MARGIN + labelW, y, { width: MAP_FRAME.w - labelW });
    doc.y = Math.max(afterLabel, doc.y) + 2;
  }

  await pause();
  heading(doc, PDF_TEXT.permits[lang]);
  doc.font('Helvetica-Oblique').fontSize(8.5).fillColor('#555555').text(PDF_TEXT.permitsNote[lang], MARGIN);
  doc.moveDown(0.3).fillColor('#000000');
  if (data.permits.length === 0) doc.font('Helvetica').fontSize(9).text(PDF_TEXT.permitsMissing[lang]);
  for (const p of data.permits) {
    const name = String(p[`name_${lang}`]);
    const dept = String(p[`department_${lang}`]);
    const reason = PERMIT_REASONS[String(p.code)]?.[lang];
    const time = `${PDF_TEXT.typicalTime[lang]} ${Number(p.typical_days_min)}–${Number(p.typical_days_max)} ${PDF_TEXT.days[lang]}`;
    doc.font('Helvetica-Bold').fontSize(9).text(`• ${name}`, MARGIN, doc.y, { continued: true });
    doc.font('Helvetica').text(` – ${dept}; ${time}${reason ? ` (${reason})` : ''}`);
  }

  await pause();
  heading(doc, PDF_TEXT.contacts[lang]);
  if (data.contacts.length === 0) doc.font('Helvetica').fontSize(9).text(PDF_TEXT.noContacts[lang]);
  for (const c of data.contacts) {
    const title = String(c[`title_${lang}`]);
    const deptName = c[`department_${lang}`] ? String(c[`department_${lang}`]) : '';
    // Role titles often name their department already ("Responsible person, Building Control").
    const dept = deptName && !title.includes(deptName) ? `${deptName}: ` : '';
    doc.font('Helvetica-Bold').fontSize(9).text(`${dept}${title}`, MARGIN, doc.y, { continued: true });
    doc.font('Helvetica').text(`  ${String(c.email)}${c.phone ? `, ${String(c.phone)}` : ''}`);
  }

  await footers(doc, lang, demo);
  return toBuffer(doc);
}
