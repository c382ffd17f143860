import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real server and the built client, driven in headless Chromium through
 * playwright-core. Files run one after another: each launches a browser, and the machine is small.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // The map animates and reloads tiles: give polled expectations time to settle.
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
