import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { pdfPageCount } from './pdf-text.ts';

let db: TestDb;
let server: Running;
let ids: number[];

beforeAll(async () => {
  db = await openTestDb();
  // One PDF at a time and one more waiting: anything beyond is refused.
  server = await startTestServer(db, { pdfConcurrency: 1, pdfQueue: 1 });
  const rows = await db.query<{ id: number }>(
    `SELECT id::int AS id FROM plots WHERE status = 'published' ORDER BY id LIMIT 200`,
  );
  ids = rows.map((r) => r.id);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  bytes: Uint8Array;
}

async function get(path: string): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

const json = (a: Answer) =>
  JSON.parse(Buffer.from(a.bytes).toString('utf8')) as { error: { code: string; message: string } };

function expectPdf(a: Answer): void {
  expect(a.type).toBe('application/pdf');
  expect(Buffer.from(a.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  expect(pdfPageCount(a.bytes)).toBeGreaterThanOrEqual(1);
}

describe('PDFs share a few slots, so one client cannot take the server', () => {
  it('refuses shortlists beyond the slots and the queue with 503 pdf_busy and Retry-After; the rest are whole PDFs', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => get(`/api/shortlist.pdf?ids=${ids.join(',')}&lang=en`)),
    );
    const ok = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 503);
    expect(ok.length + busy.length).toBe(answers.length);
    expect(ok.length).toBeGreaterThanOrEqual(2); // the running one and the waiting one
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const a of ok) expectPdf(a);
    for (const a of busy) {
      expect(a.retryAfter).toBe('10');
      expect(json(a).error.code).toBe('pdf_busy');
      expect(json(a).error.message).toMatch(/try again/);
    }
  });

  it('puts fact sheets under the same limit, with the message in the language asked for', async () => {
    const plot = ids[0]!;
    const answers = await Promise.all([
      get(`/api/shortlist.pdf?ids=${ids.join(',')}`),
      ...Array.from({ length: 8 }, () => get(`/api/plots/${plot}/factsheet.pdf?lang=sv`)),
    ]);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(json(busy[0]!).error.code).toBe('pdf_busy');
    expect(json(busy[0]!).error.message).toBe('Många utskrifter görs just nu; försök igen om en stund.');
    for (const a of answers.filter((x) => x.status === 200)) expectPdf(a);
    expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
  });

  it('still checks the input first: a bad id is 400 even when every slot is taken', async () => {
    const pending = Array.from({ length: 4 }, () => get(`/api/shortlist.pdf?ids=${ids.join(',')}`));
    const bad = await get('/api/shortlist.pdf?ids=1,x');
    expect(bad.status).toBe(400);
    expect(json(bad).error.code).toBe('invalid_ids');
    await Promise.all(pending);
  });
});

describe('other requests are answered while PDFs render', () => {
  let roomy: Running;
  beforeAll(async () => {
    roomy = await startTestServer(db, { pdfConcurrency: 2, pdfQueue: 64 });
  });
  afterAll(async () => {
    await roomy?.stop();
  });

  it('answers /healthz while shortlists are still in flight', async () => {
    let done = 0;
    const pdfs = Array.from({ length: 16 }, () =>
      fetch(`${roomy.url}/api/shortlist.pdf?ids=${ids.join(',')}`).then(async (res) => {
        const bytes = new Uint8Array(await res.arrayBuffer());
        done++;
        return { status: res.status, bytes };
      }),
    );
    // Once the first PDF is out the others are rendering or waiting their turn.
    await Promise.race(pdfs);
    const health = await fetch(`${roomy.url}/healthz`);
    const doneWhenHealthAnswered = done;
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(doneWhenHealthAnswered).toBeLessThan(pdfs.length - 4);
    const all = await Promise.all(pdfs);
    expect(all.map((a) => a.status)).toEqual(all.map(() => 200));
    expect(Buffer.from(all[15]!.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });
});
