/**
 * `npm start`: builds the client when its sources are newer than the last build, then runs the
 * server. The build is skipped on later starts, so they take only the database's start-up time.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appClientBuild, buildClientIfStale, isStale } from './client-build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const client = appClientBuild(root);
if (isStale(client)) {
  console.log('Building the client (first start, or its sources changed)...');
  await buildClientIfStale(client);
}
await import('../server/index.ts');
