import type { Router } from 'express';
import type { AppDeps } from '../feature.ts';
import { createTimelineHub } from '../applications/live.ts';
import { startReminderJob } from './reminders.ts';
import { keyProjectRoutes } from './routes.ts';

export { parseKeyFacts, saveKeyFacts } from './applicant.ts';
export { evaluate as evaluateKeyProject } from './detection.ts';
export { sendDueReminders } from './reminders.ts';

/**
 * Mounts key projects. The workspace's live stream has a hub of its own on the same
 * application_events channel, so a case move reaches the manager as it reaches the applicant.
 * The due-reminder check runs on a timer until the server closes.
 */
export function mountKeyProjects(
  deps: AppDeps,
  hooks: { onStopping(fn: () => void): void; onClose(fn: () => Promise<void>): void },
): Router {
  const hub = createTimelineHub(deps.db, deps.log);
  hooks.onStopping(() => hub.endAll());
  hooks.onClose(() => hub.close());
  hooks.onClose(startReminderJob(deps));
  return keyProjectRoutes(deps, hub);
}
