/**
 * The import, step by step: parse (stream the file into staging rows) -> decide the CRS ->
 * map and validate -> preview -> commit in one transaction. Reads like a table of contents;
 * each step lives in its own module.
 */
import fs from 'node:fs';
import path from 'node:path';
import { audit } from '../audit/log.ts';
import { can, type Staff } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { setChangeNote } from '../staff/sql.ts';
import { PLOT_FIELD_NAMES, validatePlotValues, type PlotField } from '../staff/fields.ts';
import type { GeometryChoice } from './columns.ts';
import { SUPPORTED_CRS, decideCrs, firstPosition, type Epsg, type Position } from './crs.ts';
import { cleanGeometry, kindOf, type GeometryKind } from './geometry.ts';
import { autoMapping, checkMapping, findPreset, PRESETS, unmappedColumns, type Mapping } from './mapping.ts';
import { readCsv } from './readers/csv.ts';
import { readGeoJson } from './readers/geojson.ts';
import { readGeoPackage } from './readers/geopackage.ts';
import { readGml } from './readers/gml.ts';
import { readShapefile } from './readers/shapefile.ts';
import { markUnchangedSql, stageDraftsSql, updateInPlaceSql } from './reimport.ts';
import { assertRepairsDecided, assessRepairsSql, decideRepairs } from './repairs.ts';
import * as sql from './sql.ts';
import { areaAttribute, statedAreaSql, takeAreaAttribute, withAreaAttribute } from './stated-area.ts';
import { NOT_NULL_DEFAULTS } from './sql.ts';
import { fileError, type RawFeature, type ReadMeta, type ReadOptions } from './types.ts';
import { unzipData, type ZipLimits } from './zip.ts';

export interface ImportLimits extends ZipLimits {
  maxFeatures: number;
}

export interface Settings {
  epsg: Epsg;
  swap_axes: boolean;
  crs_source: 'declared' | 'inferred' | 'user';
  crs_confirmed: boolean;
  mapping: Mapping;
  defaults: Partial<Record<PlotField, unknown>>;
  preset: string | null;
  /** CSV: the geometry column or coordinate pair read (kept so a saved mapping can name it). */
  geometry?: GeometryChoice | null;
}

export interface ParseOptions extends ReadOptions {
  jobId: string;
  /** EPSG code the user says the file is in (overrides the file's own). */
  crs?: number;
  layer?: string;
  geometry?: GeometryChoice;
}

const BATCH = 1000;
const SAMPLE = 5000;

/** Parses an uploaded file into a new job's staging rows, decides CRS and mapping, validates. */
export async function parseUpload(
  db: Db,
  staff: Staff,
  upload: { file: string; fileName: string; bytes: number; dir: string },
  opts: ParseOptions,
  limits: ImportLimits,
  ip?: string,
) {
  const jobId = opts.jobId;
  const j = sql.insertJob(jobId, staff.id, upload.fileName, upload.bytes);
  try {
    await db.query(j.text, j.values);
  } catch {
    throw new HttpError(409, 'job_exists', 'An import with this id exists already.', { value: jobId });
  }
  try {
    const facts = await readIntoRows(db, jobId, upload, opts, limits);
    const declared =
      opts.crs !== undefined ? { epsg: opts.crs, name: `EPSG:${opts.crs}` } : facts.meta.declared;
    const decision = decideCrs(declared, facts.sample);
    if (!decision.ok) {
      const s = decision.suggestion;
      throw fileError(
        decision.code,
        decision.code === 'crs_mismatch'
          ? `The coordinates are not in ${declared.name ?? 'the declared system'}; they look like EPSG:${s!.epsg}.`
          : decision.code === 'unsupported_crs'
            ? 'The file uses a coordinate system the importer does not support (EPSG:3879, 3067 or 4326).'
            : 'The coordinates are not in Helsinki in any supported coordinate system.',
        declared.name ?? null,
        s ? { suggestion: { epsg: s.epsg, swap_axes: s.swapAxes } } : {},
      );
    }
    const attributes = facts.attributes;
    const preset = findPreset(facts.meta.layer, attributes);
    const summary = {
      format: facts.meta.format,
      layer: facts.meta.layer ?? null,
      encoding: facts.meta.encoding ?? null,
      notes: facts.meta.notes ?? [],
      feature_count: facts.count,
      geometry_kinds: facts.kinds,
      attributes,
      samples: facts.samples,
      geometry: facts.meta.geometry ?? null,
      declared_crs: declared.name ?? null,
      declared_epsg: declared.epsg ?? null,
      detected: { epsg: decision.epsg, swap_axes: decision.swapAxes, source: decision.source },
    };
    const settings: Settings = {
      epsg: decision.epsg,
      swap_axes: decision.swapAxes,
      crs_source: opts.crs !== undefined ? 'user' : decision.source,
      crs_confirmed: opts.crs !== undefined || !decision.needsConfirmation,
      mapping: withAreaAttribute(autoMapping(attributes, preset), attributes),
      defaults: {},
      preset: preset?.id ?? null,
      geometry: facts.meta.geometry?.chosen ?? null,
    };
    const u = sql.updateJob(jobId, { format: facts.meta.format, summary, settings });
    await db.query(u.text, u.values);
    await validate(db, jobId, settings);
    await audit(db, {
      userId: staff.id,
      actor: staff.email,
      action: 'import.upload',
      targetType: 'import',
      targetId: jobId,
      ip,
      details: {
        file: upload.fileName,
        format: facts.meta.format,
        features: facts.count,
        epsg: decision.epsg,
        swap_axes: decision.swapAxes,
      },
    });
    return getJob(db, jobId);
  } catch (err) {
    // Nothing of a refused file stays behind.
    const d = sql.deleteJob(jobId);
    await db.query(d.text, d.values).catch(() => {});
    throw err;
  }
}

