import { audit } from '../audit/log.ts';
import { can, type Staff } from '../auth/guard.ts';
import type { Db, Queryable } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { diffVersions, type Change } from './diff.ts';
import { PLOT_FIELD_NAMES, validatePlotValues, type PlotValues } from './fields.ts';
import { pendingDraft } from './pending.ts';
import { lineageSql } from './reshape-sql.ts';
import { assertOpenApplicationsConfirmed } from './open-applications.ts';
import {
  checkGeometrySql,
  historySql,
  insertPlotSql,
  plotStateSql,
  plotStatesSql,
  publishDueSql,
  anyDueSql,
  setChangeNote,
  staffPlotSql,
  updatePlotSql,
  versionSql,
  type Status,
  type VersionRow,
} from './sql.ts';

export interface Actor {
  staff: Staff;
  ip?: string;
}

export const noPlot = (id: unknown) => new HttpError(404, 'plot_not_found', 'No such plot.', { value: id });

export function plotId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw noPlot(raw);
  return Number(raw);
}

/** The full staff view of one plot; 404 plot_not_found. */
export async function getPlot(db: Queryable, rawId: string): Promise<Record<string, unknown>> {
  const s = staffPlotSql(plotId(rawId));
  const row = (await db.query(s.text, s.values))[0];
  if (!row) throw noPlot(rawId);
  // Split and merge: the plots this one replaced and those that replaced it.
  const l = lineageSql(Number(rawId));
  const lineage = await db.query<{ dir: string; kind: string; id: number; property_id: string }>(
    l.text,
    l.values,
  );
  const pick = (dir: string) => lineage.filter((x) => x.dir === dir).map(({ dir: _d, ...x }) => x);
  const pending = await pendingDraft(db, Number(rawId), row);
  return { ...row, replaces: pick('replaces'), replaced_by: pick('replaced_by'), pending_draft: pending };
}

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

export function fieldError(problems: ReturnType<typeof validatePlotValues>['problems']): HttpError {
  const first = problems.find((p) => p.severity === 'error')!;
  return badRequest('invalid_plot', `Invalid value for ${first.field}.`, first.value, {
    field: first.field,
    problems: problems.filter((p) => p.severity === 'error'),
  });
}

export const noteOf = (body: Record<string, unknown>, fallback: string) =>
  typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 500) : fallback;

/** Creates a draft plot; 400 invalid_plot / invalid_geometry, 409 duplicate_property_id. */
export async function createPlot(db: Db, body: Record<string, unknown>, a: Actor) {
  const { values, problems } = validatePlotValues(body, { requireAll: true });
  if (problems.some((p) => p.severity === 'error')) throw fieldError(problems);
  if (body.geometry === undefined)
    throw badRequest('geometry_required', 'Draw or give the plot geometry.', null);
  return db.transaction(async (tx) => {
    const geom = (await readGeometry(tx, body))!;
    const dup = await tx.query(`SELECT id::int FROM plots WHERE property_id = $1`, [values.property_id]);
    if (dup.length)
      throw new HttpError(409, 'duplicate_property_id', 'A plot with this property identifier exists.', {
        value: values.property_id,
        plot_id: (dup[0] as { id: number }).id,
      });
    const n = setChangeNote(noteOf(body, 'Created'));
    await tx.query(n.text, n.values);
    const s = insertPlotSql(values, geom.geojson, geom.srid, a.staff.email);
    const [row] = await tx.query<{ id: number; version: number }>(s.text, s.values);
    await audit(tx, auditOf(a, 'plot.create', row!.id, { property_id: values.property_id }));
    return getPlot(tx, String(row!.id));
  });
}

export const auditOf = (
  a: Actor,
  action: string,
  id: number | string,
  details: Record<string, unknown> = {},
) => ({
  userId: a.staff.id,
  actor: a.staff.email,
  action,
  targetType: 'plot',
  targetId: id,
  ip: a.ip,
  details,
});

/**
 * The 409 for an edit made on an old version: the current version and what changed since the
 * version the editor started from.
 */
export async function staleError(tx: Queryable, id: number, expected: number): Promise<HttpError> {
  const st = plotStateSql(id);
  const cur = (await tx.query<{ version: number }>(st.text, st.values))[0];
  if (!cur) return noPlot(id);
  const h = historySql(id);
  const versions = await tx.query<VersionRow>(h.text, h.values);
  const from = versions.find((v) => v.version === expected);
  const to = versions[versions.length - 1];
  const changes: Change[] = from && to ? diffVersions(from.data, to.data) : [];
  const by = versions
    .filter((v) => v.version > expected)
    .map((v) => ({ version: v.version, changed_by: v.changed_by, changed_at: v.changed_at }));
  return new HttpError(
    409,
    'stale_version',
    'Someone changed this plot meanwhile: review their changes and try again.',
    {
      value: expected,
      current_version: cur.version,
      changes,
      changed_by: by,
    },
  );
}

