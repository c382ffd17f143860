import fs from 'node:fs/promises';
import { epsgFromName } from '../crs.ts';
import { fileError, type RawGeometry, type Reader } from '../types.ts';

/**
 * GeoJSON: a FeatureCollection, a Feature or a bare geometry; RFC 7946 (CRS84) or an older file
 * with a `crs` member. Read whole: JSON has no record boundaries a stream could cut at cheaply,
 * and the upload limit bounds the size.
 */
export const readGeoJson: Reader = async (file, sink, opts) => {
  let text = await fs.readFile(file, 'utf8');
  opts.onBytes?.(Buffer.byteLength(text));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: {
    type?: string;
    features?: unknown[];
    crs?: { properties?: { name?: string } };
    geometry?: unknown;
    properties?: unknown;
  };
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw fileError('invalid_geojson', 'The file is not valid JSON.', (err as Error).message.slice(0, 200));
  }
  text = '';
  if (!doc || typeof doc !== 'object')
    throw fileError('invalid_geojson', 'The file is not a GeoJSON object.', typeof doc);
  const crsName = doc.crs?.properties?.name;
  const declared = crsName
    ? { epsg: epsgFromName(crsName) ?? -1, name: crsName }
    : { epsg: 4326, name: 'RFC 7946 (CRS84)' };
  const features =
    doc.type === 'FeatureCollection' && Array.isArray(doc.features)
      ? doc.features
      : doc.type === 'Feature'
        ? [doc]
        : typeof doc.type === 'string' && 'coordinates' in doc
          ? [{ type: 'Feature', geometry: doc, properties: {} }]
          : null;
  if (!features)
    throw fileError(
      'invalid_geojson',
      'Expected a FeatureCollection, a Feature or a geometry.',
      doc.type ?? null,
    );
  for (const f of features as Array<{
    geometry?: RawGeometry | null;
    properties?: Record<string, unknown> | null;
  }>) {
    await sink({ attrs: f?.properties ?? {}, geometry: f?.geometry ?? null });
  }
  return { format: 'geojson', declared };
};
