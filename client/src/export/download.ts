/** The export request and its download, without React: URL building, streaming, file names. */
import { ApiError } from '../api/client.ts';

export const FORMATS = ['csv', 'xlsx', 'geojson', 'gpkg', 'gml', 'kml'] as const;
export type Format = (typeof FORMATS)[number];
export const CRSES = ['EPSG:3879', 'EPSG:3067', 'EPSG:4326', 'CRS84'] as const;
export type Crs = (typeof CRSES)[number];

export interface ExportChoice {
  format: Format;
  crs: Crs;
  delimiter: 'comma' | 'semicolon';
  wkt: boolean;
  /** Column keys; every column when it holds them all (the URL then stays short). */
  columns: string[];
  allColumns: boolean;
  /** The result list's sort parameter; the server's default (property identifier) when absent. */
  sort?: string;
}

/** CRSs a format can be written in; KML is WGS84 only, the spreadsheets need none without WKT. */
export function crsChoices(format: Format): readonly Crs[] {
  if (format === 'kml') return ['CRS84'];
  return CRSES;
}

/** /api/export?... for the filter (shared/filter.ts parameters) and the dialog's choices. */
export function exportUrl(filterParams: URLSearchParams, choice: ExportChoice, lang: string): string {
  const p = new URLSearchParams(filterParams);
  p.set('format', choice.format);
  if (choice.format !== 'xlsx' && (choice.format !== 'csv' || choice.wkt)) p.set('crs', choice.crs);
  if (choice.format === 'csv') {
    p.set('delimiter', choice.delimiter);
    if (choice.wkt) p.set('geometry', 'wkt');
  }
  if (!choice.allColumns) p.set('columns', choice.columns.join(','));
  if (choice.sort) p.set('sort', choice.sort);
  p.set('lang', lang);
  return `/api/export?${p.toString()}`;
}

/** The file name from a Content-Disposition header; `fallback` when absent. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m?.[1] ?? fallback;
}

/** Bytes as people read them: 812 kB, 12.4 MB. */
export function formatBytes(n: number, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : `${lang}-FI`;
  const nf = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
  if (n < 1e6) return `${nf(n / 1e3)} kB`;
  return `${nf(n / 1e6)} MB`;
}

export interface Progress {
  received: number; // bytes
  count: number | null; // plots in the export, from X-Plot-Count
}

/**
 * Fetches the export, reporting bytes as they arrive; resolves the file as a Blob with its name.
 * Aborting `signal` stops the transfer (the server then stops the query). An error response
 * rejects with an ApiError carrying the server's error code.
 */
export async function fetchExport(
  url: string,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<{ blob: Blob; fileName: string; demo: boolean }> {
  const res = await fetch(url, { signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? '');
  }
  const count = res.headers.get('X-Plot-Count');
  const progress: Progress = { received: 0, count: count === null ? null : Number(count) };
  onProgress(progress);
  const chunks: Uint8Array[] = [];
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress.received += value.length;
    onProgress({ ...progress });
  }
  const type = res.headers.get('Content-Type') ?? 'application/octet-stream';
  return {
    blob: new Blob(chunks as BlobPart[], { type }),
    fileName: fileNameOf(res.headers.get('Content-Disposition'), 'tonttiluukku-export'),
    demo: res.headers.get('X-Demo-Data') === 'true',
  };
}

/** Hands a finished file to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
