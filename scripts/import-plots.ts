/**
 * Imports a plot file from the command line through the same pipeline as the staff page:
 *   npm run import-plots -- --file plots.gpkg --as publisher@example.org [--crs 3879]
 *     [--encoding windows1252] [--layer name] [--mapping "saved name"] [--confirm-crs] [--commit]
 * Without --commit it prints the preview (summary and the first problems) and writes nothing.
 * --as names an existing staff account the changes are recorded under (history and audit).
 * Exit codes: 0 done, 1 the file or its rows were refused, 2 wrong arguments.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { can, type Staff } from '../server/auth/guard.ts';
import { userByEmail, type UserRow } from '../server/auth/sql.ts';
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/index.ts';
import { HttpError } from '../server/http/errors.ts';
import { commit, configure, discard, listRows, parseUpload } from '../server/import/pipeline.ts';

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    as: { type: 'string' },
    crs: { type: 'string' },
    encoding: { type: 'string' },
    layer: { type: 'string' },
    mapping: { type: 'string' },
    'confirm-crs': { type: 'boolean', default: false },
    commit: { type: 'boolean', default: false },
  },
});
if (!values.file || !values.as) {
  console.error(
    'Usage: npm run import-plots -- --file <path> --as <staff e-mail> [--crs 3879|3067|4326] [--encoding ...] [--layer ...] [--mapping <saved>] [--confirm-crs] [--commit]',
  );
  process.exit(2);
}

const config = loadConfig();
const db = await openDb(config);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tonttiluukku-cli-import-'));
try {
  const q = userByEmail(values.as);
  const user = (await db.query<UserRow>(q.text, q.values))[0];
  if (!user || user.disabled || !can(user.role, values.commit ? 'import.commit' : 'import.prepare')) {
    console.error(
      `${values.as}: no active staff account allowed to ${values.commit ? 'commit imports' : 'import'}.`,
    );
    process.exit(2);
  }
  const staff: Staff = {
    id: user.id,
    email: user.email,
    role: user.role,
    displayName: user.display_name,
    tokenHash: '',
    csrfToken: '',
  };
  const copy = path.join(tmp, path.basename(values.file));
  fs.copyFileSync(values.file, copy);
  let job = await parseUpload(
    db,
    staff,
    { file: copy, fileName: path.basename(values.file), bytes: fs.statSync(copy).size, dir: tmp },
    {
      jobId: crypto.randomUUID(),
      crs: values.crs ? Number(values.crs) : undefined,
      encoding: values.encoding,
      layer: values.layer,
    },
    { maxFeatures: 1_000_000, maxUncompressedBytes: config.uploadLimitMb * 5e6, maxRatio: 200 },
    'command line',
  );
  const id = String(job.id);
  if (values.mapping) {
    const [saved] = await db.query<{ mapping: { mapping: object; defaults: object } }>(
      `SELECT mapping FROM import_mappings WHERE name = $1`,
      [values.mapping],
    );
    if (!saved) throw new HttpError(404, 'mapping_not_found', `No saved mapping named "${values.mapping}".`);
    job = await configure(
      db,
      id,
      { mapping: saved.mapping.mapping, defaults: saved.mapping.defaults },
      staff,
    );
  }
  if (values['confirm-crs']) job = await configure(db, id, { confirm_crs: true }, staff);
  console.log(
    JSON.stringify(
      { job: id, summary: job.summary, settings: job.settings, validation: job.validation },
      null,
      2,
    ),
  );
  const { rows } = await listRows(db, id, { only: 'problems', limit: 20 });
  for (const r of rows as Array<{
    n: number;
    problems: Array<{ field: string; code: string; severity: string; value: unknown }>;
  }>)
    for (const p of r.problems)
      console.log(`row ${r.n}: ${p.severity} ${p.field} ${p.code} ${JSON.stringify(p.value)}`);
  if (values.commit) {
    const done = await commit(db, id, {}, staff, 'command line');
    console.log(`Committed: ${done.created} new drafts, ${done.updated} updated plots.`);
  } else {
    await discard(db, id, staff, 'command line');
    console.log('Preview only: nothing was written to plots (add --commit).');
  }
} catch (err) {
  if (err instanceof HttpError) {
    console.error(`${err.code}: ${err.message} ${JSON.stringify(err.details)}`);
    process.exitCode = 1;
  } else throw err;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
  await db.close();
}
