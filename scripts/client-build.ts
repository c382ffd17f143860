/**
 * The "build the client if it is stale" step of `npm start`. The build runs in a child process:
 * Vite sets NODE_ENV=production in the process that builds, and the server's defaults (outbox,
 * demo accounts) must not depend on whether this start happened to build.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ClientBuild {
  /** Folder the build runs in. */
  cwd: string;
  /** Vite config file. */
  configFile: string;
  /** Files and folders whose change makes the build stale. */
  sources: string[];
  /** A file the build writes; its age is the build's age. */
  stamp: string;
}

/** The app's own client: client/ and the shared filter model it imports. */
export function appClientBuild(root: string): ClientBuild {
  return {
    cwd: root,
    configFile: path.join(root, 'vite.config.ts'),
    sources: ['client', 'shared', 'vite.config.ts', 'package-lock.json'].map((f) => path.join(root, f)),
    stamp: path.join(root, 'dist', 'client', 'index.html'),
  };
}

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

export function isStale(b: ClientBuild): boolean {
  const built = fs.existsSync(b.stamp) ? fs.statSync(b.stamp).mtimeMs : 0;
  const sources = b.sources.filter((f) => fs.existsSync(f));
  return Math.max(0, ...sources.map(newestMtime)) > built;
}

/** Runs `vite build` in a child process when the build is stale; true when it built. */
export async function buildClientIfStale(b: ClientBuild): Promise<boolean> {
  if (!isStale(b)) return false;
  const vite = path.join(
    path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  // The child always makes the production bundle, whatever NODE_ENV this process has.
  const child = spawn(process.execPath, [vite, 'build', '--config', b.configFile, '--logLevel', 'warn'], {
    cwd: b.cwd,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  const code = await new Promise<number | string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c, signal) => resolve(c ?? signal ?? -1));
  });
  if (code !== 0) throw new Error(`vite build failed (${code})`);
  return true;
}
