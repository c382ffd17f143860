import fs from 'node:fs';
import path from 'node:path';
import * as shapefile from 'shapefile';
import { epsgFromPrj } from '../crs.ts';
import { fileError, type RawGeometry, type ReadMeta, type Sink, type ReadOptions } from '../types.ts';

/**
 * A Shapefile from its unpacked parts: .shp (required), .dbf (attributes), .prj (CRS), .cpg
 * (attribute encoding; Windows-1252 when absent, as ArcGIS writes). Read record by record.
 */
export async function readShapefile(files: string[], sink: Sink, opts: ReadOptions): Promise<ReadMeta> {
  const shp = files.find((f) => f.toLowerCase().endsWith('.shp'));
  if (!shp)
    throw fileError(
      'shapefile_incomplete',
      'The zip has no .shp file.',
      files.map((f) => path.basename(f)),
    );
  const base = shp.slice(0, -4).replace(/^(.*\/)\d+_/, '$1');
  const sibling = (ext: string) =>
    files.find(
      (f) =>
        f.toLowerCase().endsWith(ext) &&
        f
          .slice(0, -ext.length)
          .replace(/^(.*\/)\d+_/, '$1')
          .toLowerCase() === base.toLowerCase(),
    );
  const dbf = sibling('.dbf');
  if (!dbf)
    throw fileError(
      'shapefile_incomplete',
      'The Shapefile has no .dbf file (its attributes).',
      path.basename(shp),
    );
  const prj = sibling('.prj');
  const cpg = sibling('.cpg');
  const cpgText = cpg ? fs.readFileSync(cpg, 'utf8').trim().toLowerCase() : undefined;
  const encoding =
    opts.encoding ??
    (cpgText
      ? /utf-?8/.test(cpgText)
        ? 'utf-8'
        : cpgText.replace(/^(cp|ansi )?(\d+)$/, 'windows-$2')
      : 'windows-1252');
  let declared: ReadMeta['declared'] = {};
  if (prj) {
    const wkt = fs.readFileSync(prj, 'utf8');
    declared = { epsg: epsgFromPrj(wkt) ?? -1, name: wkt.slice(0, 120) };
  }
  let source: Awaited<ReturnType<typeof shapefile.open>>;
  try {
    source = await shapefile.open(shp, dbf, { encoding });
  } catch (err) {
    throw fileError('invalid_shapefile', 'The Shapefile could not be read.', (err as Error).message);
  }
  for (;;) {
    let r: { done: boolean; value: { geometry: RawGeometry | null; properties: Record<string, unknown> } };
    try {
      r = (await source.read()) as typeof r;
    } catch (err) {
      throw fileError('invalid_shapefile', 'The Shapefile is damaged.', (err as Error).message);
    }
    if (r.done) break;
    await sink({ attrs: r.value.properties ?? {}, geometry: r.value.geometry ?? null });
  }
  return { format: 'shapefile', layer: path.basename(base), declared, encoding };
}
