import path from 'node:path';
import type { InlineConfig } from 'vite';
import { ROOT_DIR } from '../../server/config.ts';

/**
 * `vite build` of the client as users get it. Vitest sets NODE_ENV=test, which Vite would keep,
 * bundling React's development build; tests must drive the production bundle (and `npm start`
 * reuses the build in dist/).
 */
export async function buildClient(extra: InlineConfig = {}): Promise<void> {
  const { build } = await import('vite');
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(ROOT_DIR, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      ...extra,
    });
  } finally {
    process.env.NODE_ENV = env;
  }
}
