import fs from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import wkx from 'wkx';
import { parseNumber } from '../../staff/fields.ts';
import { epsgFromName } from '../crs.ts';
import { ENCODINGS, detectEncoding } from '../encoding.ts';
import { fileError, type RawFeature, type RawGeometry, type Reader } from '../types.ts';

const WKT_COLUMNS = ['wkt', 'geometry', 'geom', 'the_geom', 'wkt_geom', 'geometria', 'sijainti', 'shape'];
const X_COLUMNS = [
  'x',
  'lon',
  'lng',
  'longitude',
  'e',
  'easting',
  'ita',
  'itä',
  'itakoordinaatti',
  'itäkoordinaatti',
  'east',
];
const Y_COLUMNS = ['y', 'lat', 'latitude', 'n', 'northing', 'pohjoinen', 'pohjoiskoordinaatti', 'north'];
const CRS_COLUMNS = ['crs', 'srid', 'epsg', 'koordinaattijarjestelma'];

const norm = (s: string) => s.trim().toLowerCase();

/**
 * CSV with a WKT column or a pair of coordinate columns; comma, semicolon or tab separated;
 * decimal comma accepted; UTF-8, UTF-16 (BOM) or Windows-1252, detected or chosen. Streamed:
 * memory holds one row at a time. Errors: unknown_encoding, csv_no_geometry, invalid_csv.
 */
export const readCsv: Reader = async (file, sink, opts) => {
  const fd = await fs.promises.open(file, 'r');
  const sample = Buffer.alloc(1024 * 1024);
  const { bytesRead } = await fd.read(sample, 0, sample.length, 0);
  const size = (await fd.stat()).size;
  await fd.close();
  const head = sample.subarray(0, bytesRead);
  let encoding: string | undefined = opts.encoding;
  if (encoding && !(ENCODINGS as readonly string[]).includes(encoding))
    throw fileError('unknown_encoding', `Unknown encoding; accepted: ${ENCODINGS.join(', ')}.`, encoding);
  encoding ??= detectEncoding(head, bytesRead >= size);
  if (!encoding)
    throw fileError(
      'unknown_encoding',
      'The text encoding of the file could not be recognised; save it as UTF-8.',
      null,
      {
        accepted: ENCODINGS,
      },
    );
  const firstLine =
    iconv
      .decode(head, encoding)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0] ?? '';
  const delimiter = [';', ',', '\t']
    .map((d) => [d, firstLine.split(d).length] as const)
    .sort((a, b) => b[1] - a[1])[0]![0];
  const columns = parseHeader(firstLine, delimiter);
  const lower = columns.map(norm);
  const wktCol = columns[lower.findIndex((c) => WKT_COLUMNS.includes(c))];
  const xCol = columns[lower.findIndex((c) => X_COLUMNS.includes(c))];
  const yCol = columns[lower.findIndex((c) => Y_COLUMNS.includes(c))];
  const crsCol = columns[lower.findIndex((c) => CRS_COLUMNS.includes(c))];
  if (!wktCol && !(xCol && yCol))
    throw fileError(
      'csv_no_geometry',
      'The CSV has no geometry: add a WKT column or coordinate columns (x and y).',
      columns,
      {
        columns,
      },
    );

  let bytes = 0;
  const input = fs.createReadStream(file);
  input.on('data', (c) => {
    bytes += c.length;
    opts.onBytes?.(bytes);
  });
  const parser = input.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      delimiter,
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }),
  );
  let declaredName: string | undefined;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      const attrs: Record<string, unknown> = { ...record };
      let geometry: RawGeometry | null = null;
      if (wktCol && record[wktCol]) {
        geometry = parseWkt(record[wktCol]!);
        delete attrs[wktCol];
      } else if (xCol && yCol && record[xCol] && record[yCol]) {
        const x = parseNumber(record[xCol]);
        const y = parseNumber(record[yCol]);
        geometry = { type: 'Point', coordinates: [x ?? NaN, y ?? NaN] };
        delete attrs[xCol];
        delete attrs[yCol];
      }
      if (crsCol && record[crsCol]) declaredName ??= record[crsCol];
      await sink({ attrs, geometry } satisfies RawFeature);
    }
  } catch (err) {
    // csv-parse's codes name the problem (INVALID_OPENING_QUOTE, CSV_RECORD_INCONSISTENT...).
    if (err instanceof CsvError || (err as { code?: string }).code?.startsWith('CSV_'))
      throw fileError('invalid_csv', 'The CSV could not be read.', (err as Error).message.slice(0, 200));
    throw err;
  }
  const declared = declaredName
    ? {
        epsg: epsgFromName(/^\d+$/.test(declaredName) ? `EPSG:${declaredName}` : declaredName) ?? -1,
        name: declaredName,
      }
    : {};
  return {
    format: 'csv',
    declared,
    encoding,
    notes: [`delimiter ${delimiter === '\t' ? 'tab' : delimiter}`],
  };
};

function parseHeader(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** WKT (or EWKT with SRID=...;) to a GeoJSON geometry; an 'Invalid' marker when unreadable. */
function parseWkt(text: string): RawGeometry {
  try {
    const g = wkx.Geometry.parse(text.trim().replace(/^SRID=\d+;/i, ''));
    return g.toGeoJSON() as RawGeometry;
  } catch {
    return { type: 'Invalid', coordinates: text.slice(0, 80) };
  }
}
