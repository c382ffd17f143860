/** Configuring a job in preview: CRS, axis order, preset, mapping and defaults. */
import { audit } from '../audit/log.ts';
import type { Staff } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { badRequest } from '../http/errors.ts';
import { PLOT_FIELD_NAMES, validatePlotValues } from '../staff/fields.ts';
import { SUPPORTED_CRS, type Epsg } from './crs.ts';
import { getJob, previewJob } from './job.ts';
import { autoMapping, checkMapping, PRESETS, type Mapping } from './mapping.ts';
import { takeAreaAttribute, withAreaAttribute } from './stated-area.ts';
import type { Settings } from './types.ts';
import { validate } from './validate.ts';

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
