import type { Row } from '../../db/index.ts';
import type { ExportRequest } from '../params.ts';
import type { SqlFragment } from '../../plots/filter-sql.ts';
import type { GeometryEncoding } from '../sql.ts';

/** Where a writer puts bytes. `write` waits while the client is slow and rejects once it is gone. */
export interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
  readonly signal: AbortSignal;
}

/** What a writer knows besides the rows. */
export interface ExportContext {
  req: ExportRequest;
  /** Plots in the export (counted before streaming). */
  count: number;
  /** Some of them are demo data: the file says so. */
  demo: boolean;
  generatedAt: Date;
  /** The filter as query parameters, for the file's metadata ('' when none). */
  filterText: string;
  /** OGC WKT of the output CRS from PostGIS (GeoPackage). */
  srs?: { srid: number; wkt: string };
}

export interface FormatWriter {
  contentType: string;
  extension: string;
  geometry(req: ExportRequest): GeometryEncoding;
  /** Its own SELECT, when the format is made in the database; exportRowsQuery otherwise. */
  query?(req: ExportRequest): SqlFragment;
  /** Writes the whole file; rows arrive in batches, ordered by id. */
  write(rows: AsyncIterable<Row[]>, sink: Sink, ctx: ExportContext): Promise<void>;
}

export const escapeXml = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!,
  );