interface ReadFacts {
  meta: ReadMeta;
  count: number;
  kinds: Partial<Record<GeometryKind, number>>;
  attributes: string[];
  samples: Record<string, unknown[]>;
  sample: Position[];
}

/** Picks the reader, streams features into import_rows in batches, and checks the file as a whole. */
async function readIntoRows(
  db: Db,
  jobId: string,
  upload: { file: string; fileName: string; bytes: number; dir: string },
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

/** Applies CRS and mapping to every row and stores problems, actions and the summary. */
export async function validate(db: Db, jobId: string, settings: Settings): Promise<void> {
  const g = sql.validateGeometrySql(jobId, settings.epsg, settings.swap_axes);
  await db.query(g.text, g.values);
  const a = assessRepairsSql(jobId, settings.epsg, settings.swap_axes);
  await db.query(a.text, a.values);
  const r = sql.resetUngeometricRows(jobId);
  await db.query(r.text, r.values);
  let after = 0;
  for (;;) {
    const s = sql.rowsForMappingSql(jobId, after, 2000);
    const rows = await db.query<{
      n: number;
      source: Record<string, unknown>;
      overrides: Record<string, unknown>;
    }>(s.text, s.values);
    if (!rows.length) break;
    const out = rows.map((row) => mapRow(row.source, row.overrides, settings));
    const u = sql.setMappedSql(
      jobId,
      rows.map((row, i) => ({ n: row.n, ...out[i]! })),
    );
    await db.query(u.text, u.values);
    after = rows[rows.length - 1]!.n;
  }
  for (const m of sql.matchRowsSql(jobId)) await db.query(m.text, m.values);
  for (const m of markUnchangedSql(jobId)) await db.query(m.text, m.values);
  const stated = areaAttribute(settings.mapping);
  if (stated) {
    const st = statedAreaSql(jobId, stated);
    await db.query(st.text, st.values);
  }
  const sum = sql.summarySql(jobId);
  const [validation] = await db.query(sum.text, sum.values);
  const unmapped = await unmappedOf(db, jobId, settings);
  const u = sql.updateJob(jobId, {
    status: 'preview',
    validation: { ...validation!, unmapped },
    settings,
  });
  await db.query(u.text, u.values);
}

/** Source columns the mapping leaves out, for the preview's warnings. */
async function unmappedOf(db: Db, jobId: string, settings: Settings) {
  const [row] = await db.query<{ attributes: string[] | null }>(
    `SELECT summary->'attributes' AS attributes FROM import_jobs WHERE id = $1`,
    [jobId],
  );
  return unmappedColumns(row?.attributes ?? [], settings.mapping);
}

/** One row's plot values: mapped attributes, then defaults for empty fields, then the user's fixes. */
export function mapRow(source: Record<string, unknown>, overrides: Record<string, unknown>, s: Settings) {
  const input: Record<string, unknown> = {};
  for (const [field, attr] of Object.entries(s.mapping)) input[field] = source[attr as string];
  for (const [field, v] of Object.entries(s.defaults))
    if (input[field] == null || input[field] === '') input[field] = v;
  Object.assign(input, overrides);
  const { values, problems } = validatePlotValues(input);
  if (!('property_id' in input) || values.property_id === undefined)
    if (!problems.some((p) => p.field === 'property_id'))
      problems.push({ field: 'property_id', code: 'required', value: null, severity: 'error' });
  // Absent (not mapped) fields stay out of `mapped`, so an update keeps the plot's own values.
  // Empty cells of fields that always have a value mean "keep" (update) or "default" (new).
  const mapped = Object.fromEntries(
    Object.entries(values).filter(([k, v]) => v !== undefined && !(v === null && k in NOT_NULL_DEFAULTS)),
  );
  return { mapped, problems };
}

export async function getJob(db: Db, jobId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(jobId))
    throw new HttpError(404, 'import_not_found', 'No such import.', { value: jobId });
  const s = sql.jobSql(jobId);
  const [job] = await db.query<
    Record<string, unknown> & { status: string; settings: Settings; summary: { attributes?: string[] } }
  >(s.text, s.values);
  if (!job) throw new HttpError(404, 'import_not_found', 'No such import.', { value: jobId });
  return job;
}

