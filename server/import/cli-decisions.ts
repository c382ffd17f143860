/**
 * The import-plots command's decisions on repairs and re-imports: --accept-repairs,
 * --exclude-row N (repeatable) and --publish-updates, and the refusal that names them.
 */
import type { Staff } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { decideRowRepairs, fixRow } from './pipeline.ts';
import { REPAIR_UNDECIDED } from './repairs.ts';

export const DECISION_OPTIONS = {
  'accept-repairs': { type: 'boolean', default: false },
  'exclude-row': { type: 'string', multiple: true },
  'publish-updates': { type: 'boolean', default: false },
} as const;

export const DECISION_USAGE = ' [--accept-repairs] [--exclude-row <n> ...] [--publish-updates]';

interface DecisionValues {
  'accept-repairs'?: boolean;
  'exclude-row'?: string[];
  'publish-updates'?: boolean;
}

/** Applies --exclude-row and --accept-repairs to the preview; the job after them, if any. */
export async function applyDecisions(db: Db, jobId: string, v: DecisionValues, staff: Staff) {
  let job: Awaited<ReturnType<typeof fixRow>> | undefined;
  for (const raw of v['exclude-row'] ?? []) {
    if (!/^\d{1,9}$/.test(raw))
      throw new HttpError(400, 'invalid_rows', `--exclude-row takes a row number, not "${raw}".`, {
        value: raw,
      });
    job = await fixRow(db, jobId, raw, { excluded: true }, staff, 'command line');
  }
  if (v['accept-repairs'])
    job = await decideRowRepairs(db, jobId, { rows: 'all', decision: 'accept' }, staff, 'command line');
  return job;
}

/** The commit's body: changes to published plots are staged as drafts unless --publish-updates. */
export const commitBody = (v: DecisionValues) => ({ publish_updates: v['publish-updates'] === true });

/** One line per row whose repair changes its area, with both areas. */
export function repairLines(rows: Array<{ n: number; problems: Array<Record<string, unknown>> }>): string[] {
  return rows.flatMap((r) =>
    r.problems
      .filter((p) => p.code === REPAIR_UNDECIDED)
      .map(
        (p) =>
          `row ${r.n}: repairing the geometry changes its area from ${String(p.area_before)} to ${String(p.area_after)} m² (${String(p.change_pct)} %)`,
      ),
  );
}

/** What the command says of a refusal it has flags for; undefined for the others. */
export function decisionHint(err: HttpError): string | undefined {
  if (err.code !== 'repairs_unconfirmed') return undefined;
  const rows = ((err.details.rows as number[] | undefined) ?? []).slice(0, 20);
  return `Repairing the geometry changes the area of row(s) ${rows.join(', ')}: run again with --accept-repairs to import the repaired shapes, or --exclude-row <n> for each row to leave out.`;
}

/** The commit's outcome in one line. */
export const committedLine = (d: { created: number; updated: number; staged: number; unchanged: number }) =>
  `Committed: ${d.created} new drafts, ${d.updated} updated plots, ${d.staged} changes to published plots staged as drafts (publish them in the staff app, or import with --publish-updates), ${d.unchanged} unchanged.`;
