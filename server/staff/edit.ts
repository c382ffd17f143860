/** Creating a plot, editing its fields and geometry, and restoring an earlier version. */
import { audit } from '../audit/log.ts';
import type { Db, Queryable } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import {
  assertMayTouch,
  assertUniquePropertyId,
  auditOf,
  expectedVersion,
  fieldError,
  lockedAt,
  noteChange,
  noteOf,
  type Actor,
} from './change.ts';
import { PLOT_FIELD_NAMES, validatePlotValues, type PlotValues } from './fields.ts';
import { getPlot, plotId } from './plot.ts';
import { checkGeometrySql, insertPlotSql, updatePlotSql, versionSql, type VersionRow } from './sql.ts';

interface GeometryInput {
  geojson: string;
  srid: number;
}

/** Reads `geometry` (GeoJSON Polygon/MultiPolygon) and `geometry_crs` (4326 default, 3879, 3067). */
async function readGeometry(db: Queryable, body: Record<string, unknown>): Promise<GeometryInput | null> {
  if (body.geometry === undefined) return null;
  const g = body.geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates))
    throw badRequest(
      'invalid_geometry',
      'The geometry must be a GeoJSON Polygon or MultiPolygon.',
      g?.type ?? g,
    );
  const crs = body.geometry_crs === undefined ? 4326 : Number(body.geometry_crs);
  if (![4326, 3879, 3067].includes(crs))
    throw badRequest('unsupported_crs', 'geometry_crs must be 4326, 3879 or 3067.', body.geometry_crs);
  const geojson = JSON.stringify({ type: g.type, coordinates: g.coordinates });
  let check: { valid: boolean; area_m2: number; inside: boolean } | undefined;
  try {
    const s = checkGeometrySql(geojson, crs);
    check = (await db.query<{ valid: boolean; area_m2: number; inside: boolean }>(s.text, s.values))[0];
  } catch (err) {
    throw badRequest('invalid_geometry', 'The geometry could not be read.', g.type, {
      cause: String((err as Error).message),
    });
  }
  if (!check || !(check.area_m2 > 1))
    throw badRequest('empty_geometry', 'The geometry has no area after repair.', g.type);
  if (!check.inside)
    throw badRequest(
      'outside_helsinki',
      'The plot is not inside Helsinki: check the coordinate system.',
      crs,
    );
  return { geojson, srid: crs };
}

/** Creates a draft plot; 400 invalid_plot / invalid_geometry, 409 duplicate_property_id. */
export async function createPlot(db: Db, body: Record<string, unknown>, a: Actor) {
  const { values, problems } = validatePlotValues(body, { requireAll: true });
  if (problems.some((p) => p.severity === 'error')) throw fieldError(problems);
  if (body.geometry === undefined)
    throw badRequest('geometry_required', 'Draw or give the plot geometry.', null);
  return db.transaction(async (tx) => {
    const geom = (await readGeometry(tx, body))!;
    await assertUniquePropertyId(tx, String(values.property_id));
    await noteChange(tx, noteOf(body, 'Created'));
    const s = insertPlotSql(values, geom.geojson, geom.srid, a.staff.email);
    const [row] = await tx.query<{ id: number; version: number }>(s.text, s.values);
    await audit(tx, auditOf(a, 'plot.create', row!.id, { property_id: values.property_id }));
    return getPlot(tx, String(row!.id));
  });
}

/** Edits fields and/or geometry; 409 stale_version when the plot moved on since `version`. */
export async function updatePlot(db: Db, rawId: string, body: Record<string, unknown>, a: Actor) {
  const id = plotId(rawId);
  const expected = expectedVersion(body);
  const input = Object.fromEntries(
    Object.entries(body).filter(([k]) => (PLOT_FIELD_NAMES as string[]).includes(k)),
  );
  const { values, problems } = validatePlotValues(input);
  if (problems.some((p) => p.severity === 'error')) throw fieldError(problems);
  return db.transaction(async (tx) => {
    const cur = await lockedAt(tx, id, expected);
    assertMayTouch(a, cur.status);
    const geom = await readGeometry(tx, body);
    if (!Object.keys(values).length && !geom)
      throw badRequest('nothing_to_change', 'The request changes nothing.', null);
    if (values.property_id) await assertUniquePropertyId(tx, String(values.property_id), id);
    await noteChange(tx, noteOf(body, 'Edited'));
    const s = updatePlotSql(id, expected, values, geom, a.staff.email);
    await tx.query(s.text, s.values);
    await audit(
      tx,
      auditOf(a, 'plot.update', id, {
        fields: Object.keys(values),
        geometry: !!geom,
        from_version: expected,
      }),
    );
    return getPlot(tx, String(id));
  });
}

/** Writes an earlier version's fields and geometry back as a new version (status unchanged). */
export async function restore(db: Db, rawId: string, body: Record<string, unknown>, a: Actor) {
  const id = plotId(rawId);
  const expected = expectedVersion(body);
  const target = Number(body.restore_version);
  if (!Number.isInteger(target) || target < 1)
    throw badRequest(
      'restore_version_required',
      'Say which version to restore.',
      body.restore_version ?? null,
    );
  return db.transaction(async (tx) => {
    const cur = await lockedAt(tx, id, expected);
    assertMayTouch(a, cur.status);
    const v = versionSql(id, target);
    const old = (await tx.query<VersionRow>(v.text, v.values))[0];
    if (!old)
      throw new HttpError(404, 'version_not_found', 'No such version of this plot.', { value: target });
    const values: PlotValues = {};
    for (const f of PLOT_FIELD_NAMES) values[f] = (old.data[f] ?? null) as PlotValues[typeof f];
    await noteChange(tx, noteOf(body, `Restored version ${target}`));
    const s = updatePlotSql(
      id,
      expected,
      values,
      { geojson: JSON.stringify(old.data.geom), srid: 3879 },
      a.staff.email,
    );
    await tx.query(s.text, s.values);
    await audit(tx, auditOf(a, 'plot.restore', id, { restored_version: target, from_version: expected }));
    return getPlot(tx, String(id));
  });
}
