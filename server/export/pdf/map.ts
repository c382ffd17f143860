import { ACCENT, formatNumber, type Box, type Doc } from './common.ts';
import type { Lang } from '../i18n.ts';
import type { PlacedImage } from './background.ts';
import { PDF_TEXT } from './texts.ts';

/** One thing to draw, GeoJSON geometry in EPSG:3879 (easting, northing in metres). */
export interface MapFeature {
  kind: 'plot' | 'sub_district';
  target: boolean;
  geometry: { type: string; coordinates: unknown };
  name: string | null;
}

export type { Box } from './common.ts';

/**
 * The map box around a plot's envelope: at least `marginM` metres on each side, stretched to the
 * frame's aspect ratio so the map is true to scale in both directions.
 */
export function mapBox(env: Box, marginM: number, frameW: number, frameH: number): Box {
  const cx = (env[0] + env[2]) / 2;
  const cy = (env[1] + env[3]) / 2;
  let halfW = (env[2] - env[0]) / 2 + marginM;
  let halfH = (env[3] - env[1]) / 2 + marginM;
  if (halfW / halfH > frameW / frameH) halfH = (halfW * frameH) / frameW;
  else halfW = (halfH * frameW) / frameH;
  return [cx - halfW, cy - halfH, cx + halfW, cy + halfH];
}

/**
 * Draws the plot, its neighbours and the sub-district boundaries in the frame (x, y, w, h in pt)
 * with vector paths, then a scale bar, a north arrow (grid north of GK25, within a fraction of a
 * degree of true north in Helsinki) and a legend. `background` images (a chosen web map) go
 * beneath the plots; over them the other plots are only tinted so the map shows through.
 */
export function drawMap(
  doc: Doc,
  features: readonly MapFeature[],
  box: Box,
  frame: [number, number, number, number],
  lang: Lang,
  background?: readonly PlacedImage[],
): void {
  const [fx, fy, fw, fh] = frame;
  const scale = fw / (box[2] - box[0]); // pt per metre
  const px = (e: number) => fx + (e - box[0]) * scale;
  const py = (n: number) => fy + (box[3] - n) * scale;

  doc.save();
  doc.rect(fx, fy, fw, fh).fillAndStroke('#f4f1ea', '#999999');
  doc.rect(fx, fy, fw, fh).clip();
  for (const img of background ?? [])
    doc.image(img.data, fx + img.x, fy + img.y, { width: img.w, height: img.h });
  const others = background?.length ? 0.35 : 1;
  const order = [...features].sort((a, b) => rank(a) - rank(b));
  for (const f of order) {
    tracePath(doc, f.geometry, px, py);
    if (f.kind === 'sub_district') {
      doc.lineWidth(1.2).dash(5, { space: 3 }).strokeColor('#7b4f9d').stroke().undash();
    } else if (f.target) {
      doc.lineWidth(1.8).fillOpacity(0.55).fillAndStroke(ACCENT, '#0b2f73').fillOpacity(1);
    } else {
      doc.lineWidth(0.6).fillOpacity(others).fillAndStroke('#ffffff', '#888888').fillOpacity(1);
    }
  }
  doc.restore();

  scaleBar(doc, fx + 10, fy + fh - 18, scale, lang);
  northArrow(doc, fx + fw - 24, fy + 12);
  legend(doc, fx, fy + fh + 6, lang);
}

const rank = (f: MapFeature) => (f.kind === 'sub_district' ? 2 : f.target ? 1 : 0);

function tracePath(
  doc: Doc,
  g: MapFeature['geometry'],
  px: (e: number) => number,
  py: (n: number) => number,
): void {
  const ring = (pts: number[][], close: boolean) => {
    pts.forEach(([e, n], i) => (i === 0 ? doc.moveTo(px(e!), py(n!)) : doc.lineTo(px(e!), py(n!))));
    if (close) doc.closePath();
  };
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Polygon':
      for (const r of c as number[][][]) ring(r, true);
      break;
    case 'MultiPolygon':
      for (const p of c as number[][][][]) for (const r of p) ring(r, true);
      break;
    case 'LineString':
      ring(c as number[][], false);
      break;
    case 'MultiLineString':
      for (const l of c as number[][][]) ring(l, false);
      break;
    case 'GeometryCollection':
      for (const part of (g as unknown as { geometries: MapFeature['geometry'][] }).geometries)
        tracePath(doc, part, px, py);
      break;
  }
}

/** A bar of a round length (10, 20, 50, 100, 200, 500 m ...) about a fifth of the frame. */
function scaleBar(doc: Doc, x: number, y: number, ptPerM: number, lang: Lang): void {
  const target = 110 / ptPerM;
  const steps = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000];
  const metres = steps.reduce((best, s) => (s <= target ? s : best), steps[0]!);
  const w = metres * ptPerM;
  doc.save();
  doc
    .rect(x - 4, y - 12, w + 8 + 40, 22)
    .fillOpacity(0.8)
    .fill('#ffffff')
    .fillOpacity(1);
  doc.rect(x, y, w / 2, 4).fill('#000000');
  doc
    .rect(x + w / 2, y, w / 2, 4)
    .lineWidth(0.5)
    .stroke('#000000');
  doc.font('Helvetica').fontSize(7).fillColor('#000000');
  doc.text('0', x - 2, y - 9, { lineBreak: false });
  const label = metres >= 1000 ? `${formatNumber(metres / 1000, lang)} km` : `${metres} m`;
  doc.text(label, x + w - 4, y - 9, { lineBreak: false });
  doc.restore();
}

function northArrow(doc: Doc, x: number, y: number): void {
  doc.save();
  doc.polygon([x, y], [x + 7, y + 20], [x, y + 15], [x - 7, y + 20]).fillAndStroke('#000000', '#000000');
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .fillColor('#000000')
    .text('N', x - 3.2, y + 22, { lineBreak: false });
  doc.restore();
}

function legend(doc: Doc, x: number, y: number, lang: Lang): void {
  doc.save().font('Helvetica').fontSize(8).fillColor('#000000');
  let cx = x;
  const item = (draw: () => void, label: string) => {
    draw();
    doc.fillColor('#000000').text(label, cx + 16, y + 1, { lineBreak: false });
    cx += 16 + doc.widthOfString(label) + 16;
  };
  item(
    () => doc.rect(cx, y, 12, 9).fillOpacity(0.55).fillAndStroke(ACCENT, '#0b2f73').fillOpacity(1),
    PDF_TEXT.legendPlot[lang],
  );
  item(
    () => doc.rect(cx, y, 12, 9).lineWidth(0.6).fillAndStroke('#ffffff', '#888888'),
    PDF_TEXT.legendOther[lang],
  );
  item(
    () =>
      doc
        .moveTo(cx, y + 4.5)
        .lineTo(cx + 12, y + 4.5)
        .lineWidth(1.2)
        .dash(3, { space: 2 })
        .stroke('#7b4f9d')
        .undash(),
    PDF_TEXT.legendSubDistrict[lang],
  );
  doc.restore();
}
