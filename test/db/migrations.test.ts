import { describe, expect, it } from 'vitest';
import { checksumOf, migrate, readMigrations } from '../../server/db/migrate.ts';
import { useTestDb } from '../helpers/fixture.ts';

const app = useTestDb();

describe('migrations', () => {
  it('records every migration file once', async () => {
    const rows = await app.db.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
  });

  it('applying again changes nothing', async () => {
    expect(await migrate(app.db)).toEqual([]);
  });

  it('refuses to start when an applied migration file was changed, naming it, and applies nothing after it', async () => {
    const files = readMigrations();
    const edited = files.map((m) =>
      m.version.startsWith('003_') ? { ...m, sql: `${m.sql}\nCREATE TABLE sneaked_in (id int);` } : m,
    );
    const later = { version: '998_after_edit', sql: 'CREATE TABLE after_edit (id int);' };
    await expect(migrate(app.db, [...edited, later])).rejects.toThrow(
      /Migration 003_\w+ was changed after it was applied/,
    );
    const t = await app.db.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name IN ('sneaked_in', 'after_edit')`,
    );
    expect(t).toHaveLength(0);
    // Line endings converted by a checkout are not a change.
    const crlf = files.map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') }));
    expect(await migrate(app.db, crlf)).toEqual([]);
  });

  it('records the checksum of a migration applied before checksums were kept', async () => {
    const first = readMigrations()[0]!;
    await app.db.query('UPDATE schema_migrations SET checksum = NULL WHERE version = $1', [first.version]);
    expect(await migrate(app.db)).toEqual([]);
    const [row] = await app.db.query<{ checksum: string }>(
      'SELECT checksum FROM schema_migrations WHERE version = $1',
      [first.version],
    );
    expect(row!.checksum).toBe(checksumOf(first.sql));
  });

  it('a failing migration leaves no table and no record behind', async () => {
    const bad = [
      { version: '999_broken', sql: 'CREATE TABLE half_applied (id int); SELECT no_such_function();' },
    ];
    await expect(migrate(app.db, bad)).rejects.toThrow(/Migration 999_broken failed/);
    const t = await app.db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_applied'`);
    const m = await app.db.query(`SELECT 1 FROM schema_migrations WHERE version = '999_broken'`);
    expect(t).toHaveLength(0);
    expect(m).toHaveLength(0);
  });

  it('detects the capabilities of the engine in use', () => {
    // PGlite's PostGIS is built without protobuf-c; PostgreSQL's Debian PostGIS has ST_AsMVT.
    expect(app.db.capabilities.mvt).toBe(app.db.kind === 'postgres');
    expect(app.db.capabilities.postgisVersion).toMatch(/^3\./);
  });
});

describe('plots schema', () => {
  it('refuses a malformed property identifier and a public-area block', async () => {
    const insert = (pid: string) =>
      app.db.query(
        `INSERT INTO plots (property_id, use_code, geom) VALUES ($1, 'T',
          ST_Multi(ST_MakeEnvelope(25500000, 6680000, 25500050, 6680050, 3879)))`,
        [pid],
      );
    await expect(insert('91-45-12-3')).rejects.toThrow();
    await expect(insert('091-045-9901-0001')).rejects.toThrow();
  });

  it('computes area, efficiency, block/plot form, location and keeps the 3857 copy', async () => {
    const [row] = await app.db.query<Record<string, unknown>>(
      `INSERT INTO plots (property_id, use_code, building_right_kem2, geom)
       SELECT '091-045-0912-0003', 'T', 1500, ST_Multi(ST_Translate(ST_MakeEnvelope(0, 0, 50, 60, 3879), x, y))
       FROM (SELECT ST_X(p) - 25 AS x, ST_Y(p) - 30 AS y FROM (SELECT ST_PointOnSurface(geom) p FROM sub_districts WHERE number = 456) s) t
       RETURNING area_m2, efficiency, block_plot, sub_district_number, use_class, ST_SRID(geom_3857) AS srid, version, status`,
    );
    expect(row).toMatchObject({
      area_m2: 3000,
      efficiency: 0.5,
      block_plot: '45912/3',
      sub_district_number: 456,
      use_class: 'industrial',
      srid: 3857,
      version: 1,
      status: 'draft',
    });
  });

  it('keeps a version row for every change, with who changed it', async () => {
    const [p] = await app.db.query<{ id: number }>(
      `SELECT id FROM plots WHERE property_id = '091-045-0912-0003'`,
    );
    await app.db.query(
      `UPDATE plots SET availability = 'reserved', updated_by = 'editor@example.org' WHERE id = $1`,
      [p!.id],
    );
    const versions = await app.db.query<{ version: number; changed_by: string; availability: string }>(
      `SELECT version, changed_by, data->>'availability' AS availability FROM plot_versions WHERE plot_id = $1 ORDER BY version`,
      [p!.id],
    );
    expect(versions).toEqual([
      { version: 1, changed_by: 'system', availability: 'available' },
      { version: 2, changed_by: 'editor@example.org', availability: 'reserved' },
    ]);
  });

  it('bumps the data version once per statement', async () => {
    const read = async () =>
      (await app.db.query<{ version: number }>(`SELECT version FROM data_versions WHERE name = 'plots'`))[0]!
        .version;
    const before = await read();
    await app.db.query(`UPDATE plots SET notes = 'x' WHERE sub_district_number = 456`);
    expect(await read()).toBe(before + 1);
  });
});
