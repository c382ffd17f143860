import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface OgrLayer {
  featureCount: number;
  geometry: string;
  /** [minX, minY, maxX, maxY] as GDAL reports it (x = easting or longitude). */
  extent: [number, number, number, number] | undefined;
  /** Field name -> GDAL type (Integer, Integer64, Real, String, Date, ...). */
  fields: Record<string, string>;
  /** The layer's CRS as GDAL reads it (WKT), '' when none. */
  srs: string;
  text: string;
}

/**
 * Reads a file with GDAL's ogrinfo, a real GIS reader independent of the writers. Throws with
 * the fix when ogrinfo is not installed (the tests must fail then, not pass silently).
 */
export function ogrinfo(file: string, layer?: string, extraArgs: string[] = []): OgrLayer {
  let text: string;
  try {
    text = execFileSync('ogrinfo', ['-ro', '-so', '-al', ...extraArgs, file, ...(layer ? [layer] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(
        'ogrinfo (GDAL) is not installed: apt-get install gdal-bin. The export tests read every file with it.',
      );
    throw new Error(`ogrinfo could not read ${path.basename(file)}: ${e.stderr ?? e.message}`);
  }
  const count = /Feature Count: (\d+)/.exec(text);
  const geom = /Geometry: (.+)/.exec(text);
  const ext = /Extent: \(([-\d.e+]+), ([-\d.e+]+)\) - \(([-\d.e+]+), ([-\d.e+]+)\)/.exec(text);
  const fields: Record<string, string> = {};
  // Field lines follow the layer header: "name: Type (width.precision)".
  const fieldLine =
    /^(.+?): (Integer64|Integer|Real|String|Date|DateTime|Time|Binary)(?:\((\w+)\))? \(\d+\.\d+\)$/gm;
  for (const m of text.matchAll(fieldLine)) fields[m[1]!] = m[3] ? `${m[2]}(${m[3]})` : m[2]!;
  const srs = /Layer SRS WKT:\n([\s\S]*?)\n(?:Data axis|FID Column|Geometry Column)/.exec(text)?.[1] ?? '';
  return {
    featureCount: count ? Number(count[1]) : NaN,
    geometry: geom?.[1]?.trim() ?? '',
    extent: ext ? [Number(ext[1]), Number(ext[2]), Number(ext[3]), Number(ext[4])] : undefined,
    fields,
    srs,
    text,
  };
}

/** Writes bytes to a fresh temporary file with `ext` and returns its path. */
export function tempFile(bytes: Uint8Array, ext: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-export-test-'));
  const file = path.join(dir, `export.${ext}`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Helsinki's coordinate ranges in each CRS (x = easting/longitude), with a little slack. */
export const HELSINKI_RANGE: Record<string, { x: [number, number]; y: [number, number] }> = {
  'EPSG:3879': { x: [25_490_000, 25_512_000], y: [6_670_000, 6_690_000] },
  'EPSG:3067': { x: [370_000, 405_000], y: [6_670_000, 6_690_000] },
  'EPSG:4326': { x: [24.8, 25.3], y: [60.1, 60.3] },
  CRS84: { x: [24.8, 25.3], y: [60.1, 60.3] },
};
