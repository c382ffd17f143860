import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the running app (built client + real server over a template copy). */
    appUrl: string;
  }
}

/**
 * One app server for the whole browser run. BROWSER_APP_URL points the tests at an app that is
 * already running instead (e.g. one started with `npx tsx test/browser/serve.ts`).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.BROWSER_APP_URL;
  if (external) {
    project.provide('appUrl', external.replace(/\/$/, ''));
    return;
  }
  const { startAppServer } = await import('./app-server.ts');
  const app = await startAppServer();
  project.provide('appUrl', app.url);
  return () => app.stop();
}
