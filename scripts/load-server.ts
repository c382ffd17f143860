/**
 * The server process the load scripts drive: DATABASE_URL when set, otherwise a fresh embedded
 * data folder (removed at exit), on loopback, with every per-address budget off because all the
 * load comes from one address. Resolves once /readyz answers.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LoadServer {
  base: string;
  stop(): Promise<void>;
}

export async function startLoadServer(port: string, tag: string): Promise<LoadServer> {
  // The started server is reached by this address, so it needs a port named in advance.
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    console.error(`--port must be a port number 1-65535 (got ${port}).`);
    process.exit(2);
  }
  const base = `http://127.0.0.1:${port}`;
  const dataDir = process.env.DATABASE_URL
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), `tonttiluukku-${tag}-`));
  process.on('exit', () => dataDir && fs.rmSync(dataDir, { recursive: true, force: true }));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      PORT: port,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      API_RATE_LIMIT_PER_MIN: '0',
      TILE_RATE_LIMIT_PER_MIN: '0',
      OGC_RATE_LIMIT_PER_MIN: '0',
      BASEMAP_RATE_LIMIT_PER_MIN: '0',
      SERVE_CLIENT: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('server did not become ready in 60 s');
    const ok = await fetch(`${base}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    },
  };
}
