import fs from 'node:fs';
import Database from 'better-sqlite3';
import wkx from 'wkx';
import { fileError, type RawGeometry, type ReadMeta, type ReadOptions, type Sink } from '../types.ts';

/**
 * A GeoPackage (SQLite): the first feature table in gpkg_contents, or `layer` when given.
 * Opened read-only where it lies and stepped one row at a time: memory stays bounded by
 * SQLite's page cache, whatever the size of the file.
 */
export async function readGeoPackage(
  file: string,
  sink: Sink,
  opts: ReadOptions & { layer?: string },
): Promise<ReadMeta> {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') !== 'SQLite format 3\u0000')
    throw fileError('invalid_geopackage', 'The file is not a GeoPackage (SQLite) database.', null);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw fileError('invalid_geopackage', 'The GeoPackage could not be opened.', (err as Error).message);
  }
  try {
    let tables: Array<{ table: string; column: string; srs: number; org: string; code: number }>;
    try {
      const rows = db
        .prepare(
          `SELECT c.table_name, g.column_name, g.srs_id, s.organization, s.organization_coordsys_id
        FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
        LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
        WHERE c.data_type = 'features' ORDER BY c.table_name`,
        )
        .raw()
        .all() as unknown[][];
      tables = rows.map((v) => ({
        table: String(v[0]),
        column: String(v[1]),
        srs: Number(v[2]),
        org: String(v[3] ?? ''),
        code: Number(v[4]),
      }));
    } catch (err) {
      throw fileError(
        'invalid_geopackage',
        'The database has no GeoPackage feature tables.',
        (err as Error).message,
      );
    }
    const t = opts.layer ? tables.find((x) => x.table === opts.layer) : tables[0];
    if (!t)
      throw fileError('zip_no_data', 'The GeoPackage holds no feature table.', opts.layer ?? null, {
        layers: tables.map((x) => x.table),
      });
    const stmt = db.prepare(`SELECT * FROM "${t.table.replace(/"/g, '""')}"`);
    let rows;
    try {
      rows = stmt.iterate() as IterableIterator<Record<string, unknown>>;
    } catch (err) {
      throw fileError('invalid_geopackage', 'The GeoPackage could not be read.', (err as Error).message);
    }
    for (const row of rows) {
      const blob = row[t.column];
      delete row[t.column];
      await sink({ attrs: row, geometry: blob instanceof Uint8Array ? gpkgGeometry(blob) : null });
    }
    opts.onBytes?.(fs.statSync(file).size);
    const epsg = t.org.toUpperCase() === 'EPSG' ? t.code : t.srs > 0 ? -1 : undefined;
    return {
      format: 'geopackage',
      layer: t.table,
      declared: { epsg, name: `${t.org}:${t.code}` },
      notes: tables.length > 1 ? [`layers: ${tables.map((x) => x.table).join(', ')}`] : [],
    };
  } finally {
    db.close();
  }
}

/** GeoPackage binary geometry: 'GP' header with an optional envelope, then WKB. */
function gpkgGeometry(b: Uint8Array): RawGeometry | null {
  if (b[0] !== 0x47 || b[1] !== 0x50) return { type: 'Invalid' };
  const flags = b[3]!;
  if (flags & 0x10) return null; // empty geometry
  const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0x07] ?? 0;
  try {
    return wkx.Geometry.parse(
      Buffer.from(b.buffer, b.byteOffset + 8 + envelope, b.length - 8 - envelope),
    ).toGeoJSON() as RawGeometry;
  } catch {
    return { type: 'Invalid' };
  }
}
