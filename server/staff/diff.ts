/** Field-by-field differences between two stored versions of a plot. */

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

// Bookkeeping columns change on every write; the history lists them apart.
const IGNORED = new Set(['version', 'updated_at', 'updated_by', 'created_at', 'created_by', 'id']);

/** Changed fields, in a stable order; the geometry appears as one 'geom' change without coordinates. */
export function diffVersions(a: Record<string, unknown>, b: Record<string, unknown>): Change[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !IGNORED.has(k)).sort();
  const out: Change[] = [];
  for (const k of keys) {
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (k === 'geom') out.push({ field: 'geom', before: 'geometry', after: 'geometry' });
    else out.push({ field: k, before: x, after: y });
  }
  return out;
}
