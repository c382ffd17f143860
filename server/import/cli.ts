/**
 * The import-plots command: the staff page's import pipeline from a terminal. Kept apart from
 * the script so tests run it against their own database on both engines.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { can, type Staff } from '../auth/guard.ts';
import { userByEmail, type UserRow } from '../auth/sql.ts';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import {
  applyDecisions,
  commitBody,
  committedLine,
  decisionHint,
  DECISION_OPTIONS,
  DECISION_USAGE,
  repairLines,
} from './cli-decisions.ts';
import { parseChoice, type GeometryChoice } from './columns.ts';
import { commit, configure, discard, listRows, parseUpload } from './pipeline.ts';
import { deleteJob } from './sql.ts';

export const USAGE =
  'Usage: npm run import-plots -- --file <path> --as <staff e-mail> [--crs 3879|3067|4326] [--encoding ...] [--layer ...]' +
  ' [--geometry-column <name> | --x-column <name> --y-column <name>] [--mapping <saved>] [--confirm-crs]' +
  ' [--ignore-unmapped]' +
  DECISION_USAGE +
  ' [--commit]';

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Unmapped {
  column: string;
  probably: string | null;
}

/** Runs the command; returns its exit code: 0 done, 1 the file or its rows were refused, 2 wrong arguments. */
export async function importPlotsCli(
  db: Db,
  argv: string[],
  io: CliOutput,
  limits: { uploadLimitMb: number },
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        as: { type: 'string' },
        crs: { type: 'string' },
        encoding: { type: 'string' },
        layer: { type: 'string' },
        mapping: { type: 'string' },
        'geometry-column': { type: 'string' },
        'x-column': { type: 'string' },
        'y-column': { type: 'string' },
        'confirm-crs': { type: 'boolean', default: false },
        'ignore-unmapped': { type: 'boolean', default: false },
        commit: { type: 'boolean', default: false },
        ...DECISION_OPTIONS,
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const asked = parseChoice({
    column: values['geometry-column'],
    x: values['x-column'],
    y: values['y-column'],
  });
  if (!values.file || !values.as || asked === 'invalid') {
    io.err(
      asked === 'invalid' ? `Give --geometry-column, or both --x-column and --y-column.\n${USAGE}` : USAGE,
    );
    return 2;
  }
  const q = userByEmail(values.as);
  const user = (await db.query<UserRow>(q.text, q.values))[0];
  if (!user || user.disabled || !can(user.role, values.commit ? 'import.commit' : 'import.prepare')) {
    io.err(
      `${values.as}: no active staff account allowed to ${values.commit ? 'commit imports' : 'import'}.`,
    );
    return 2;
  }
  const staff: Staff = {
    id: user.id,
    email: user.email,
    role: user.role,
    displayName: user.display_name,
    tokenHash: '',
    csrfToken: '',
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tonttiluukku-cli-import-'));
  let id: string | undefined;
  try {
    let saved: { mapping: object; defaults: object; geometry?: GeometryChoice } | undefined;
    if (values.mapping) {
      const [row] = await db.query<{ mapping: NonNullable<typeof saved> }>(
        `SELECT mapping FROM import_mappings WHERE name = $1`,
        [values.mapping],
      );
      if (!row) throw new HttpError(404, 'mapping_not_found', `No saved mapping named "${values.mapping}".`);
      saved = row.mapping;
    }
    const copy = path.join(tmp, path.basename(values.file));
    fs.copyFileSync(values.file, copy);
    const jobId = crypto.randomUUID();
    id = jobId;
    let job = await parseUpload(
      db,
      staff,
      { file: copy, fileName: path.basename(values.file), bytes: fs.statSync(copy).size, dir: tmp },
      {
        jobId,
        crs: values.crs ? Number(values.crs) : undefined,
        encoding: values.encoding,
        layer: values.layer,
        geometry: asked ?? saved?.geometry,
      },
      { maxFeatures: 1_000_000, maxUncompressedBytes: limits.uploadLimitMb * 5e6, maxRatio: 200 },
      'command line',
    );
    if (saved) job = await configure(db, jobId, { mapping: saved.mapping, defaults: saved.defaults }, staff);
    if (values['confirm-crs']) job = await configure(db, jobId, { confirm_crs: true }, staff);
    job = (await applyDecisions(db, jobId, values, staff)) ?? job;
    io.out(
      JSON.stringify(
        { job: jobId, summary: job.summary, settings: job.settings, validation: job.validation },
        null,
        2,
      ),
    );
    const settings = job.settings as { mapping: Record<string, string>; geometry?: GeometryChoice | null };
    const geometry = settings.geometry;
    if (geometry)
      io.out(
        `Geometry: ${'column' in geometry ? `column ${geometry.column}` : `x ${geometry.x}, y ${geometry.y}`}`,
      );
    io.out('Mapping used:');
    for (const [field, column] of Object.entries(settings.mapping)) io.out(`  ${field} <- ${column}`);
    const unmapped = ((job.validation as { unmapped?: Unmapped[] }).unmapped ?? []) as Unmapped[];
    if (unmapped.length) {
      io.out('Unmapped columns (their values are not imported):');
      for (const u of unmapped) io.out(`  ${u.column}${u.probably ? ` (probably ${u.probably})` : ''}`);
    }
    const { rows } = await listRows(db, jobId, { only: 'problems', limit: 20 });
    for (const r of rows as Array<{
      n: number;
      line: number | null;
      problems: Array<{ field: string; code: string; severity: string; value: unknown }>;
    }>)
      for (const p of r.problems)
        io.out(
          `row ${r.n}${r.line ? ` (line ${r.line})` : ''}: ${p.severity} ${p.field} ${p.code} ${JSON.stringify(p.value)}`,
        );
    for (const l of repairLines(rows as never)) io.out(l);
    if (!(job.settings as { crs_confirmed: boolean }).crs_confirmed)
      io.out(
        `The coordinate system EPSG:${String((job.settings as { epsg: number }).epsg)} was inferred from the coordinates: check it, then run again with --confirm-crs (or name it with --crs).`,
      );
    if (values.commit) {
      if (unmapped.length && !values['ignore-unmapped'])
        throw new HttpError(
          409,
          'unmapped_columns',
          `${unmapped.length} column(s) are not mapped to any plot field: ${unmapped.map((u) => u.column).join(', ')}. Map them with --mapping <saved>, or run again with --ignore-unmapped to import without them.`,
          { value: unmapped.map((u) => u.column) },
        );
      const done = await commit(db, jobId, commitBody(values), staff, 'command line');
      io.out(committedLine(done));
    } else {
      await discard(db, jobId, staff, 'command line');
      io.out('Preview only: nothing was written to plots (add --commit).');
    }
    return 0;
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const hint =
      decisionHint(err) ??
      (err.code === 'crs_not_confirmed'
        ? 'The coordinate system was inferred from the coordinates, not declared in the file: check it, then run again with --confirm-crs (or name it with --crs).'
        : err.message);
    io.err(`${err.code}: ${hint} ${JSON.stringify(err.details)}`);
    return 1;
  } finally {
    // A refused run leaves no preview behind (a successful preview is discarded above).
    if (id) {
      const [left] = await db.query<{ status: string }>(`SELECT status FROM import_jobs WHERE id = $1`, [id]);
      if (left && left.status !== 'committed' && left.status !== 'discarded') {
        const d = deleteJob(id);
        await db.query(d.text, d.values);
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
