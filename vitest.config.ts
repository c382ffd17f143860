import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    globalSetup: ['test/setup/global.ts'],
    // One embedded database costs ~1 GB and a few seconds: suites share one each, files run in parallel.
    pool: 'forks',
    // A file spends much of its time waiting (engine start-up, servers, child processes, timers),
    // so more forks than cores keep the CPU busy; vitest's own default (cores - 1) runs one file at
    // a time on a 2-core machine.
    maxWorkers: Math.max(3, os.availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Polled expectations (a page that updates, a cache that hears a change) settle late on a
    // loaded 2-core machine; a passing poll returns as soon as it passes.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
