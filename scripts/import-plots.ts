/**
 * Imports a plot file from the command line through the same pipeline as the staff page:
 *   npm run import-plots -- --file plots.gpkg --as publisher@example.org [--crs 3879]
 *     [--encoding windows1252] [--layer name] [--geometry-column name | --x-column a --y-column b]
 *     [--mapping "saved name"] [--confirm-crs] [--ignore-unmapped]
 *     [--accept-repairs] [--exclude-row n ...] [--publish-updates] [--commit]
 * Without --commit it prints the preview (summary, the mapping used, the unmapped columns and
 * the first problems) and writes nothing. --commit is refused while a column is unmapped,
 * unless --ignore-unmapped, and while a geometry repair changes a plot's area, unless
 * --accept-repairs or --exclude-row n for its row. Changes to published plots become their
 * pending drafts unless --publish-updates. --as names an existing staff account the changes are recorded
 * under (history and audit). A refused run leaves no preview job behind.
 * Exit codes: 0 done, 1 the file or its rows were refused, 2 wrong arguments.
 */
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/index.ts';
import { importPlotsCli } from '../server/import/cli.ts';

const config = loadConfig();
const db = await openDb(config);
try {
  process.exitCode = await importPlotsCli(
    db,
    process.argv.slice(2),
    { out: (l) => console.log(l), err: (l) => console.error(l) },
    { uploadLimitMb: config.uploadLimitMb },
  );
} finally {
  await db.close();
}
