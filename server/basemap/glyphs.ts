import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { PbfWriter } from 'pbf';
import { own } from '../../shared/own.ts';

/**
 * MapLibre draws text from signed-distance-field glyphs served as protobuf ranges of 256 code
 * points (`/fonts/{fontstack}/{start}-{end}.pbf`). No glyph server is reachable offline, so
 * they are made here from the Noto Sans fonts shipped in @fontsource/noto-sans, the way
 * node-fontnik makes them: 24 px glyphs, a 3 px buffer, distances over an 8 px radius.
 */

const SIZE = 24; // px per em
const BUFFER = 3; // px of field around each glyph
const RADIUS = 8; // px of distance mapped onto the byte range
const CUTOFF = 0.25; // share of the byte range left for the inside of the outline
const CURVE_STEPS = 8; // segments per Bézier curve

/** The font stacks the built-in style uses, by the name the style gives them. */
export const FONT_STACKS: Record<string, { weight: number }> = {
  'Noto Sans Regular': { weight: 400 },
  'Noto Sans SemiBold': { weight: 600 },
};

type Ring = Array<[number, number]>;

interface SdfGlyph {
  id: number;
  bitmap?: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

const require = createRequire(import.meta.url);
const fontDir = () => path.join(path.dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');

function loadFonts(weight: number): fontkit.Font[] {
  // Latin first, then Latin Extended (Š, Ž, ...) for what the first lacks.
  return ['latin', 'latin-ext'].map((subset) =>
    fontkit.create(fs.readFileSync(path.join(fontDir(), `noto-sans-${subset}-${weight}-normal.woff`))),
  );
}

/** The glyph outline as closed rings in px, y up, flattened to straight segments. */
function outline(glyph: fontkit.Glyph, scale: number): Ring[] {
  const rings: Ring[] = [];
  let ring: Ring = [];
  let cx = 0;
  let cy = 0;
  const close = () => {
    if (ring.length > 2) {
      const [fx, fy] = ring[0]!;
      if (fx !== cx || fy !== cy) ring.push([fx, fy]);
      rings.push(ring);
    }
    ring = [];
  };
  for (const { command, args } of glyph.path.commands) {
    const a = args.map((v) => v * scale);
    if (command === 'moveTo') {
      close();
      [cx, cy] = [a[0]!, a[1]!];
      ring.push([cx, cy]);
    } else if (command === 'lineTo') {
      [cx, cy] = [a[0]!, a[1]!];
      ring.push([cx, cy]);
    } else if (command === 'quadraticCurveTo') {
      const [x0, y0] = [cx, cy];
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        ring.push([
          u * u * x0 + 2 * u * t * a[0]! + t * t * a[2]!,
          u * u * y0 + 2 * u * t * a[1]! + t * t * a[3]!,
        ]);
      }
      [cx, cy] = [a[2]!, a[3]!];
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = [cx, cy];
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        const [b0, b1, b2, b3] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
        ring.push([
          b0 * x0 + b1 * a[0]! + b2 * a[2]! + b3 * a[4]!,
          b0 * y0 + b1 * a[1]! + b2 * a[3]! + b3 * a[5]!,
        ]);
      }
      [cx, cy] = [a[4]!, a[5]!];
    } else {
      close();
    }
  }
  close();
  return rings;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/** One glyph's signed distance field; a glyph without outline (space) has only an advance. */
function sdfGlyph(font: fontkit.Font, codePoint: number): SdfGlyph {
  const glyph = font.glyphForCodePoint(codePoint);
  const scale = SIZE / font.unitsPerEm;
  const advance = Math.round(glyph.advanceWidth * scale);
  const rings = outline(glyph, scale);
  const pts = rings.flat();
  if (pts.length === 0) return { id: codePoint, width: 0, height: 0, left: 0, top: 0, advance };
  const xmin = Math.round(Math.min(...pts.map((p) => p[0])));
  const ymin = Math.round(Math.min(...pts.map((p) => p[1])));
  const xmax = Math.round(Math.max(...pts.map((p) => p[0])));
  const ymax = Math.round(Math.max(...pts.map((p) => p[1])));
  const width = xmax - xmin;
  const height = ymax - ymin;
  if (width === 0 || height === 0) return { id: codePoint, width: 0, height: 0, left: 0, top: 0, advance };
  const bw = width + 2 * BUFFER;
  const bh = height + 2 * BUFFER;
  const bitmap = new Uint8Array(bw * bh);
  // Segments as [ax, ay, bx, by] runs; distances past RADIUS all clamp to the same byte, so a
  // segment whose box is farther than the best distance so far is skipped.
  const seg: number[] = [];
  for (const r of rings)
    for (let i = 1; i < r.length; i++) seg.push(r[i - 1]![0], r[i - 1]![1], r[i]![0], r[i]![1]);
  for (let row = 0; row < bh; row++) {
    // Bitmap rows run top-down; font coordinates grow upward.
    const py = ymax + BUFFER - row - 0.5;
    for (let col = 0; col < bw; col++) {
      const px = xmin - BUFFER + col + 0.5;
      let d = RADIUS;
      let inside = false;
      for (let i = 0; i < seg.length; i += 4) {
        const ax = seg[i]!;
        const ay = seg[i + 1]!;
        const bx = seg[i + 2]!;
        const by = seg[i + 3]!;
        // Even-odd crossing test: TrueType contours wind so that holes cancel.
        if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) inside = !inside;
        if (px < Math.min(ax, bx) - d || px > Math.max(ax, bx) + d) continue;
        if (py < Math.min(ay, by) - d || py > Math.max(ay, by) + d) continue;
        d = Math.min(d, segmentDistance(px, py, ax, ay, bx, by));
      }
      const signed = (inside ? -d : d) / RADIUS + CUTOFF;
      bitmap[row * bw + col] = Math.max(0, Math.min(255, Math.round(255 - 255 * signed)));
    }
  }
  // `top` is measured from the em box's top (24 px above the baseline), as MapLibre expects.
  return { id: codePoint, bitmap, width, height, left: xmin, top: ymax - SIZE, advance };
}

