import { audit } from '../audit/log.ts';
import type { Db, Queryable } from '../db/index.ts';
import { HttpError, badRequest } from '../http/errors.ts';
import { validatePlotValues } from './fields.ts';
import {
  assertMayTouch,
  auditOf,
  expectedVersion,
  fieldError,
  lockedAt,
  noteChange,
  noteOf,
  type Actor,
} from './change.ts';
import { getPlot, plotId } from './plot.ts';
import { insertDerivedPlotSql, insertLineageSql, mergeUnionSql, splitPiecesSql } from './reshape-sql.ts';
import { updatePlotSql } from './sql.ts';

/**
 * Splitting a plot by a drawn line and merging adjacent plots. Either is one transaction: the
 * new plots are drafts (fields copied, new identifiers given by the user), the old ones are
 * withdrawn with a version note and a lineage row naming the new ones, and every plot touched
 * gets an audit entry.
 */

const MIN_PIECE_M2 = 1;
const MAX_MERGE = 50;

/** Validated, distinct identifiers in the dashed long form; 400 invalid_plot / 409 duplicate. */
async function newPropertyIds(tx: Queryable, raw: unknown[], field: string): Promise<string[]> {
  const ids: string[] = [];
  for (const r of raw) {
    const { values, problems } = validatePlotValues({ property_id: r });
    if (problems.some((p) => p.severity === 'error'))
      throw fieldError(problems.map((p) => ({ ...p, field })));
    ids.push(String(values.property_id));
  }
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice)
    throw badRequest('same_property_id_twice', 'Give each new plot its own property identifier.', twice);
  const taken = await tx.query<{ id: number; property_id: string }>(
    `SELECT id::int, property_id FROM plots WHERE property_id = ANY($1::text[]) ORDER BY property_id LIMIT 1`,
    [ids],
  );
  if (taken[0])
    throw new HttpError(409, 'duplicate_property_id', 'A plot with this property identifier exists.', {
      value: taken[0].property_id,
      plot_id: taken[0].id,
    });
  return ids;
}

function readLine(body: Record<string, unknown>): { geojson: string; srid: number } {
  const g = body.line as { type?: unknown; coordinates?: unknown } | null | undefined;
  const coords = g?.coordinates;
  const ok =
    g?.type === 'LineString' &&
    Array.isArray(coords) &&
    coords.length >= 2 &&
    coords.every((c) => Array.isArray(c) && c.length >= 2 && c.every((n) => Number.isFinite(n)));
  if (!ok)
    throw badRequest(
      'invalid_split_line',
      'Draw the dividing line (a GeoJSON LineString).',
      g?.type ?? g ?? null,
    );
  const srid = body.geometry_crs === undefined ? 4326 : Number(body.geometry_crs);
  if (![4326, 3879, 3067].includes(srid))
    throw badRequest('unsupported_crs', 'geometry_crs must be 4326, 3879 or 3067.', body.geometry_crs);
  return { geojson: JSON.stringify({ type: 'LineString', coordinates: coords }), srid };
}

/** The building right shared by area; null stays null. */
const share = (total: number | null, part: number, whole: number) =>
  total == null ? null : Math.round(((total * part) / whole) * 10) / 10;

/**
 * Splits plot `rawId` (at `body.version`) along `body.line` into two drafts named by
 * `body.property_ids` (larger part first). 400 invalid_split_line / split_line_not_across /
 * split_into_more_than_two / split_piece_too_small, 409 stale_version / plot_withdrawn.
 */
