/**
 * SIGTERM: the server stops taking new connections, lets the requests in flight finish (here a
 * slow upload still being sent), then closes the database and exits 0.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import { PASSWORD, StaffClient } from '../auth/client.ts';
import { serverDatabase, spawnServer, type ServerDatabase, type ServerProcess } from './processes.ts';

let sdb: ServerDatabase;
let server: ServerProcess;
const email = 'sigterm@example.org';

beforeAll(async () => {
  sdb = await serverDatabase();
  await sdb.withDb((db) =>
    createUser(db, { email, password: PASSWORD, role: 'editor' }, { userId: null, actor: 'test' }),
  );
  server = await spawnServer({ ...sdb.env, LOG_LEVEL: 'info' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await sdb?.close();
});

const geojson = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { property_id: '091-041-6001-0001', use_code: 'T' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [24.93, 60.2],
            [24.931, 60.2],
            [24.931, 60.2005],
            [24.93, 60.2],
          ],
        ],
      },
    },
  ],
});

describe('SIGTERM', { timeout: 120_000 }, () => {
  it('finishes a slow upload in flight, refuses new connections, then exits 0', async () => {
    const c = new StaffClient(server.url);
    expect((await c.login(email)).status).toBe(200);
    const boundary = 'tl-boundary';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.geojson"\r\n` +
        `Content-Type: application/geo+json\r\n\r\n${geojson}\r\n--${boundary}--\r\n`,
    );
    const agent = new http.Agent({ keepAlive: true });
    const url = new URL('/api/staff/import/jobs', server.url);
    let sigtermAt = 0;
    const answered = new Promise<{ status: number; at: number; body: string }>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            cookie: c.cookie,
            'x-csrf-token': c.csrf,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, at: Date.now(), body: text }));
        },
      );
      req.on('error', reject);
      // The body goes out in 10 pieces over about 2 s; SIGTERM arrives after the first.
      const pieces = 10;
      const size = Math.ceil(body.length / pieces);
      let i = 0;
      const tick = setInterval(() => {
        req.write(body.subarray(i * size, (i + 1) * size));
        if (i === 0) {
          sigtermAt = Date.now();
          server.child.kill('SIGTERM');
        }
        if (++i === pieces) {
          clearInterval(tick);
          req.end();
        }
      }, 200);
    });
    // New connections are refused once the server is stopping (it logs that, then closes its
    // listener in the same turn).
    await expect
      .poll(() => server.output().includes('stopping: finishing in-flight requests'), { timeout: 10_000 })
      .toBe(true);
    const late = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(3_000) }).then(
      (r) => `answered ${r.status}`,
      () => 'refused',
    );
    const res = await answered;
    const code = await server.exited;
    agent.destroy();
    expect(late).toBe('refused');
    expect(res.status, res.body).toBe(201);
    expect(res.at).toBeGreaterThan(sigtermAt);
    expect(code).toBe(0);
    const log = server.output();
    const stopping = log.indexOf('stopping: finishing in-flight requests');
    const stopped = log.indexOf('stopped: in-flight requests finished, database closed');
    expect(stopping).toBeGreaterThanOrEqual(0);
    expect(stopped).toBeGreaterThan(stopping);
  });
});
