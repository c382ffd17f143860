import fs from 'node:fs';
import { JsonTooDeep } from '../../http/json-body.ts';
import { epsgFromName } from '../crs.ts';
import { fileError, type RawGeometry, type Reader } from '../types.ts';
import { FeatureScanner } from './json-features.ts';

/**
 * GeoJSON: a FeatureCollection, a Feature or a bare geometry; RFC 7946 (CRS84) or an older file
 * with a `crs` member. Read as a stream: each member of the top-level `features` array is parsed
 * and handed on alone, so memory stays bounded by the largest feature, not the file. The other
 * top-level members (type, crs, or a whole Feature or geometry) are parsed once the file ends.
 */
export const readGeoJson: Reader = async (file, sink, opts) => {
  const scanner = new FeatureScanner();
  let bytes = 0;
  let count = 0;
  const bad = (detail: string) =>
    fileError('invalid_geojson', 'The file is not valid JSON.', detail.slice(0, 200));
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    opts.onBytes?.(bytes);
    let texts: string[];
    try {
      texts = scanner.push(buf);
    } catch (err) {
      if (err instanceof JsonTooDeep)
        throw fileError('json_too_deep', `The file nests deeper than ${err.limit} levels.`, err.depth, {
          depth: err.depth,
          limit: err.limit,
        });
      throw bad((err as Error).message);
    }
    for (const text of texts) {
      let f: { geometry?: RawGeometry | null; properties?: Record<string, unknown> | null };
      try {
        f = JSON.parse(text);
      } catch (err) {
        throw bad(`feature ${count + 1}: ${(err as Error).message}`);
      }
      count++;
      await sink({ attrs: f?.properties ?? {}, geometry: f?.geometry ?? null });
    }
  }
  let doc: {
    type?: string;
    features?: unknown[];
    crs?: { properties?: { name?: string } };
    geometry?: unknown;
    properties?: unknown;
  };
  try {
    doc = JSON.parse(scanner.end());
  } catch (err) {
    throw bad((err as Error).message);
  }
  if (!doc || typeof doc !== 'object')
    throw fileError('invalid_geojson', 'The file is not a GeoJSON object.', typeof doc);
  const crsName = doc.crs?.properties?.name;
  const declared = crsName
    ? { epsg: epsgFromName(crsName) ?? -1, name: crsName }
    : { epsg: 4326, name: 'RFC 7946 (CRS84)' };
  if (doc.type === 'FeatureCollection' && scanner.sawFeatures) return { format: 'geojson', declared };
  const single =
    doc.type === 'Feature'
      ? (doc as { geometry?: RawGeometry | null; properties?: Record<string, unknown> | null })
      : typeof doc.type === 'string' && 'coordinates' in doc
        ? { geometry: doc as RawGeometry, properties: {} }
        : null;
  if (!single || count)
    throw fileError(
      'invalid_geojson',
      'Expected a FeatureCollection, a Feature or a geometry.',
      doc.type ?? null,
    );
  await sink({ attrs: single.properties ?? {}, geometry: single.geometry ?? null });
  return { format: 'geojson', declared };
};