export function expectedVersion(body: Record<string, unknown>): number {
  const v = Number(body.version);
  if (!Number.isInteger(v) || v < 1)
    throw badRequest(
      'version_required',
      'Send the version you edited (for conflict detection).',
      body.version ?? null,
    );
  return v;
}

export async function lockedState(tx: Queryable, id: number) {
  const [row] = await tx.query<{ id: number; version: number; status: Status }>(
    `SELECT id::int, version, status FROM plots WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw noPlot(id);
  return row;
}

/** Only publishers and admins change what the public sees. */
export function assertMayTouch(a: Actor, status: Status) {
  if (status === 'published' && !can(a.staff.role, 'plots.publish'))
    throw new HttpError(403, 'published_edit_forbidden', 'Only a publisher can change a published plot.', {
      value: status,
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
    const cur = await lockedState(tx, id);
    if (cur.version !== expected) throw await staleError(tx, id, expected);
    assertMayTouch(a, cur.status);
    const geom = await readGeometry(tx, body);
    if (!Object.keys(values).length && !geom)
      throw badRequest('nothing_to_change', 'The request changes nothing.', null);
    if (values.property_id) {
      const dup = await tx.query(`SELECT 1 FROM plots WHERE property_id = $1 AND id <> $2`, [
        values.property_id,
        id,
      ]);
      if (dup.length)
        throw new HttpError(409, 'duplicate_property_id', 'A plot with this property identifier exists.', {
          value: values.property_id,
        });
    }
    const n = setChangeNote(noteOf(body, 'Edited'));
    await tx.query(n.text, n.values);
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

export type Transition = 'publish' | 'withdraw' | 'draft' | 'schedule';

const ALLOWED: Record<Transition, Status[]> = {
  publish: ['draft', 'withdrawn'],
  withdraw: ['published'],
  draft: ['withdrawn', 'published'],
  schedule: ['draft', 'withdrawn'],
};

/**
 * Moves a plot through the workflow. `schedule` with publish_at keeps it a draft that the
 * scheduler publishes at that time (publish_at null cancels). 409 invalid_transition when the
 * plot's status does not allow the step, 409 stale_version on an old version, 409
 * open_applications when a published plot named by open applications is taken off the map
 * without `confirm_open_applications: true`.
 */
export async function transition(
  db: Db,
  rawId: string,
  t: Transition,
  body: Record<string, unknown>,
  a: Actor,
) {
  const id = plotId(rawId);
  const expected = expectedVersion(body);
  let publishAt: string | null | undefined;
  if (t === 'schedule') {
    if (body.publish_at === null) publishAt = null;
    else if (typeof body.publish_at !== 'string' || Number.isNaN(Date.parse(body.publish_at)))
      throw badRequest(
        'invalid_publish_at',
        'publish_at must be a date and time (ISO 8601).',
        body.publish_at ?? null,
      );
    else if (Date.parse(body.publish_at) <= Date.now())
      throw badRequest('publish_at_in_past', 'The publication time must be in the future.', body.publish_at);
    else publishAt = new Date(body.publish_at).toISOString();
  }
  return db.transaction(async (tx) => {
    const cur = await lockedState(tx, id);
    if (cur.version !== expected) throw await staleError(tx, id, expected);
    if (!ALLOWED[t].includes(cur.status))
      throw new HttpError(409, 'invalid_transition', `A ${cur.status} plot cannot be moved by "${t}".`, {
        value: cur.status,
        transition: t,
      });
    if (cur.status === 'published' && (t === 'withdraw' || t === 'draft'))
      await assertOpenApplicationsConfirmed(tx, [id], body);
    const status: Status | undefined =
      t === 'publish' ? 'published' : t === 'withdraw' ? 'withdrawn' : t === 'draft' ? 'draft' : 'draft';
    const n = setChangeNote(
      noteOf(
        body,
        {
          publish: 'Published',
          withdraw: 'Withdrawn',
          draft: 'Back to draft',
          schedule: publishAt ? `Scheduled for ${publishAt}` : 'Schedule cancelled',
        }[t],
      ),
    );
    await tx.query(n.text, n.values);
    const s = updatePlotSql(id, expected, {}, null, a.staff.email, {
      status,
      publishAt: t === 'schedule' ? publishAt : t === 'publish' ? null : undefined,
    });
    await tx.query(s.text, s.values);
    await audit(tx, auditOf(a, `plot.${t}`, id, { from: cur.status, to: status, publish_at: publishAt }));
    return getPlot(tx, String(id));
  });
}

/** Every version, oldest first, each with its changes against the one before. */
export async function history(db: Queryable, rawId: string) {
  const id = plotId(rawId);
  const h = historySql(id);
  const rows = await db.query<VersionRow>(h.text, h.values);
  if (!rows.length) throw noPlot(rawId);
  return rows.map((v, i) => ({
    version: v.version,
    status: v.status,
    changed_at: v.changed_at,
    changed_by: v.changed_by,
    change_note: v.change_note,
    changes: i === 0 ? [] : diffVersions(rows[i - 1]!.data, v.data),
  }));
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
    const cur = await lockedState(tx, id);
    if (cur.version !== expected) throw await staleError(tx, id, expected);
    assertMayTouch(a, cur.status);
    const v = versionSql(id, target);
    const old = (await tx.query<VersionRow>(v.text, v.values))[0];
    if (!old)
      throw new HttpError(404, 'version_not_found', 'No such version of this plot.', { value: target });
    const values: PlotValues = {};
    for (const f of PLOT_FIELD_NAMES) values[f] = (old.data[f] ?? null) as PlotValues[typeof f];
    const n = setChangeNote(noteOf(body, `Restored version ${target}`));
    await tx.query(n.text, n.values);
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

/**
 * Applies one change to many plots in one transaction: field values (e.g. availability) or a
 * workflow step. All or nothing: one plot that cannot take it refuses the whole request.
 */
export async function bulk(db: Db, body: Record<string, unknown>, a: Actor) {
  const ids = Array.isArray(body.ids) ? body.ids.map(Number) : [];
  if (!ids.length || ids.length > 10_000 || ids.some((i) => !Number.isInteger(i) || i < 1))
    throw badRequest('invalid_ids', 'Select from 1 to 10 000 plots.', body.ids ?? null);
  const action = body.action ?? 'update';
  if (!['update', 'publish', 'withdraw', 'draft'].includes(String(action)))
    throw badRequest('invalid_action', 'action must be update, publish, withdraw or draft.', action);
  if (action !== 'update' && !can(a.staff.role, 'plots.publish'))
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.', { value: a.staff.role });
  const { values, problems } = validatePlotValues((body.changes ?? {}) as Record<string, unknown>);
  if (problems.some((p) => p.severity === 'error')) throw fieldError(problems);
  if (values.property_id !== undefined)
    throw badRequest(
      'invalid_bulk_field',
      'The property identifier cannot be changed in bulk.',
      'property_id',
    );
  if (action === 'update' && !Object.keys(values).length)
    throw badRequest('nothing_to_change', 'The request changes nothing.', null);
  return db.transaction(async (tx) => {
    const st = plotStatesSql(ids);
    const rows = await tx.query<{ id: number; status: Status }>(st.text + ' FOR UPDATE', st.values);
    const missing = ids.filter((i) => !rows.some((r) => r.id === i));
    if (missing.length) throw noPlot(missing[0]);
    const status =
      action === 'publish'
        ? 'published'
        : action === 'withdraw'
          ? 'withdrawn'
          : action === 'draft'
            ? 'draft'
            : undefined;
    for (const r of rows) {
      if (action === 'update') assertMayTouch(a, r.status);
      else if (!ALLOWED[action as Transition].includes(r.status))
        throw new HttpError(409, 'invalid_transition', `A ${r.status} plot cannot be moved by "${action}".`, {
          value: r.status,
          plot_id: r.id,
        });
    }
    if (action === 'withdraw' || action === 'draft')
      await assertOpenApplicationsConfirmed(
        tx,
        rows.filter((r) => r.status === 'published').map((r) => r.id),
        body,
      );
    const n = setChangeNote(noteOf(body, `Bulk ${action}`));
    await tx.query(n.text, n.values);
    for (const r of rows) {
      const s = updatePlotSql(r.id, null, values, null, a.staff.email, {
        status,
        publishAt: action === 'publish' ? null : undefined,
      });
      await tx.query(s.text, s.values);
    }
    await audit(tx, {
      ...auditOf(a, `plot.bulk.${action}`, ids.join(',').slice(0, 200)),
      details: { ids, changes: values },
    });
    return { updated: rows.length };
  });
}

/** Publishes the drafts whose scheduled time has passed; returns how many. */
export async function publishDue(db: Db): Promise<number> {
  // An UPDATE of no rows still fires the statement trigger that bumps the data version, which
  // would empty every tile and card cache at each check: write only when something is due.
  const [due] = await db.query<{ due: boolean }>(anyDueSql().text);
  if (!due?.due) return 0;
  return db.transaction(async (tx) => {
    const n = setChangeNote('Scheduled publication');
    await tx.query(n.text, n.values);
    const s = publishDueSql();
    const rows = await tx.query<{ id: number; property_id: string }>(s.text, s.values);
    for (const r of rows)
      await audit(tx, {
        actor: 'scheduler',
        action: 'plot.publish.scheduled',
        targetType: 'plot',
        targetId: r.id,
        details: { property_id: r.property_id },
      });
    return rows.length;
  });
}
