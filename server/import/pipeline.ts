/**
 * The import, step by step; each step lives in its own module:
 *   job.ts       create the job for an upload (a taken id is job_exists), read it, discard it
 *   read.ts      stream the file into staging rows and check the file as a whole
 *   detect.ts    decide the CRS and the first mapping, build the preview's summary
 *   validate.ts  apply CRS and mapping to every row, store problems and actions
 *   configure.ts change CRS, axis order, preset, mapping or defaults, validate again
 *   rows.ts      fix or exclude one row, decide repairs, list rows
 *   commit.ts    write the rows into plots in one transaction
 */
import { audit } from '../audit/log.ts';
import type { Staff } from '../auth/guard.ts';
import type { Db } from '../db/index.ts';
import { detect } from './detect.ts';
import { createJob, dropJob, getJob } from './job.ts';
import { readIntoRows } from './read.ts';
import * as sql from './sql.ts';
import type { ImportLimits, ParseOptions, UploadedFile } from './types.ts';
import { validate } from './validate.ts';

export { commit } from './commit.ts';
export { configure } from './configure.ts';
export { discard, getJob } from './job.ts';
export { decideRowRepairs, fixRow, listRows } from './rows.ts';
export type { ImportLimits, ParseOptions, Settings } from './types.ts';
export { mapRow, validate } from './validate.ts';

/** Parses an uploaded file into a new job's staging rows, decides CRS and mapping, validates. */
export async function parseUpload(
  db: Db,
  staff: Staff,
  upload: UploadedFile,
  opts: ParseOptions,
  limits: ImportLimits,
  ip?: string,
) {
  const jobId = opts.jobId;
  await createJob(db, jobId, staff, upload);
  try {
    const facts = await readIntoRows(db, jobId, upload, opts, limits);
    const { summary, settings } = detect(facts, opts);
    const u = sql.updateJob(jobId, { format: facts.meta.format, summary, settings });
    await db.query(u.text, u.values);
    await validate(db, jobId, settings);
    await audit(db, {
      userId: staff.id,
      actor: staff.email,
      action: 'import.upload',
      targetType: 'import',
      targetId: jobId,
      ip,
      details: {
        file: upload.fileName,
        format: facts.meta.format,
        features: facts.count,
        epsg: settings.epsg,
        swap_axes: settings.swap_axes,
      },
    });
    return getJob(db, jobId);
  } catch (err) {
    await dropJob(db, jobId);
    throw err;
  }
}
