/**
 * Reading: picks the reader by the file's content (then its name), streams features into
 * import_rows in batches with their parse problems, and checks the file as a whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/index.ts';
import { firstPosition, type Position } from './crs.ts';
import { cleanGeometry, kindOf, type GeometryKind } from './geometry.ts';
import { readCsv } from './readers/csv.ts';
import { readGeoJson } from './readers/geojson.ts';
import { readGeoPackage } from './readers/geopackage.ts';
import { readGml } from './readers/gml.ts';
import { readShapefile } from './readers/shapefile.ts';
import * as sql from './sql.ts';
import {
  fileError,
  type ImportLimits,
  type ParseOptions,
  type RawFeature,
  type ReadMeta,
  type ReadOptions,
  type UploadedFile,
  type ZipLimits,
} from './types.ts';
import { unzipData } from './zip.ts';

const BATCH = 1000;
const SAMPLE = 5000;

export interface ReadFacts {
  meta: ReadMeta;
  count: number;
  kinds: Partial<Record<GeometryKind, number>>;
  attributes: string[];
  samples: Record<string, unknown[]>;
  sample: Position[];
}

/** Picks the reader, streams features into import_rows in batches, and checks the file as a whole. */
export async function readIntoRows(
  db: Db,
  jobId: string,
  upload: UploadedFile,
  opts: ParseOptions,
  limits: ImportLimits,
): Promise<ReadFacts> {
  let count = 0;
  let batch: Array<{ n: number; source: object; geom: string | null; problems: object[]; line?: number }> =
    [];
  const kinds: Partial<Record<GeometryKind, number>> = {};
  const attributes = new Set<string>();
  // No prototype: attribute names come from the file ("valueOf", "__proto__" are names too).
  const samples: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  const sample: Position[] = [];
  let lastProgress = 0;
  let bytesRead = 0;
  const progress = async (force = false) => {
    if (!force && Date.now() - lastProgress < 500) return;
    lastProgress = Date.now();
    const p = sql.setProgress(jobId, { bytes: bytesRead, total_bytes: upload.bytes, features: count });
    await db.query(p.text, p.values);
  };
  const flush = async () => {
    if (!batch.length) return;
    const s = sql.insertRows(jobId, batch);
    batch = [];
    await db.query(s.text, s.values);
    await progress();
  };
  const sink = async (f: RawFeature) => {
    if (++count > limits.maxFeatures)
      throw fileError(
        'too_many_features',
        `The file has more than ${limits.maxFeatures} features; split it.`,
        count,
        { limit: limits.maxFeatures },
      );
    const kind = kindOf(f.geometry);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const attrs = sanitizeAttrs(f.attrs);
    for (const [k, v] of Object.entries(attrs)) {
      attributes.add(k);
      const s = (samples[k] ??= []);
      if (s.length < 3 && v !== null && v !== '' && !s.includes(v)) s.push(v);
    }
    const clean = cleanGeometry(f.geometry);
    if (sample.length < SAMPLE && clean.geojson) {
      const p = firstPosition(JSON.parse(clean.geojson).coordinates);
      if (p) sample.push(p);
    }
    const problems: object[] = [];
    if (clean.problem && clean.problem !== 'geometry_missing')
      problems.push({
        field: 'geometry',
        code: clean.problem,
        severity: 'error',
        // The text that could not be read says more than the type it was not.
        value:
          f.geometry?.type === 'Invalid' && typeof f.geometry.coordinates === 'string'
            ? f.geometry.coordinates
            : (f.geometry?.type ?? null),
        stage: 'parse',
        ...(f.line ? { line: f.line } : {}),
      });
    if (clean.note)
      problems.push({
        field: 'geometry',
        code: clean.note,
        severity: 'warning',
        value: null,
        stage: 'parse',
      });
    batch.push({ n: count, source: attrs, geom: clean.geojson, problems, line: f.line });
    if (batch.length >= BATCH) await flush();
  };
  const readOpts: ReadOptions = {
    encoding: opts.encoding,
    geometry: opts.geometry,
    onBytes: (b) => {
      bytesRead = b;
    },
  };
  const meta = await readAny(upload, sink, readOpts, opts.layer, limits);
  await flush();
  await progress(true);
  if (!count) throw fileError('no_features', 'The file holds no features.', upload.fileName);
  const present = (['polygon', 'point', 'line'] as const).filter((k) => kinds[k]);
  if (present.length > 1)
    throw fileError(
      'mixed_geometry_types',
      'The file mixes geometry types; import polygons and points as separate files.',
      present,
      {
        kinds,
      },
    );
  if (present[0] === 'line')
    throw fileError(
      'unsupported_geometry_type',
      'Lines cannot be plots; the file must hold polygons or points.',
      'line',
    );
  if (!present.length && meta.format !== 'csv')
    throw fileError('no_geometry', 'No feature in the file has a usable geometry.', upload.fileName);
  return { meta, count, kinds, attributes: [...attributes], samples, sample };
}

async function readAny(
  upload: { file: string; fileName: string; dir: string },
  sink: (f: RawFeature) => Promise<void>,
  opts: ReadOptions,
  layer: string | undefined,
  limits: ZipLimits,
): Promise<ReadMeta> {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(upload.file, 'r');
  const n = fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  const ext = path.extname(upload.fileName).toLowerCase();
  if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' || ext === '.zip') {
    const files = await unzipData(upload.file, path.join(upload.dir), limits);
    if (files.some((f) => f.toLowerCase().endsWith('.shp'))) return readShapefile(files, sink, opts);
    const inner = files.find((f) => /\.(gpkg|geojson|json|gml|xml|csv)$/i.test(f));
    // Only Shapefile parts (.dbf, .shx...) without the .shp: that reader names what is missing.
    if (!inner) return readShapefile(files, sink, opts);
    return readAny({ file: inner, fileName: inner, dir: upload.dir }, sink, opts, layer, limits);
  }
  if (head.subarray(0, 15).toString('latin1') === 'SQLite format 3')
    return readGeoPackage(upload.file, sink, { ...opts, layer });
  const text = head
    .subarray(0, n)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  // The content decides before the name: a WFS error saved as .json is still XML.
  if (text.startsWith('<')) return readGml(upload.file, sink, opts);
  if (text.startsWith('{') || ext === '.geojson' || ext === '.json')
    return readGeoJson(upload.file, sink, opts);
  if (ext === '.gml' || ext === '.xml') return readGml(upload.file, sink, opts);
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsv(upload.file, sink, opts);
  if (ext === '.gpkg')
    throw fileError('invalid_geopackage', 'The file is not a GeoPackage (SQLite) database.', upload.fileName);
  throw fileError(
    'unsupported_format',
    'Unsupported file type: use GeoJSON, GML, CSV, a zipped Shapefile or GeoPackage.',
    ext || upload.fileName,
  );
}

/** Plain JSON values only, keys trimmed; dates as ISO text. */
function sanitizeAttrs(a: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(a ?? {})) {
    const key = k.trim().slice(0, 100);
    if (!key) continue;
    if (v instanceof Date) out[key] = v.toISOString().slice(0, 10);
    else if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
      out[key] = typeof v === 'string' ? v.slice(0, 4000) : v;
    else if (typeof v === 'bigint') out[key] = v.toString();
    else out[key] = JSON.stringify(v).slice(0, 4000);
  }
  return out;
}
