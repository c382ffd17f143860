/**
 * Detection after reading: the coordinate system (the user's, the file's or inferred from the
 * coordinates), the preset and first mapping, and the summary the preview shows.
 */
import { decideCrs } from './crs.ts';
import { autoMapping, findPreset } from './mapping.ts';
import type { ReadFacts } from './read.ts';
import { withAreaAttribute } from './stated-area.ts';
import { fileError, type ParseOptions, type Settings } from './types.ts';

export function detect(facts: ReadFacts, opts: ParseOptions) {
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
  return { summary, settings };
}
