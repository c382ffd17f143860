import type { Router } from 'express';
import type { Config } from '../config.ts';
import type { DataVersion } from '../plots/data-version.ts';
import { startAlertJobs } from './jobs.ts';
import { savedSearchRoutes } from './routes.ts';
import type { SavedSearchDeps } from './service.ts';

export { collectMatches } from './matching.ts';
export { sendDailyDigests, sendImmediateAlerts, lastDigestTime } from './notify.ts';

/**
 * Saved searches with e-mail alerts: the routes, and the matching and mailing jobs (stopped
 * through `onClose`).
 */
export function mountSavedSearches(
  deps: SavedSearchDeps & { config: Config; dataVersion: DataVersion },
  onClose: (fn: () => Promise<void>) => void,
): Router {
  onClose(startAlertJobs(deps, deps.dataVersion, { digestHour: deps.config.savedSearchDigestHour }));
  return savedSearchRoutes(deps, { perIpPerHour: deps.config.savedSearchesPerIpPerHour });
}