function encodeGlyphs(stack: string, range: string, glyphs: SdfGlyph[]): Buffer {
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    (_: unknown, w: PbfWriter) => {
      w.writeStringField(1, stack);
      w.writeStringField(2, range);
      for (const g of glyphs) {
        w.writeMessage(
          3,
          (_g: unknown, gw: PbfWriter) => {
            gw.writeVarintField(1, g.id);
            if (g.bitmap) gw.writeBytesField(2, g.bitmap);
            gw.writeVarintField(3, g.width);
            gw.writeVarintField(4, g.height);
            gw.writeSVarintField(5, g.left);
            gw.writeSVarintField(6, g.top);
            gw.writeVarintField(7, g.advance);
          },
          null,
        );
      }
    },
    null,
  );
  return Buffer.from(pbf.finish());
}

const fonts = new Map<number, fontkit.Font[]>();
const ranges = new Map<string, Buffer>();

/**
 * The glyph PBF of one font stack and 256-code-point range starting at `start`. Code points
 * the fonts lack are left out (MapLibre skips them); a range with none gives a valid empty
 * stack. Returns undefined for an unknown font stack. Built once per range, then kept.
 */
export function glyphRange(stack: string, start: number): Buffer | undefined {
  const face = own(FONT_STACKS, stack);
  if (!face) return undefined;
  const key = `${stack}|${start}`;
  const cached = ranges.get(key);
  if (cached) return cached;
  let faces = fonts.get(face.weight);
  if (!faces) fonts.set(face.weight, (faces = loadFonts(face.weight)));
  const glyphs: SdfGlyph[] = [];
  for (let cp = start; cp < start + 256; cp++) {
    const font = faces.find((f) => f.hasGlyphForCodePoint(cp));
    if (font && cp >= 32) glyphs.push(sdfGlyph(font, cp));
  }
  const pbf = encodeGlyphs(stack, `${start}-${start + 255}`, glyphs);
  ranges.set(key, pbf);
  return pbf;
}
