import type { ServerResponse } from 'node:http';
import { HttpError } from '../../http/errors.ts';
import type { Lang } from '../i18n.ts';
import { Slots, SlotsBusy, type SlotLimits } from '../slots.ts';
import { PDF_TEXT } from './texts.ts';

/** How long a PDF may wait for its turn before 503 pdf_busy. */
const MAX_WAIT_MS = 20_000;

/**
 * Runs PDF work in one of a few slots. Rendering is CPU work on the server's one thread: with
 * no limit, a client asking for many shortlists at once starves every other request. A burst
 * waits its turn in a bounded queue; a full queue or a long wait answers 503 pdf_busy with
 * Retry-After, in the reader's language. Resolves undefined when the client left while waiting.
 */
export type PdfGate = <T>(res: ServerResponse, lang: Lang, work: () => Promise<T>) => Promise<T | undefined>;

export function pdfGate(limits: Omit<SlotLimits, 'maxWaitMs'>): PdfGate {
  const slots = new Slots({ ...limits, maxWaitMs: MAX_WAIT_MS });
  return async (res, lang, work) => {
    const gone = new AbortController();
    const onClose = () => gone.abort(new Error('client closed the connection'));
    res.once('close', onClose);
    let release: () => void;
    try {
      release = await slots.acquire(gone.signal);
    } catch (err) {
      if (gone.signal.aborted) return undefined;
      if (!(err instanceof SlotsBusy)) throw err;
      res.setHeader('Retry-After', '10');
      throw new HttpError(503, 'pdf_busy', PDF_TEXT.busy[lang], { running: err.running, queued: err.queued });
    } finally {
      res.off('close', onClose);
    }
    if (res.destroyed) {
      release();
      return undefined;
    }
    try {
      return await work();
    } finally {
      release();
    }
  };
}
