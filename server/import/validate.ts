/**
 * Validation: applies the job's CRS and mapping to every row, matches rows to existing plots,
 * and stores each row's problems and action and the job's summary. Runs again after every change.
 */
import type { Db } from '../db/index.ts';
import { validatePlotValues } from '../staff/fields.ts';
import { unmappedColumns } from './mapping.ts';
import { markUnchangedSql } from './reimport.ts';
import { assessRepairsSql } from './repairs.ts';
import * as sql from './sql.ts';
import { NOT_NULL_DEFAULTS } from './sql.ts';
import { areaAttribute, statedAreaSql } from './stated-area.ts';
import type { Settings } from './types.ts';

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