async function previewJob(db: Db, jobId: string) {
  const job = await getJob(db, jobId);
  if (job.status !== 'preview')
    throw new HttpError(409, 'import_not_in_preview', `The import is ${job.status}; upload the file again.`, {
      value: job.status,
    });
  return job;
}

/**
 * Changes the CRS, axis order, mapping or defaults (any subset) and validates again.
 * `confirm_crs: true` records that the user checked an inferred CRS on the map.
 */
export async function configure(
  db: Db,
  jobId: string,
  body: Record<string, unknown>,
  staff: Staff,
  ip?: string,
) {
  const job = await previewJob(db, jobId);
  const settings: Settings = { ...job.settings };
  if (body.epsg !== undefined) {
    const e = Number(body.epsg);
    if (!(SUPPORTED_CRS as readonly number[]).includes(e))
      throw badRequest('unsupported_crs', `Choose EPSG:${SUPPORTED_CRS.join(', EPSG:')}.`, body.epsg);
    if (e !== settings.epsg) settings.crs_source = 'user';
    settings.epsg = e as Epsg;
  }
  if (body.swap_axes !== undefined) {
    if (typeof body.swap_axes !== 'boolean')
      throw badRequest('invalid_value', 'swap_axes must be true or false.', body.swap_axes);
    settings.swap_axes = body.swap_axes;
  }
  if (body.confirm_crs === true || body.epsg !== undefined) settings.crs_confirmed = true;
  if (body.preset !== undefined) {
    const p = PRESETS.find((x) => x.id === body.preset);
    if (!p)
      throw badRequest(
        'unknown_preset',
        `Unknown preset; accepted: ${PRESETS.map((x) => x.id).join(', ')}.`,
        body.preset,
      );
    settings.preset = p.id;
    settings.mapping = withAreaAttribute(
      autoMapping(job.summary.attributes ?? [], p),
      job.summary.attributes ?? [],
    );
  }
  if (body.mapping !== undefined) {
    const area = takeAreaAttribute(body.mapping, job.summary.attributes ?? []);
    const { mapping, problems } = checkMapping(area.rest, job.summary.attributes ?? []);
    if (area.problem) problems.push(area.problem);
    if (problems.length)
      throw badRequest('invalid_mapping', `Invalid mapping: ${problems[0]}.`, body.mapping, { problems });
    settings.mapping = area.area ? ({ ...mapping, area_m2: area.area } as Mapping) : mapping;
  }
  if (body.defaults !== undefined) {
    const d = (body.defaults ?? {}) as Record<string, unknown>;
    const { problems } = validatePlotValues(d);
    const unknown = Object.keys(d).filter((k) => !(PLOT_FIELD_NAMES as string[]).includes(k));
    if (unknown.length || problems.length)
      throw badRequest('invalid_defaults', 'Invalid default value.', unknown[0] ?? problems[0]!.value, {
        problems,
      });
    settings.defaults = d as Settings['defaults'];
  }
  await validate(db, jobId, settings);
  await audit(db, {
    userId: staff.id,
    actor: staff.email,
    action: 'import.configure',
    targetType: 'import',
    targetId: jobId,
    ip,
    details: { epsg: settings.epsg, swap_axes: settings.swap_axes, mapping: settings.mapping },
  });
  return getJob(db, jobId);
}

