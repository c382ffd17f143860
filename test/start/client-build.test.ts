/**
 * `npm start`'s build step: whether a start builds the client must not change how the server it
 * then starts behaves. Vite sets NODE_ENV=production in the process that builds, and the
 * outbox and demo-account defaults read NODE_ENV, so the build runs in a child process.
 * A tiny client keeps the real `vite build` to a second or two.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientIfStale, isStale, type ClientBuild } from '../../scripts/client-build.ts';
import { loadConfig } from '../../server/config.ts';

let dir: string;
let build: ClientBuild;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-client-build-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(
    path.join(dir, 'src', 'index.html'),
    '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>',
  );
  fs.writeFileSync(
    path.join(dir, 'src', 'main.js'),
    `document.body.textContent = process.env.NODE_ENV === 'production' ? 'production-bundle' : 'other-bundle';\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'vite.config.mjs'),
    `export default { root: 'src', build: { outDir: '../out', emptyOutDir: true } };\n`,
  );
  build = {
    cwd: dir,
    configFile: path.join(dir, 'vite.config.mjs'),
    sources: [path.join(dir, 'src'), path.join(dir, 'vite.config.mjs')],
    stamp: path.join(dir, 'out', 'index.html'),
  };
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const bundle = () =>
  fs
    .readdirSync(path.join(dir, 'out', 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(dir, 'out', 'assets', f), 'utf8'))
    .join('\n');

describe('building the client before a start', () => {
  it('leaves NODE_ENV, and so the server config, as they were (as `npm start` runs, NODE_ENV unset)', async () => {
    const saved = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      const before = loadConfig(process.env);
      expect(await buildClientIfStale(build)).toBe(true);
      expect(fs.existsSync(build.stamp)).toBe(true);
      expect(process.env.NODE_ENV).toBeUndefined();
      const after = loadConfig(process.env);
      expect(after).toEqual(before);
      expect(bundle()).toContain('production-bundle');
    } finally {
      process.env.NODE_ENV = saved;
    }
  });

  it('skips a build that is up to date, and makes the production bundle whatever NODE_ENV the start has', async () => {
    expect(isStale(build)).toBe(false);
    expect(await buildClientIfStale(build)).toBe(false);

    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(dir, 'src', 'main.js'), later, later);
    expect(isStale(build)).toBe(true);
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      expect(await buildClientIfStale(build)).toBe(true);
      expect(process.env.NODE_ENV).toBe('development');
    } finally {
      process.env.NODE_ENV = saved;
    }
    expect(bundle()).toContain('production-bundle');
    expect(bundle()).not.toContain('other-bundle');
  });
});
