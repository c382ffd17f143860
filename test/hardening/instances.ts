/**
 * Two server instances over one database behind a round-robin proxy, as a load balancer would
 * put them. On PostgreSQL the instances are two real server processes; the embedded database
 * cannot be shared between processes, so there they are two apps in this process with one
 * database handle. Responses are piped as they come, so streams (SSE, exports) pass through.
 *
 *   const pair = await startInstancePair();
 *   fetch(pair.proxyUrl + '/api/...')   // alternates between pair.urls[0] and pair.urls[1]
 *   await pair.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { spawnServer, type ServerProcess } from './processes.ts';

export interface Proxy {
  url: string;
  /** How many requests went to each upstream. */
  counts: number[];
  close(): Promise<void>;
}

/** A round-robin HTTP proxy on a free loopback port; every request goes to the next upstream. */
export async function roundRobinProxy(upstreams: string[]): Promise<Proxy> {
  const counts = upstreams.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % upstreams.length;
    counts[i]!++;
    const target = new URL(req.url ?? '/', upstreams[i]);
    const up = http.request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host, 'x-forwarded-for': '127.0.0.1' } },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'upstream failed' } }));
    });
    // A client leaving (e.g. closing an event stream) ends the upstream request too.
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface InstancePair {
  db: TestDb;
  /** Direct URLs of instance A and instance B. */
  urls: [string, string];
  proxyUrl: string;
  proxy: Proxy;
  /** 'processes' on PostgreSQL, 'in-process' on the embedded database. */
  mode: 'processes' | 'in-process';
  close(): Promise<void>;
}

export async function startInstancePair(env: Record<string, string> = {}): Promise<InstancePair> {
  const db = await openTestDb();
  let children: ServerProcess[] = [];
  let local: Running[] = [];
  if (db.url) {
    children = await Promise.all([0, 1].map(() => spawnServer({ DATABASE_URL: db.url!, ...env })));
  } else {
    local = [
      await startTestServer(db, { apiRateLimitPerMin: 0 }),
      await startTestServer(db, { apiRateLimitPerMin: 0 }),
    ];
  }
  const urls = (children.length ? children.map((c) => c.url) : local.map((r) => r.url)) as [string, string];
  const proxy = await roundRobinProxy(urls);
  return {
    db,
    urls,
    proxyUrl: proxy.url,
    proxy,
    mode: children.length ? 'processes' : 'in-process',
    async close() {
      await proxy.close();
      await Promise.all(children.map((c) => c.stop()));
      for (const r of local) await r.stop();
      await db.close();
    },
  };
}
