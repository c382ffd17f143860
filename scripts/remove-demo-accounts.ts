/**
 * Deletes the demo handler accounts (every account on the @demo.invalid domain, whose password
 * is published in the README), with an audit entry each:
 *   npm run remove-demo-accounts
 * Uses the same DATABASE_URL or DATA_DIR as the server (on the embedded database, stop the
 * server first: only one process may open its folder).
 */
import { removeDemoAccounts } from '../server/applications/index.ts';
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/index.ts';

const db = await openDb(loadConfig());
try {
  const gone = await removeDemoAccounts(db, 'command line');
  console.log(
    gone.length ? `Deleted ${gone.length} demo accounts: ${gone.join(', ')}.` : 'No demo accounts to delete.',
  );
} finally {
  await db.close();
}
