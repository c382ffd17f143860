import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { aboutText, exportOptions } from './about.ts';
import { parseExportRequest, parseLang } from './params.ts';
import { pdfGate } from './pdf/gate.ts';
import { sendFactSheet, sendShortlist } from './pdf/send.ts';
import { sendExport } from './run.ts';

/**
 * GET /api/export?format=&crs=&columns=&lang=&delimiter=&geometry=&<filter>: the filtered plots
 * as a file. GET /api/export/options and /api/export/about: what the dialog offers and what the
 * files mean. GET /api/plots/:id/factsheet.pdf and /api/shortlist.pdf?ids=: printable pages.
 */
export function exportRoutes(
  db: Db,
  config: Pick<Config, 'pdfConcurrency' | 'pdfQueue'> & Partial<Pick<Config, 'basemaps'>>,
): Router {
  const r = Router();
  // Fact sheets and shortlists share one limit: both are CPU work on the server's thread.
  const gate = pdfGate({ size: config.pdfConcurrency, maxQueued: config.pdfQueue });
  r.get('/api/export', async (req, res) => {
    await sendExport(db, parseExportRequest(req.query), res);
  });
  r.get('/api/export/options', (req, res) => {
    res.json(exportOptions(parseLang(req.query)));
  });
  r.get('/api/export/about', (req, res) => {
    res.type('text/plain; charset=utf-8').send(aboutText(parseLang(req.query)));
  });
  r.get('/api/plots/:id/factsheet.pdf', async (req, res) => {
    await sendFactSheet(db, gate, req.params.id, parseLang(req.query), res, {
      entries: config.basemaps ?? [],
      raw: req.query.basemap,
    });
  });
  r.get('/api/shortlist.pdf', async (req, res) => {
    await sendShortlist(db, gate, req.query, parseLang(req.query), res);
  });
  return r;
}