/** Fixes values of one row or excludes it, then validates again. */
export async function fixRow(
  db: Db,
  jobId: string,
  rawN: string,
  body: Record<string, unknown>,
  staff: Staff,
  ip?: string,
) {
  const job = await previewJob(db, jobId);
  const n = Number(rawN);
  const s = sql.rowSql(jobId, Number.isInteger(n) ? n : -1);
  const [row] = await db.query<{ overrides: Record<string, unknown>; excluded: boolean }>(s.text, s.values);
  if (!row) throw new HttpError(404, 'import_row_not_found', 'No such row in this import.', { value: rawN });
  const overrides = { ...row.overrides };
  if (body.values !== undefined) {
    const v = (body.values ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(v).filter((k) => !(PLOT_FIELD_NAMES as string[]).includes(k));
    if (unknown.length) throw badRequest('invalid_mapping', `Unknown field ${unknown[0]}.`, unknown[0]);
    Object.assign(overrides, v);
  }
  const excluded = body.excluded === undefined ? row.excluded : body.excluded === true;
  const u = sql.setRowOverride(jobId, n, overrides, excluded);
  await db.query(u.text, u.values);
  await validate(db, jobId, job.settings);
  await audit(db, {
    userId: staff.id,
    actor: staff.email,
    action: 'import.fix_row',
    targetType: 'import',
    targetId: jobId,
    ip,
    details: { row: n, values: body.values, excluded },
  });
  return getJob(db, jobId);
}

/** The publisher's decision on area-changing repairs (accept or exclude), then validation again. */
export async function decideRowRepairs(
  db: Db,
  jobId: string,
  body: Record<string, unknown>,
  staff: Staff,
  ip?: string,
) {
  const job = await previewJob(db, jobId);
  await decideRepairs(db, jobId, body, staff, () => validate(db, jobId, job.settings), ip);
  return getJob(db, jobId);
}

export async function listRows(db: Db, jobId: string, q: Record<string, unknown>) {
  const job = await getJob(db, jobId);
  const only = (q.only ?? 'all') as string;
  if (!['all', 'problems', 'errors'].includes(only))
    throw badRequest('invalid_query', 'only must be all, problems or errors.', only, { param: 'only' });
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  const offset = q.offset === undefined ? 0 : Number(q.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000)
    throw badRequest('invalid_query', 'limit must be 1-5000.', q.limit, { param: 'limit' });
  if (!Number.isInteger(offset) || offset < 0)
    throw badRequest('invalid_query', 'offset must be 0 or more.', q.offset, { param: 'offset' });
  const s = sql.rowsSql(jobId, {
    only: only as 'all',
    limit,
    offset,
    epsg: job.settings.epsg ?? 3879,
    swapAxes: !!job.settings.swap_axes,
  });
  return { rows: await db.query(s.text, s.values) };
}

/**
 * Writes the job into plots in one transaction: new rows as drafts, matched rows as updates;
 * a change to a published plot is staged as its pending draft unless `publish_updates` is true,
 * and a row equal to its plot writes nothing. Refused (409) while rows have errors or
 * undecided repairs, while an inferred CRS is unconfirmed, or when a new row's identifier was
 * taken meanwhile; nothing is written then.
 */
export async function commit(
  db: Db,
  jobId: string,
  body: Record<string, unknown>,
  staff: Staff,
  ip?: string,
) {
  const job = await previewJob(db, jobId);
  if (!job.settings.crs_confirmed)
    throw new HttpError(
      409,
      'crs_not_confirmed',
      'Confirm the coordinate system on the map before importing.',
      { value: job.settings.epsg },
    );
  const fields = PLOT_FIELD_NAMES;
  const publishUpdates = body.publish_updates === true;
  if (body.publish_updates !== undefined && typeof body.publish_updates !== 'boolean')
    throw badRequest('invalid_value', 'publish_updates must be true or false.', body.publish_updates);
  if (publishUpdates && !can(staff.role, 'plots.publish'))
    throw new HttpError(403, 'forbidden', 'Only a publisher may publish updates at commit.', {
      value: staff.role,
    });
  const note =
    typeof body.note === 'string' && body.note.trim()
      ? body.note.trim()
      : `Import ${job.file_name as string}`;
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ status: string }>(
      `SELECT status FROM import_jobs WHERE id = $1 FOR UPDATE`,
      [jobId],
    );
    if (lock[0]?.status !== 'preview')
      throw new HttpError(409, 'import_not_in_preview', 'The import was committed or discarded meanwhile.', {
        value: lock[0]?.status ?? null,
      });
    await assertRepairsDecided(tx, jobId);
    const b = sql.commitBlockersSql(jobId);
    const [blk] = await tx.query<{ errors: number; unmatched: number; taken: number }>(b.text, b.values);
    if (blk!.errors || blk!.unmatched)
      throw new HttpError(409, 'import_has_errors', 'Fix or exclude the rows with errors first.', {
        value: blk!.errors + blk!.unmatched,
      });
    if (blk!.taken)
      throw new HttpError(
        409,
        'import_stale',
        'Some plots were created meanwhile; validate the import again.',
        { value: blk!.taken },
      );
    const n = setChangeNote(note);
    await tx.query(n.text, n.values);
    const ins = sql.commitNewSql(jobId, staff.email, fields);
    const created = await tx.query<{ id: number }>(ins.text, ins.values);
    // Compared again under the job's lock: the plots may have changed since the preview.
    for (const m of markUnchangedSql(jobId)) await tx.query(m.text, m.values);
    const [same] = await tx.query<{ unchanged: number }>(
      `SELECT count(*)::int AS unchanged FROM import_rows WHERE job_id = $1 AND action = 'unchanged' AND NOT excluded`,
      [jobId],
    );
    const unchanged = same?.unchanged ?? 0;
    const st = stageDraftsSql(jobId, staff.email, note);
    const staged = publishUpdates ? [] : await tx.query<{ id: number }>(st.text, st.values);
    const up = updateInPlaceSql(jobId, staff.email, publishUpdates);
    const updated = await tx.query<{ id: number }>(up.text, up.values);
    const counts = { created: created.length, updated: updated.length, staged: staged.length, unchanged };
    const done = sql.updateJob(jobId, {
      status: 'committed',
      validation: { ...(job.validation as object), ...counts, publish_updates: publishUpdates },
    });
    await tx.query(done.text, done.values);
    const del = sql.deleteRowsSql(jobId);
    await tx.query(del.text, del.values);
    await audit(tx, {
      userId: staff.id,
      actor: staff.email,
      action: 'import.commit',
      targetType: 'import',
      targetId: jobId,
      ip,
      details: {
        file: job.file_name,
        ...counts,
        publish_updates: publishUpdates,
        plot_ids: [...created, ...updated, ...staged].map((r) => r.id).slice(0, 1000),
      },
    });
    return {
      ...counts,
      plot_ids: [...created, ...updated].map((r) => r.id),
      staged_plot_ids: staged.map((r) => r.id),
    };
  });
}

export async function discard(db: Db, jobId: string, staff: Staff, ip?: string) {
  const job = await getJob(db, jobId);
  if (job.status === 'committed')
    throw new HttpError(409, 'import_not_in_preview', 'A committed import cannot be discarded.', {
      value: job.status,
    });
  await db.query(`UPDATE import_jobs SET status = 'discarded' WHERE id = $1`, [jobId]);
  await db.query(sql.deleteRowsSql(jobId).text, [jobId]);
  await audit(db, {
    userId: staff.id,
    actor: staff.email,
    action: 'import.discard',
    targetType: 'import',
    targetId: jobId,
    ip,
  });
}
