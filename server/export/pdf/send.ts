import type { ServerResponse } from 'node:http';
import type { Db, Row } from '../../db/index.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { COLUMNS } from '../columns.ts';
import { TEXT, type Lang } from '../i18n.ts';
import {
  exportRowsQuery,
  mapLayersQuery,
  permitTypesQuery,
  plotContactsQuery,
  plotEnvelopeQuery,
} from '../sql.ts';
import type { BasemapEntry } from '../../basemap/catalog.ts';
import { loadBackground, pickBasemap } from './background.ts';
import { MAP_FRAME, renderFactSheet } from './factsheet.ts';
import type { PdfGate } from './gate.ts';
import { mapBox, type Box, type MapFeature } from './map.ts';
import { renderShortlist } from './shortlist.ts';
import { baselinePermits } from './texts.ts';

const MAP_MARGIN_M = 250; // metres of surroundings on each side of the plot
const MAX_SHORTLIST = 200;

/**
 * GET /api/plots/:id/factsheet.pdf. A malformed id is 400 invalid_id; a plot that does not
 * exist or is not published is 404 plot_not_found. `basemap=<id>` draws the map on that configured
 * background (400 invalid_basemap for any other value).
 */
export async function sendFactSheet(
  db: Db,
  gate: PdfGate,
  rawId: string,
  lang: Lang,
  res: ServerResponse,
  basemaps: { entries: readonly BasemapEntry[]; raw: unknown } = { entries: [], raw: undefined },
): Promise<void> {
  if (!/^\d{1,12}$/.test(rawId))
    throw badRequest('invalid_id', `Plot id must be a positive integer, got "${rawId}".`, rawId);
  const entry = pickBasemap(basemaps.entries, basemaps.raw);
  await gate(res, lang, () => factSheet(db, Number(rawId), rawId, lang, res, entry));
}

async function factSheet(
  db: Db,
  id: number,
  rawId: string,
  lang: Lang,
  res: ServerResponse,
  basemap: BasemapEntry | null,
): Promise<void> {
  const envQ = plotEnvelopeQuery(id);
  const [env] = await db.query<{
    minx: number;
    miny: number;
    maxx: number;
    maxy: number;
    sub_district_number: number | null;
  }>(envQ.text, envQ.values);
  if (!env) throw notFound('plot_not_found', `No published plot with id ${id}.`, rawId);
  const plotQ = exportRowsQuery({ ids: [id] }, COLUMNS, lang, 'none', 'EPSG:3879');
  const [plot] = await db.query<Row>(plotQ.text, plotQ.values);
  const box: Box = mapBox([env.minx, env.miny, env.maxx, env.maxy], MAP_MARGIN_M, MAP_FRAME.w, MAP_FRAME.h);
  const mapQ = mapLayersQuery(id, box);
  const layers = await db.query<{
    kind: 'plot' | 'sub_district';
    target: boolean;
    g: string;
    name: string | null;
  }>(mapQ.text, mapQ.values);
  const features: MapFeature[] = layers.map((l) => ({
    kind: l.kind,
    target: l.target,
    geometry: JSON.parse(l.g),
    name: l.name,
  }));
  // Fetched while the database answers the rest; bounded by its own timeout.
  const background = basemap ? loadBackground(basemap, box, MAP_FRAME) : undefined;
  const permitCodes = baselinePermits(String(plot!.use_code), Boolean(plot!.registered));
  const permQ = permitTypesQuery(permitCodes);
  const contQ = plotContactsQuery(id, env.sub_district_number, permitCodes);
  const permits = await db.query<Row>(permQ.text, permQ.values);
  const contacts = await db.query<Row>(contQ.text, contQ.values);
  const pdf = await renderFactSheet(
    { plot: plot!, map: { features, box }, permits, contacts, background: await background },
    lang,
  );
  sendPdf(res, pdf, `tonttiluukku-${String(plot!.property_id)}-${lang}.pdf`);
}

/**
 * GET /api/shortlist.pdf?ids=1,2,3. Missing or malformed ids are 400 invalid_ids; ids of plots
 * that are absent or unpublished are left out (none found gives a page saying so).
 */
export async function sendShortlist(
  db: Db,
  gate: PdfGate,
  query: Record<string, unknown>,
  lang: Lang,
  res: ServerResponse,
): Promise<void> {
  const raw = typeof query.ids === 'string' ? query.ids : '';
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_SHORTLIST || parts.some((p) => !/^\d{1,12}$/.test(p)))
    throw badRequest(
      'invalid_ids',
      `ids must be 1-${MAX_SHORTLIST} comma-separated plot ids.`,
      raw.slice(0, 200),
      { param: 'ids' },
    );
  const ids = [...new Set(parts.map(Number))];
  await gate(res, lang, () => shortlist(db, ids, lang, res));
}

async function shortlist(db: Db, ids: number[], lang: Lang, res: ServerResponse): Promise<void> {
  const q = exportRowsQuery({ ids }, COLUMNS, lang, 'none', 'EPSG:3879');
  const rows = await db.query<Row>(
    `${q.text} ORDER BY array_position($${q.values.length + 1}::bigint[], p.id)`,
    [...q.values, ids],
  );
  const pdf = await renderShortlist(rows, lang);
  sendPdf(res, pdf, `tonttiluukku-${TEXT.fileStem[lang]}-${new Date().toISOString().slice(0, 10)}.pdf`);
}

function sendPdf(res: ServerResponse, pdf: Buffer, filename: string): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.setHeader('Content-Length', String(pdf.length));
  res.setHeader('Cache-Control', 'no-store');
  res.end(pdf);
}
