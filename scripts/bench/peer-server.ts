/**
 * Our server for the peer benchmark as `PEER_PROCS` Node processes sharing one port (node:cluster),
 * the same process count MapServer gets from lighttpd. Forked by peer.ts with PEER_PORT and
 * PEER_DATABASE_URL; reports `{ ready: port }` over IPC once every worker listens, and stops its
 * workers when told `stop` or when its parent goes away.
 */
import cluster from 'node:cluster';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { start } from '../../server/main.ts';

const port = Number(process.env.PEER_PORT);
const procs = Number(process.env.PEER_PROCS) || 2;

async function worker(): Promise<void> {
  const config = loadConfig(
    {},
    {
      port,
      host: '127.0.0.1',
      serveClient: false,
      seedDemo: false,
      logLevel: 'silent',
      databaseUrl: process.env.PEER_DATABASE_URL,
      // Uncached tiles: a cache too small to keep any tile, as MapServer keeps none.
      tileCacheMb: 1e-6,
      // Counted but never reached: the figures include the per-address checks, not their refusals.
      tileRateLimitPerMin: 1_000_000_000,
      ogcRateLimitPerMin: 1_000_000_000,
    },
  );
  const running = await start(config, createLogger('silent'));
  process.on('message', (m) => {
    if (m === 'stop') void running.stop().then(() => process.exit(0));
  });
  process.send?.('ready');
}

async function primary(): Promise<void> {
  const workers: Array<ReturnType<typeof cluster.fork>> = [];
  // One after the other: each start checks migrations and reference data before listening.
  for (let i = 0; i < procs; i++) {
    const w = cluster.fork();
    await new Promise<void>((resolve, reject) => {
      w.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
      w.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    workers.push(w);
  }
  const stopAll = async () => {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((r) => {
            if (w.isDead()) return r();
            w.once('exit', () => r());
            w.send('stop');
          }),
      ),
    );
    process.exit(0);
  };
  process.on('message', (m) => m === 'stop' && void stopAll());
  process.on('disconnect', () => void stopAll());
  process.send?.({ ready: port });
}

if (cluster.isPrimary) {
  primary().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  worker().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
