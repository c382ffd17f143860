import type { Router } from 'express';
import type { AppDeps } from '../feature.ts';
import { createTimelineHub } from './live.ts';
import { applicationsRoutes } from './routes.ts';

export {
  activeDemoAccounts,
  removeDemoAccounts,
  seedDemoHandlers,
  newDemoPassword,
} from './demo-accounts.ts';

/**
 * Mounts the applications feature; `onStopping` ends the live streams before the server closes,
 * `onClose` stops listening.
 */
export function mountApplications(
  deps: AppDeps,
  hooks: { onStopping(fn: () => void): void; onClose(fn: () => Promise<void>): void },
): Router {
  const hub = createTimelineHub(deps.db, deps.log);
  hooks.onStopping(() => hub.endAll());
  hooks.onClose(() => hub.close());
  return applicationsRoutes(deps, hub);
}
