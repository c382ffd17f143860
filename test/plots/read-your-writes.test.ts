/**
 * A staff write's answer comes only after this instance knows the data version the write made,
 * so a public card asked for right after it never comes from the cache of the version before
 * (on PostgreSQL the version otherwise arrives by NOTIFY, possibly after the answer).
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataVersion } from '../../server/plots/data-version.ts';
import { readYourWrites } from '../../server/plots/read-your-writes.ts';

let version = 1;
let refreshes = 0;
let release: () => void = () => {};
const dataVersion: DataVersion = {
  current: () => version,
  onChange: () => () => {},
  refresh: () =>
    new Promise<number>((resolve) => {
      refreshes++;
      release = () => resolve((version = 2));
    }),
  close: async () => {},
};

let url = '';
let server: ReturnType<express.Express['listen']>;
beforeAll(async () => {
  const app = express();
  app.use('/api/staff', readYourWrites(dataVersion));
  app.post('/api/staff/plots/1/withdraw', (_req, res) => void res.json({ ok: true }));
  app.post('/api/staff/plots/2/withdraw', (_req, res) => void res.status(409).json({ error: 'stale' }));
  app.get('/api/staff/plots/1', (_req, res) => void res.json({ version: dataVersion.current() }));
  await new Promise<void>((r) => (server = app.listen(0, '127.0.0.1', () => r())));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('staff writes', () => {
  it('answer once the data version they made has been read', async () => {
    let answered = false;
    const write = fetch(`${url}/api/staff/plots/1/withdraw`, { method: 'POST' }).then((r) => {
      answered = true;
      return r.json();
    });
    await expect.poll(() => refreshes).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    release();
    expect(await write).toEqual({ ok: true });
    expect(version).toBe(2);
  });

  it('do not wait when they failed, nor for reads', async () => {
    const before = refreshes;
    expect((await fetch(`${url}/api/staff/plots/2/withdraw`, { method: 'POST' })).status).toBe(409);
    expect(await (await fetch(`${url}/api/staff/plots/1`)).json()).toEqual({ version: 2 });
    expect(refreshes).toBe(before);
  });
});
