import fs from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { SAMPLE_ROWS, choiceColumns, detectGeometry, geometryOf, type GeometryChoice } from '../columns.ts';
import { epsgFromName } from '../crs.ts';
import { ENCODINGS, detectEncoding } from '../encoding.ts';
import { fileError, type RawFeature, type Reader } from '../types.ts';

const CRS_COLUMNS = ['crs', 'srid', 'epsg', 'koordinaattijarjestelma'];

const norm = (s: string) => s.trim().toLowerCase();

/**
 * CSV with a geometry column (WKT, EWKT, WKB hex or GeoJSON) or a pair of coordinate columns,
 * found by the values of the first rows or named by the user; comma, semicolon or tab
 * separated; decimal comma accepted; UTF-8, UTF-16 (BOM) or Windows-1252, detected or chosen.
 * Streamed: memory holds the sampled rows, then one row at a time. A file without a geometry
 * column still reads (the preview asks for one). Errors: unknown_encoding,
 * unknown_geometry_column, invalid_csv.
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
  const crsCol = columns[lower.findIndex((c) => CRS_COLUMNS.includes(c))];
  const asked = opts.geometry;
  const missing = choiceColumns(asked).filter((c) => !columns.includes(c));
  if (missing.length)
    throw fileError('unknown_geometry_column', `The CSV has no column ${missing[0]}.`, missing[0], {
      columns,
    });

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
      info: true,
    }),
  );
  let declaredName: string | undefined;
  let sridName: string | undefined;
  let facts: ReturnType<typeof detectGeometry> | undefined;
  let used: string[] = [];
  const held: Array<{ record: Record<string, string>; line: number }> = [];
  const emit = async (record: Record<string, string>, line: number) => {
    const attrs: Record<string, unknown> = { ...record };
    for (const c of used) delete attrs[c];
    const read = facts!.chosen ? geometryOf(record, facts!.chosen) : { geometry: null };
    if (read.srid) sridName ??= `EPSG:${read.srid}`;
    if (crsCol && record[crsCol]) declaredName ??= record[crsCol];
    await sink({ attrs, geometry: read.geometry, line } satisfies RawFeature);
  };
  const decide = async () => {
    facts = detectGeometry(
      columns,
      held.map((h) => h.record),
      asked as GeometryChoice | undefined,
    );
    used = choiceColumns(facts.chosen);
    for (const h of held.splice(0)) await emit(h.record, h.line);
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      // csv-parse counts to a record's last line; a quoted cell may have spanned several.
      const breaks = Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
      const line = info.lines - breaks;
      if (facts) await emit(record, line);
      else {
        held.push({ record, line });
        if (held.length >= SAMPLE_ROWS) await decide();
      }
    }
    if (!facts) await decide();
  } catch (err) {
    // csv-parse's codes name the problem (INVALID_OPENING_QUOTE, CSV_RECORD_INCONSISTENT...).
    if (err instanceof CsvError || (err as { code?: string }).code?.startsWith('CSV_'))
      throw fileError('invalid_csv', 'The CSV could not be read.', (err as Error).message.slice(0, 200));
    throw err;
  }
  declaredName ??= sridName;
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
    geometry: facts,
  };
};

function parseHeader(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
