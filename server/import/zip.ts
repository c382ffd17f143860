import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { fileError, type ZipLimits } from './types.ts';

const DATA_EXT = [
  '.shp',
  '.shx',
  '.dbf',
  '.prj',
  '.cpg',
  '.gpkg',
  '.geojson',
  '.json',
  '.gml',
  '.xml',
  '.csv',
];

/**
 * Unpacks the data files of a zip into `dir` (flattened, names sanitised), refusing
 * zip_corrupt, zip_encrypted and zip_bomb (declared or actual sizes past the limits: the
 * bytes are counted while unpacking, so a lying header does not help). Returns the paths.
 */
export async function unzipData(file: string, dir: string, limits: ZipLimits): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(
        file,
        { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true },
        (err, z) => (err ? reject(err) : resolve(z!)),
      ),
    );
  } catch (err) {
    throw fileError('zip_corrupt', 'The zip file is damaged or not a zip file.', (err as Error).message);
  }
  const out: string[] = [];
  let total = 0;
  try {
    const entries: yauzl.Entry[] = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const list: yauzl.Entry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        list.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve(list));
      zip.on('error', reject);
      zip.readEntry();
    }).catch((err) => {
      throw fileError('zip_corrupt', 'The zip file is damaged.', (err as Error).message);
    });
    for (const e of entries) {
      if (e.fileName.endsWith('/') || e.fileName.startsWith('__MACOSX/')) continue;
      const ext = path.extname(e.fileName).toLowerCase();
      if (!DATA_EXT.includes(ext)) continue;
      if (e.isEncrypted())
        throw fileError(
          'zip_encrypted',
          'The zip file is password-protected; pack it again without a password.',
          e.fileName,
        );
      total += e.uncompressedSize;
      if (total > limits.maxUncompressedBytes)
        throw fileError('zip_bomb', 'The zip file unpacks to more than the allowed size.', e.fileName, {
          limit_bytes: limits.maxUncompressedBytes,
        });
      if (
        e.uncompressedSize > 1_000_000 &&
        e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio
      )
        throw fileError(
          'zip_bomb',
          'The zip file is compressed suspiciously well (a zip bomb?).',
          e.fileName,
          {
            ratio: Math.round(e.uncompressedSize / Math.max(1, e.compressedSize)),
          },
        );
      const target = path.join(dir, `${out.length}_${path.basename(e.fileName).replace(/[^\w.-]/g, '_')}`);
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s!))),
      ).catch((err) => {
        throw fileError('zip_corrupt', 'The zip file is damaged.', (err as Error).message);
      });
      let written = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          written += chunk.length;
          if (
            written > e.uncompressedSize + 1024 ||
            total - e.uncompressedSize + written > limits.maxUncompressedBytes
          )
            cb(fileError('zip_bomb', 'The zip file unpacks to more than it declares.', e.fileName));
          else cb(null, chunk);
        },
      });
      try {
        await pipeline(stream, counter, fs.createWriteStream(target));
      } catch (err) {
        if ((err as { code?: string }).code === 'zip_bomb') throw err;
        throw fileError('zip_corrupt', 'The zip file is damaged.', (err as Error).message);
      }
      out.push(target);
    }
  } finally {
    zip.close();
  }
  if (!out.length)
    throw fileError('zip_no_data', 'The zip file holds no Shapefile, GeoPackage, GeoJSON, GML or CSV.', null);
  return out;
}
