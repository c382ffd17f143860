import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { header } from '../columns.ts';
import { noticeText, TEXT } from '../i18n.ts';
import { SRID } from '../params.ts';
import type { ExportContext, FormatWriter, Sink } from './types.ts';

const TABLE = 'plots';

/**
 * OGC GeoPackage 1.3 (an SQLite file). SQLite cannot write to a stream, so the file is built in
 * the temporary folder a batch at a time, then streamed and deleted; memory holds one batch.
 * The layer description (gpkg_contents), the metadata extension (gpkg_metadata) and the schema
 * extension (gpkg_data_columns: each field's title with its unit in the user's language) carry
 * the demo note and the licences. Geometries are GeoPackage binary with their envelope, and an
 * R-tree spatial index is built at the end (QGIS and GDAL use it).
 */
export const gpkgWriter: FormatWriter = {
  contentType: 'application/geopackage+sqlite3',
  extension: 'gpkg',
  geometry: () => 'wkb',
  async write(rows, sink, ctx) {
    const file = path.join(os.tmpdir(), `tonttiluukku-export-${crypto.randomUUID()}.gpkg`);
    try {
      const db = new Database(file);
      try {
        createSchema(db, ctx);
        const cols = ctx.req.columns;
        const insert = db.prepare(
          `INSERT INTO ${TABLE} (fid, geom, ${cols.map((c) => `"${c.key}"`).join(', ')}) VALUES (?, ?${', ?'.repeat(cols.length)})`,
        );
        const insertIndex = db.prepare(`INSERT INTO rtree_${TABLE}_geom VALUES (?, ?, ?, ?, ?)`);
        const srid = SRID[ctx.req.crs];
        const insertBatch = db.transaction((batch: Record<string, unknown>[]) => {
          for (const r of batch) {
            const fid = Number(r.row_id);
            const env = [Number(r.minx), Number(r.maxx), Number(r.miny), Number(r.maxy)] as const;
            insert.run(
              fid,
              gpkgGeometry(srid, env, r.geom_wkb as Uint8Array),
              ...cols.map((c) => sqliteValue(r[c.key])),
            );
            insertIndex.run(fid, ...env);
          }
        });
        for await (const batch of rows) {
          insertBatch(batch);
          sink.signal.throwIfAborted();
        }
        createRtreeTriggers(db);
        // The layer's extent, which readers show without scanning.
        db.exec(`UPDATE gpkg_contents SET (min_x, min_y, max_x, max_y) =
          (SELECT min(minx), min(miny), max(maxx), max(maxy) FROM rtree_${TABLE}_geom) WHERE table_name = '${TABLE}'`);
      } finally {
        db.close();
      }
      await streamFile(file, sink);
    } finally {
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}-journal`, { force: true });
    }
  },
};

function sqliteValue(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v ?? null;
}

const SQL_TYPE: Record<string, string> = {
  integer: 'MEDIUMINT', // 32-bit; INTEGER would read as a 64-bit field in GIS tools
  real: 'DOUBLE',
  text: 'TEXT',
  date: 'DATE',
  boolean: 'BOOLEAN',
};

function createSchema(db: Database.Database, ctx: ExportContext): void {
  const { req } = ctx;
  const lang = req.lang;
  const srid = SRID[req.crs];
  // GeoPackage's application id ('GPKG') and version 1.3.0; no journal: the file is ours alone.
  db.pragma('application_id = 0x47504B47');
  db.pragma('user_version = 10300');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
    CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
      scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
    CREATE TABLE gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, md_scope TEXT NOT NULL DEFAULT 'dataset',
      md_standard_uri TEXT NOT NULL, mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '');
    CREATE TABLE gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT, row_id_value INTEGER,
      timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, md_parent_id INTEGER,
      CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id));
    CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT,
      mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name));
  `);
  const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
  srs.run(
    'Undefined cartesian SRS',
    -1,
    'NONE',
    -1,
    'undefined',
    'undefined cartesian coordinate reference system',
  );
  srs.run(
    'Undefined geographic SRS',
    0,
    'NONE',
    0,
    'undefined',
    'undefined geographic coordinate reference system',
  );
  srs.run(
    'WGS 84 geodetic',
    4326,
    'EPSG',
    4326,
    WGS84_WKT,
    'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
  );
  if (srid !== 4326) {
    if (!ctx.srs) throw new Error(`CRS definition for EPSG:${srid} missing`);
    srs.run(
      req.crs === 'EPSG:3879' ? 'ETRS89 / GK25FIN' : 'ETRS89 / TM35FIN(E,N)',
      srid,
      'EPSG',
      srid,
      ctx.srs.wkt,
      req.crs,
    );
  }
  const columns = req.columns.map((c) => `"${c.key}" ${SQL_TYPE[c.type]}`).join(', ');
  db.exec(
    `CREATE TABLE ${TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, ${columns})`,
  );
  db.prepare(
    'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)',
  ).run(TABLE, 'features', TEXT.title[lang], noticeText(lang, ctx.demo), srid);
  db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(
    TABLE,
    'geom',
    'MULTIPOLYGON',
    srid,
  );
  const dc = db.prepare(
    'INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES (?, ?, ?, ?, ?)',
  );
  for (const c of req.columns) dc.run(TABLE, c.key, c.key, header(c, lang), c.unit ?? null);
  for (const [name, def, column] of [
    ['gpkg_metadata', 'http://www.geopackage.org/spec/#extension_metadata', null],
    ['gpkg_schema', 'http://www.geopackage.org/spec/#extension_schema', null],
    ['gpkg_rtree_index', 'http://www.geopackage.org/spec/#extension_rtree', 'geom'],
  ] as const) {
    const table =
      name === 'gpkg_rtree_index' ? TABLE : name === 'gpkg_schema' ? 'gpkg_data_columns' : 'gpkg_metadata';
    const scope = name === 'gpkg_rtree_index' ? 'write-only' : 'read-write';
    db.prepare('INSERT INTO gpkg_extensions VALUES (?, ?, ?, ?, ?)').run(table, column, name, def, scope);
    if (name === 'gpkg_metadata')
      db.prepare('INSERT INTO gpkg_extensions VALUES (?, ?, ?, ?, ?)').run(
        'gpkg_metadata_reference',
        null,
        name,
        def,
        scope,
      );
  }
  const meta = [
    noticeText(lang, ctx.demo),
    `${TEXT.crs[lang]}: ${req.crs}`,
    `${TEXT.generated[lang]}: ${ctx.generatedAt.toISOString()}`,
    `${TEXT.filter[lang]}: ${ctx.filterText || TEXT.noFilter[lang]}`,
    `${TEXT.count[lang]}: ${ctx.count}`,
  ].join('\n');
  const id = db
    .prepare(
      "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) VALUES ('dataset', 'http://www.isotc211.org/2005/gmd', 'text/plain', ?)",
    )
    .run(meta).lastInsertRowid;
  db.prepare(
    "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) VALUES ('table', ?, ?)",
  ).run(TABLE, id);
  // The R-tree is filled alongside the rows (see createRtreeTriggers for edits made later).
  db.exec(`CREATE VIRTUAL TABLE rtree_${TABLE}_geom USING rtree(id, minx, maxx, miny, maxy)`);
}