export async function splitPlot(db: Db, rawId: string, body: Record<string, unknown>, a: Actor) {
  const id = plotId(rawId);
  const expected = expectedVersion(body);
  const line = readLine(body);
  const raw = body.property_ids;
  if (!Array.isArray(raw) || raw.length !== 2)
    throw badRequest('property_ids_required', 'Give the two new property identifiers.', raw ?? null);
  return db.transaction(async (tx) => {
    const cur = await lockedAt(tx, id, expected);
    if (cur.status === 'withdrawn')
      throw new HttpError(409, 'plot_withdrawn', 'A withdrawn plot cannot be split.', { value: cur.status });
    assertMayTouch(a, cur.status);
    const ids = await newPropertyIds(tx, raw, 'property_ids');
    let pieces: Array<{ geojson: string; area_m2: number }>;
    try {
      const q = splitPiecesSql(id, line.geojson, line.srid);
      pieces = await tx.query(q.text, q.values);
    } catch (err) {
      throw badRequest('invalid_split_line', 'The dividing line could not be read.', 'LineString', {
        cause: String((err as Error).message),
      });
    }
    if (pieces.length < 2)
      throw badRequest(
        'split_line_not_across',
        'The line must cross the plot from edge to edge.',
        pieces.length,
      );
    if (pieces.length > 2)
      throw badRequest(
        'split_into_more_than_two',
        'The line cuts the plot into more than two parts.',
        pieces.length,
      );
    const small = pieces.find((p) => p.area_m2 < MIN_PIECE_M2);
    if (small) throw badRequest('split_piece_too_small', 'One part would have no area.', small.area_m2);
    const [old] = await tx.query<{ property_id: string; building_right_kem2: number | null }>(
      `SELECT property_id, building_right_kem2::float8 FROM plots WHERE id = $1`,
      [id],
    );
    const whole = pieces[0]!.area_m2 + pieces[1]!.area_m2;
    const created: number[] = [];
    await noteChange(tx, noteOf(body, `Split from ${old!.property_id}`));
    for (const [i, piece] of pieces.entries()) {
      const s = insertDerivedPlotSql(
        id,
        ids[i]!,
        piece.geojson,
        share(old!.building_right_kem2, piece.area_m2, whole),
        a.staff.email,
      );
      const [row] = await tx.query<{ id: number }>(s.text, s.values);
      created.push(row!.id);
      await audit(tx, auditOf(a, 'plot.create', row!.id, { property_id: ids[i], split_from: id }));
    }
    await noteChange(tx, `Split into ${ids.join(', ')}`);
    const w = updatePlotSql(id, expected, {}, null, a.staff.email, { status: 'withdrawn', publishAt: null });
    await tx.query(w.text, w.values);
    const l = insertLineageSql([id], created, 'split', a.staff.email);
    await tx.query(l.text, l.values);
    await audit(tx, auditOf(a, 'plot.split', id, { from: cur.status, into: created, property_ids: ids }));
    return {
      withdrawn: [await getPlot(tx, String(id))],
      created: [await getPlot(tx, String(created[0])), await getPlot(tx, String(created[1]))],
    };
  });
}

/**
 * Merges `body.plots` ([{id, version}], two or more adjacent plots) into one draft named
 * `body.property_id`, with the first plot's fields and the building rights summed.
 * 400 invalid_merge / plots_not_adjacent, 409 stale_version / plot_withdrawn.
 */
export async function mergePlots(db: Db, body: Record<string, unknown>, a: Actor) {
  const list = Array.isArray(body.plots) ? (body.plots as Array<Record<string, unknown>>) : [];
  const wanted = list.map((p) => ({ id: plotId(String(p?.id)), version: expectedVersion(p ?? {}) }));
  const ids = wanted.map((w) => w.id);
  if (wanted.length < 2 || wanted.length > MAX_MERGE || new Set(ids).size !== ids.length)
    throw badRequest(
      'invalid_merge',
      `Select from 2 to ${MAX_MERGE} different plots to merge.`,
      body.plots ?? null,
    );
  return db.transaction(async (tx) => {
    // Locked in id order, so two merges of overlapping sets cannot deadlock.
    for (const w of [...wanted].sort((x, y) => x.id - y.id)) {
      const cur = await lockedAt(tx, w.id, w.version);
      if (cur.status === 'withdrawn')
        throw new HttpError(409, 'plot_withdrawn', 'A withdrawn plot cannot be merged.', {
          value: cur.status,
          plot_id: w.id,
        });
      assertMayTouch(a, cur.status);
    }
    const [newId] = await newPropertyIds(tx, [body.property_id ?? null], 'property_id');
    const u = mergeUnionSql(ids);
    const [union] = await tx.query<{ parts: number; geojson: string; area_m2: number }>(u.text, u.values);
    if (!union || union.parts !== 1)
      throw badRequest(
        'plots_not_adjacent',
        'Only plots that share a border can be merged.',
        union?.parts ?? 0,
      );
    const olds = await tx.query<{ id: number; property_id: string; building_right_kem2: number | null }>(
      `SELECT id::int, property_id, building_right_kem2::float8 FROM plots WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    const rights = olds.map((o) => o.building_right_kem2).filter((r): r is number => r != null);
    const total = rights.length ? Math.round(rights.reduce((s, r) => s + r, 0) * 10) / 10 : null;
    const names = ids.map((i) => olds.find((o) => o.id === i)!.property_id);
    await noteChange(tx, noteOf(body, `Merged from ${names.join(', ')}`));
    const s = insertDerivedPlotSql(ids[0]!, newId!, union.geojson, total, a.staff.email);
    const [row] = await tx.query<{ id: number }>(s.text, s.values);
    await audit(tx, auditOf(a, 'plot.create', row!.id, { property_id: newId, merged_from: ids }));
    await noteChange(tx, `Merged into ${newId}`);
    for (const w of wanted) {
      const q = updatePlotSql(w.id, w.version, {}, null, a.staff.email, {
        status: 'withdrawn',
        publishAt: null,
      });
      await tx.query(q.text, q.values);
      await audit(tx, auditOf(a, 'plot.merge', w.id, { into: row!.id, property_id: newId }));
    }
    const l = insertLineageSql(ids, [row!.id], 'merge', a.staff.email);
    await tx.query(l.text, l.values);
    const withdrawn = [];
    for (const i of ids) withdrawn.push(await getPlot(tx, String(i)));
    return { withdrawn, created: [await getPlot(tx, String(row!.id))] };
  });
}
