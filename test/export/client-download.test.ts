import { describe, expect, it, vi } from 'vitest';
import { parsePlotFilter } from '../../shared/filter.ts';
import {
  crsChoices,
  exportUrl,
  fetchExport,
  fileNameOf,
  type ExportChoice,
} from '../../client/src/export/download.ts';
import { failureText, msg } from '../../client/src/export/messages.ts';
import { parseExportRequest } from '../../server/export/params.ts';

const choice: ExportChoice = {
  format: 'gpkg',
  crs: 'EPSG:3879',
  delimiter: 'comma',
  wkt: false,
  columns: ['property_id', 'area_m2'],
  allColumns: false,
};

describe('the export URL the dialog builds', () => {
  it('keeps the filter and the choices, and the server reads them back as meant', () => {
    const filter = new URLSearchParams('use_class=industrial&area_min=5000&ids=3,4');
    const url = new URL(exportUrl(filter, choice, 'sv'), 'http://x');
    expect(url.pathname).toBe('/api/export');
    const query = Object.fromEntries(url.searchParams);
    const req = parseExportRequest(query);
    expect(req).toMatchObject({ format: 'gpkg', crs: 'EPSG:3879', lang: 'sv' });
    expect(req.columns.map((c) => c.key)).toEqual(['property_id', 'area_m2']);
    expect(req.filter).toEqual(parsePlotFilter(filter).filter);
  });

  it('sends no CRS for a spreadsheet and the delimiter and WKT only for CSV', () => {
    const xlsx = new URL(
      exportUrl(new URLSearchParams(), { ...choice, format: 'xlsx', allColumns: true }, 'fi'),
      'http://x',
    );
    expect(xlsx.searchParams.has('crs')).toBe(false);
    expect(xlsx.searchParams.has('columns')).toBe(false);
    const csv = new URL(
      exportUrl(new URLSearchParams(), { ...choice, format: 'csv', wkt: true, delimiter: 'semicolon' }, 'fi'),
      'http://x',
    );
    expect(csv.searchParams.get('delimiter')).toBe('semicolon');
    expect(csv.searchParams.get('geometry')).toBe('wkt');
    expect(csv.searchParams.get('crs')).toBe('EPSG:3879');
  });

  it('offers KML in WGS84 only', () => {
    expect(crsChoices('kml')).toEqual(['CRS84']);
    expect(crsChoices('gml')).toContain('EPSG:3067');
  });

  it('takes the file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="tonttiluukku-tontit-2026-11-28.gpkg"', 'x')).toBe(
      'tonttiluukku-tontit-2026-11-28.gpkg',
    );
    expect(fileNameOf(null, 'fallback')).toBe('fallback');
  });
});

function streamingResponse(chunks: number[], headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(ctrl) {
      for (const n of chunks) ctrl.enqueue(new Uint8Array(n));
      ctrl.close();
    },
  });
  return new Response(body, { status: 200, headers });
}

describe('the download', () => {
  it('reports the bytes received as they arrive and the plot count', async () => {
    const fetchMock = vi.fn(async () =>
      streamingResponse([100, 250, 50], {
        'X-Plot-Count': '42',
        'X-Demo-Data': 'true',
        'Content-Disposition': 'attachment; filename="a.csv"',
        'Content-Type': 'text/csv',
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const seen: number[] = [];
    const out = await fetchExport('/api/export?format=csv', new AbortController().signal, (p) => {
      expect(p.count).toBe(42);
      seen.push(p.received);
    });
    vi.unstubAllGlobals();
    expect(seen).toEqual([0, 100, 350, 400]);
    expect(out.blob.size).toBe(400);
    expect(out).toMatchObject({ fileName: 'a.csv', demo: true });
  });

  it('rejects with the server error code on an error answer, and the user reads it in their language', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: { code: 'export_busy', message: '4 exports are running' } }, { status: 503 }),
    );
    const err = await fetchExport('/api/export', new AbortController().signal, () => {}).catch((e) => e);
    vi.unstubAllGlobals();
    expect(err).toMatchObject({ status: 503, code: 'export_busy' });
    expect(failureText('fi', err.code)).toBe(msg('fi', 'busy'));
    expect(failureText('sv', err.code)).toMatch(/försök igen om en stund/i);
    expect(failureText('en', 'invalid_crs')).toContain('invalid_crs');
  });

  it('stops when cancelled', async () => {
    const ctrl = new AbortController();
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          if (init.signal?.aborted) c.error(new DOMException('aborted', 'AbortError'));
          else c.enqueue(new Uint8Array(10));
        },
      });
      return new Response(body, { status: 200 });
    });
    let calls = 0;
    const done = fetchExport('/api/export', ctrl.signal, () => {
      if (++calls === 5) ctrl.abort();
    });
    await expect(done).rejects.toThrow();
    vi.unstubAllGlobals();
  });
});