/**
 * The R-tree triggers of GeoPackage 1.3 (requirements 75-80), created after the rows are in:
 * they call ST_* functions that only GeoPackage readers (GDAL, QGIS) provide, and keep the index
 * right when the file is edited there.
 */
function createRtreeTriggers(db: Database.Database): void {
  const t = TABLE;
  const r = `rtree_${t}_geom`;
  const ins = `INSERT OR REPLACE INTO ${r} VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom))`;
  db.exec(`
    CREATE TRIGGER ${r}_insert AFTER INSERT ON ${t} WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
      BEGIN ${ins}; END;
    CREATE TRIGGER ${r}_update1 AFTER UPDATE OF geom ON ${t}
      WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN ${ins}; END;
    CREATE TRIGGER ${r}_update2 AFTER UPDATE OF geom ON ${t}
      WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM ${r} WHERE id = OLD.fid; END;
    CREATE TRIGGER ${r}_update3 AFTER UPDATE ON ${t}
      WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
      BEGIN DELETE FROM ${r} WHERE id = OLD.fid; ${ins}; END;
    CREATE TRIGGER ${r}_update4 AFTER UPDATE ON ${t}
      WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
      BEGIN DELETE FROM ${r} WHERE id IN (OLD.fid, NEW.fid); END;
    CREATE TRIGGER ${r}_delete AFTER DELETE ON ${t} WHEN old.geom NOT NULL
      BEGIN DELETE FROM ${r} WHERE id = OLD.fid; END;
  `);
}

/** GeoPackage binary: 'GP', version 0, flags (little-endian, xy envelope), srs id, envelope, WKB. */
export function gpkgGeometry(
  srid: number,
  env: readonly [number, number, number, number],
  wkb: Uint8Array,
): Buffer {
  const head = Buffer.alloc(8 + 32);
  head.write('GP', 0, 'ascii');
  head.writeUInt8(0, 2);
  head.writeUInt8(0b0000_0011, 3);
  head.writeInt32LE(srid, 4);
  head.writeDoubleLE(env[0], 8);
  head.writeDoubleLE(env[1], 16);
  head.writeDoubleLE(env[2], 24);
  head.writeDoubleLE(env[3], 32);
  return Buffer.concat([head, wkb]);
}

async function streamFile(file: string, sink: Sink): Promise<void> {
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) await sink.write(chunk as Buffer);
  } finally {
    stream.destroy();
  }
}

// GeoPackage's required definition of EPSG:4326 (OGC 12-128r18, table 21).
const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';
