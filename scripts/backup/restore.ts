/**
 * `npm run restore -- <file>`: into the empty PostgreSQL database of DATABASE_URL (pg_restore,
 * one transaction), or into an empty or absent embedded data folder (DATA_DIR or the default).
 */
import { loadConfig, redactUrl } from '../../server/config.ts';
import { restoreDataDir, restorePostgres } from './lib.ts';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run restore -- <file>');
  process.exit(2);
}
const config = loadConfig();
try {
  if (config.databaseUrl) {
    restorePostgres(config.databaseUrl, file);
    console.log(`Restored ${file} into ${redactUrl(config.databaseUrl)}.`);
  } else {
    restoreDataDir(file, config.dataDir);
    console.log(`Restored ${file} into the embedded data folder ${config.dataDir}.`);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
