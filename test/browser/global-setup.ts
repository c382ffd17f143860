import type { TestProject } from 'vitest/node';
import { startAppServer } from './app-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the running app (built client + real server over a template copy). */
    appUrl: string;
  }
}

/** One app server for the whole browser run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const app = await startAppServer();
  project.provide('appUrl', app.url);
  return () => app.stop();
}
