import type { TestProject } from 'vitest/node';
import { preparePgliteTemplate, preparePgTemplate } from '../helpers/template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Embedded data folder to copy for each suite (when no TEST_DATABASE_URL). */
    pgliteTemplate: string;
    /** PostgreSQL admin URL and template database name (with TEST_DATABASE_URL). */
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/** Prepares one database template for the whole run; each suite gets a fast copy of it. */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    project.provide('pgAdminUrl', url);
    project.provide('pgTemplate', await preparePgTemplate(url));
    project.provide('pgliteTemplate', '');
  } else {
    project.provide('pgliteTemplate', await preparePgliteTemplate());
    project.provide('pgAdminUrl', '');
    project.provide('pgTemplate', '');
  }
}
