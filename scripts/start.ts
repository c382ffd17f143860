/**
 * `npm start`: builds the client when its sources are newer than the last build, then runs the
 * server. The build is skipped on later starts, so they take only the database's start-up time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', 'client', 'index.html');

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

const sources = ['client', 'vite.config.ts', 'package-lock.json']
  .map((f) => path.join(root, f))
  .filter((f) => fs.existsSync(f));
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (Math.max(...sources.map(newestMtime)) > built) {
  console.log('Building the client (first start, or its sources changed)...');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
await import('../server/index.ts');
