import type { ServerResponse } from 'node:http';
import { filterToParams } from '../../shared/filter.ts';
import type { Db, Row } from '../db/index.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import { WRITERS } from './formats/index.ts';
import type { ExportContext, Sink } from './formats/types.ts';
import { LICENCES, TEXT, type Lang } from './i18n.ts';
import { SRID, type ExportRequest } from './params.ts';
import { Slots, SlotsBusy, type SlotLimits } from './slots.ts';
import { exportCountQuery, exportRowsQuery, sortKey, srsDefinitionQuery } from './sql.ts';

/** Rows per database round trip: a few hundred kilobytes of output per batch. */
const BATCH_ROWS = 2_000;

/**
 * Exports running at once per database, and how many more may wait their turn. On PostgreSQL each
 * running export holds a pooled connection for as long as its client reads (the default pool has
 * 10), so the rest of the API keeps answering; a burst of exports queues for a few seconds
 * instead of being refused, and only a longer wait or a full queue answers 503 export_busy.
 */
export const EXPORT_SLOTS: SlotLimits = { size: 4, maxQueued: 64, maxWaitMs: 20_000 };
const slots = new WeakMap<Db, Slots>();

function slotsFor(db: Db): Slots {
  let s = slots.get(db);
  if (!s) slots.set(db, (s = new Slots(EXPORT_SLOTS)));
  return s;
}

/** Excel's and LibreOffice's sheet limit, less the header row. */
const XLSX_MAX_ROWS = 1_048_575;

/** A client that takes no bytes for this long is dropped: it would hold a slot and a connection. */
const STALL_MS = 60_000;

/**
 * Streams one export to `res`: counts the plots, sends the headers (file name, count, demo flag,
 * licences), then writes the file batch by batch at the pace the client reads. A client that
 * goes away (or reads nothing for STALL_MS) aborts the query and the writer; the promise then
 * resolves quietly. Database errors before the first byte reject (the error middleware
 * answers); later ones cut the response, so a client never takes a truncated file for a whole
 * one.
 *
 * An export of at most one batch is read whole in one query and then written, holding a
 * connection no longer than any other request. A longer one holds its connection while the
 * client reads, so it runs in one of EXPORT_SLOTS, waiting its turn for one.
 */
export async function sendExport(db: Db, req: ExportRequest, res: ServerResponse): Promise<void> {
  const countQ = exportCountQuery(req.filter);
  const [counts] = await db.query<{ n: number; demo: number }>(countQ.text, countQ.values);
  if (req.format === 'xlsx' && counts!.n > XLSX_MAX_ROWS)
    throw badRequest(
      'too_many_rows',
      `${counts!.n} plots do not fit in a spreadsheet (at most ${XLSX_MAX_ROWS} rows); narrow the filter or choose csv or gpkg.`,
      counts!.n,
      { param: 'format', accepted: ['csv', 'geojson', 'gpkg', 'gml', 'kml'] },
    );
  if (counts!.n <= BATCH_ROWS) return streamExport(db, req, res, counts!, true);
  const release = await waitForSlot(db, req, res);
  if (!release) return;
  try {
    await streamExport(db, req, res, counts!, false);
  } finally {
    release();
  }
}

/** A slot for a long export, or undefined when the client left while waiting for one. */
async function waitForSlot(db: Db, req: ExportRequest, res: ServerResponse) {
  const gone = new AbortController();
  const onClose = () => gone.abort(new Error('client closed the connection'));
  res.once('close', onClose);
  try {
    return await slotsFor(db).acquire(gone.signal);
  } catch (err) {
    if (gone.signal.aborted) return undefined;
    if (!(err instanceof SlotsBusy)) throw err;
    res.setHeader('Retry-After', '10');
    throw new HttpError(
      503,
      'export_busy',
      `${err.running} exports are running and ${err.queued} are waiting; try again in a moment.`,
      { value: req.format },
    );
  } finally {
    res.off('close', onClose);
  }
}

async function streamExport(
  db: Db,
  req: ExportRequest,
  res: ServerResponse,
  counts: { n: number; demo: number },
  small: boolean,
): Promise<void> {
  const writer = WRITERS[req.format];
  const srid = SRID[req.crs];
  let srs: ExportContext['srs'];
  if (req.format === 'gpkg' && srid !== 4326) {
    const q = srsDefinitionQuery(srid);
    const [def] = await db.query<{ srtext: string }>(q.text, q.values);
    srs = { srid, wkt: def!.srtext };
  }
  const generatedAt = new Date();
  const ctx: ExportContext = {
    req,
    count: counts.n,
    demo: counts.demo > 0,
    generatedAt,
    filterText: decodeURIComponent(filterToParams(req.filter).toString()),
    srs,
  };

  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort(new Error('client closed the connection'));
  });
  const sink: Sink = {
    signal: abort.signal,
    async write(chunk) {
      abort.signal.throwIfAborted();
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const stalled = setTimeout(() => {
            abort.abort(new Error('client stopped reading'));
            res.destroy();
          }, STALL_MS);
          const done = () => {
            clearTimeout(stalled);
            res.off('drain', done);
            abort.signal.removeEventListener('abort', done);
            resolve();
          };
          res.on('drain', done);
          abort.signal.addEventListener('abort', done);
        });
        abort.signal.throwIfAborted();
      }
    },
  };

  res.statusCode = 200;
  res.setHeader('Content-Type', writer.contentType);
  res.setHeader('Content-Disposition', contentDisposition(req.lang, generatedAt, writer.extension));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Plot-Count', String(ctx.count));
  res.setHeader('X-Demo-Data', String(ctx.demo));
  // Latin-1 is what HTTP headers carry: © fits, so the licences are given as written.
  res.setHeader('X-Data-Licence', LICENCES.join('; '));
  res.setHeader('Link', `</api/export/about?lang=${req.lang}>; rel="describedby"; type="text/plain"`);

  const q =
    writer.query?.(req) ??
    exportRowsQuery(req.filter, req.columns, req.lang, writer.geometry(req), req.crs, req.sort);
  // Rows come in the order of the result list the user exported from.
  const batches = db.stream<Row>(q.text, q.values, {
    key: sortKey(req.sort).key,
    batchSize: BATCH_ROWS,
    signal: abort.signal,
  });
  try {
    // A small export's connection goes back to the pool before the first byte is written.
    const rows = small ? replay(await collect(batches)) : batches;
    await writer.write(rows, sink, ctx);
    res.end();
  } catch (err) {
    if (abort.signal.aborted) return;
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      throw err;
    }
    // Mid-file failure: cut the connection so the client sees an incomplete transfer.
    res.destroy(err as Error);
    throw err;
  }
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const b of batches) all.push(b);
  return all;
}

async function* replay<T>(batches: T[][]): AsyncGenerator<T[]> {
  yield* batches;
}

/** `attachment` with an ASCII name such as tonttiluukku-tontit-2026-11-28.gpkg. */
export function contentDisposition(lang: Lang, at: Date, ext: string): string {
  const name = `tonttiluukku-${TEXT.fileStem[lang]}-${at.toISOString().slice(0, 10)}.${ext}`;
  return `attachment; filename="${name}"`;
}
