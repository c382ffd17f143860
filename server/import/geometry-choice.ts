/** The CSV geometry choice as the upload query, a saved mapping and the command line give it. */
import { badRequest } from '../http/errors.ts';
import { parseChoice, type GeometryChoice } from './columns.ts';

/** geometry_column, or x_column with y_column, from the upload's query; 400 when half a pair. */
export function geometryQuery(q: Record<string, string | undefined>): GeometryChoice | undefined {
  const c = parseChoice({ column: q.geometry_column, x: q.x_column, y: q.y_column });
  if (c === 'invalid')
    throw badRequest(
      'invalid_geometry_choice',
      'Name either geometry_column, or both x_column and y_column.',
      q.geometry_column ?? q.x_column ?? q.y_column ?? null,
      { param: 'geometry_column' },
    );
  return c;
}

/** The part of a saved mapping that names the geometry; empty when the body names none. */
export function savedGeometry(v: unknown): { geometry?: GeometryChoice } {
  if (v === undefined || v === null) return {};
  const c = typeof v === 'object' ? parseChoice(v as Record<string, unknown>) : 'invalid';
  if (c === 'invalid')
    throw badRequest(
      'invalid_geometry_choice',
      'geometry must be { column } or { x, y } naming CSV columns.',
      JSON.stringify(v).slice(0, 200),
    );
  return c ? { geometry: c } : {};
}
