import type { DataVersion } from '../plots/data-version.ts';
import { collectMatches } from './matching.ts';
import { sendDailyDigests, sendImmediateAlerts } from './notify.ts';
import type { SavedSearchDeps } from './service.ts';
import { purgeSql } from './sql.ts';

export interface AlertJobOptions {
  /** Helsinki hour (0-23) from which the day's digests go out. */
  digestHour: number;
  /** Period of the digest check and of the fallback match run, in milliseconds. */
  intervalMs?: number;
}

/**
 * Runs the alert work inside the server: new publications are matched and immediate alerts
 * mailed when the plot data version changes (the NOTIFY reaches every instance; the claims in
 * the database decide which one does the work), and on a timer in case a notification was
 * lost; daily digests and house-keeping on the same timer. Runs never overlap within one
 * instance. Returns the stop function, which waits for a run in progress.
 */
export function startAlertJobs(
  deps: SavedSearchDeps,
  dataVersion: DataVersion,
  opts: AlertJobOptions,
): () => Promise<void> {
  const { db, log } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let ticks = 0;

  const work = async (withDigests: boolean) => {
    const published = await collectMatches(db);
    const sent = await sendImmediateAlerts(deps);
    const digests = withDigests ? await sendDailyDigests(deps, new Date(), opts.digestHour) : 0;
    if (published || sent || digests) log.info({ published, sent, digests }, 'saved search alerts');
    if (withDigests && ticks++ % 60 === 0) {
      const day = 24 * 3600_000;
      for (const s of purgeSql(new Date(Date.now() - 7 * day), new Date(Date.now() - 365 * day)))
        await db.query(s.text, s.values);
    }
  };
  const run = (withDigests = false) => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = work(withDigests)
      .catch((err: unknown) => log.warn({ err }, 'saved search alerts failed'))
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          run();
        }
      });
  };

  const unsubscribe = dataVersion.onChange(() => run());
  const timer = setInterval(() => run(true), opts.intervalMs ?? 60_000);
  timer.unref();
  run();
  return async () => {
    stopped = true;
    clearInterval(timer);
    unsubscribe();
    await running;
  };
}
