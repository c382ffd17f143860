import { ConfigError, loadConfig } from './config.ts';
import { DbStartupError } from './db/index.ts';
import { createLogger } from './log.ts';
import { start } from './main.ts';

/** Process entry: start from the environment, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  try {
    const running = await start(config, log);
    log.info({ url: running.url, database: running.db.kind }, `Tonttiluukku is running at ${running.url}`);
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping: finishing in-flight requests');
      // A request that never ends (a stuck client) must not keep the process from stopping.
      setTimeout(() => {
        log.warn({ signal }, 'stopping: in-flight requests still open after 30 s; exiting anyway');
        log.flush(() => process.exit(1));
      }, 30_000).unref();
      await running.stop();
      log.info({ signal }, 'stopped: in-flight requests finished, database closed');
      // pino writes asynchronously: let the last line out before exiting.
      log.flush(() => process.exit(0));
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  } catch (err) {
    if (err instanceof DbStartupError) {
      console.error(err.message);
      process.exit(1);
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${config.port} is already in use: set PORT to a free port.`);
      process.exit(1);
    }
    throw err;
  }
}

void main();
