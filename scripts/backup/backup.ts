/**
 * `npm run backup -- <file>`: PostgreSQL (DATABASE_URL set) with pg_dump -Fc, or the embedded
 * data folder (DATA_DIR or the default) as a tar.gz while the server is stopped.
 */
import { loadConfig, redactUrl } from '../../server/config.ts';
import { backupDataDir, backupPostgres } from './lib.ts';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run backup -- <file>   (e.g. tonttiluukku-2026-11-28.dump or .tar.gz)');
  process.exit(2);
}
const config = loadConfig();
try {
  if (config.databaseUrl) {
    backupPostgres(config.databaseUrl, file);
    console.log(`Backed up ${redactUrl(config.databaseUrl)} to ${file} (pg_dump custom format).`);
  } else {
    backupDataDir(config.dataDir, file);
    console.log(`Backed up the embedded data folder ${config.dataDir} to ${file}.`);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
