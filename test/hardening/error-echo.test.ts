/**
 * Error answers never fail and never leak: the offending value is echoed bounded in size and
 * depth, whatever it is (a throwing getter, a BigInt, a cycle), and anything that still goes
 * wrong answers with the minimal JSON 500, never Express's HTML page with a stack and paths.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badRequest } from '../../server/http/errors.ts';
import { errorHandler, finalHandler } from '../../server/http/middleware.ts';
import { createLogger } from '../../server/log.ts';
import { deepJson } from './hostile.ts';
import { timed, type Timed } from './http.ts';
import { useTestServer } from '../helpers/fixture.ts';

let plot: number;

const app = useTestServer({ apiRateLimitPerMin: 0 });
beforeAll(async () => {
  const [row] = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE status = 'published' ORDER BY id LIMIT 1`,
  );
  plot = Number(row!.id);
});

/** What an anonymous client must never see: HTML, stack lines, file paths. */
function expectNoLeak(r: Timed): void {
  expect(r.headers?.get('content-type')).toMatch(/^application\/json/);
  expect(r.body).not.toMatch(/<html|<!DOCTYPE/i);
  expect(r.body).not.toMatch(/\bat [\w.<>]+ \(|\n\s+at /);
  expect(r.body).not.toMatch(/\/(work|home|usr|tmp)\/|node_modules|\.ts:\d/);
}

const permitPath = (id: string | number, body: string) =>
  timed(`${app.url}/api/plots/${id}/permit-path`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('a 300 000-deep permit-path body', { timeout: 60_000 }, () => {
  const deep = deepJson(300_000);
  it.each([
    ['facts, known activity', () => permitPath(plot, `{"activity":"office","facts":${deep}}`)],
    ['facts, no activity', () => permitPath(plot, `{"facts":${deep}}`)],
    ['activity', () => permitPath(plot, `{"activity":${deep}}`)],
    ['activity, unknown plot', () => permitPath(999_999_999, `{"activity":${deep},"facts":${deepJson(70)}}`)],
    ['the whole body', () => permitPath('x', deep)],
  ])('%s: 400 json_too_deep, JSON, no stack', async (_label, send) => {
    const r = await send();
    expect(r.status).toBe(400);
    expect(r.json?.error?.code).toBe('json_too_deep');
    expectNoLeak(r);
  });
});

describe('large values echoed', { timeout: 60_000 }, () => {
  it('a long or wide value comes back cut, the message too', async () => {
    const long = 'x'.repeat(900_000);
    const a = await permitPath(plot, JSON.stringify({ activity: long }));
    expect([a.status, a.json?.error?.code]).toEqual([400, 'unknown_activity']);
    expect(a.body.length).toBeLessThan(5_000);
    const wide = await permitPath(
      plot,
      JSON.stringify({ activity: 'office', facts: Array(50_000).fill([1, [2, [3, [4]]]]) }),
    );
    expect([wide.status, wide.json?.error?.code]).toEqual([400, 'invalid_facts']);
    expect(wide.body.length).toBeLessThan(5_000);
    expectNoLeak(wide);
  });
});

describe('the error handler itself', () => {
  let base = '';
  let srv: http.Server;
  const log = createLogger('silent');
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;
  const VALUES: Record<string, () => unknown> = {
    getter: () => ({
      ok: 1,
      get bad() {
        throw new Error('/secret/path.ts:1 getter');
      },
    }),
    bigint: () => 2n ** 200n,
    cyclic: () => cyclic,
    symbol: () => ({ s: Symbol('x'), f: () => 1 }),
    toJSON: () => ({
      toJSON() {
        throw new Error('no');
      },
    }),
    proxy: () =>
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error('trap');
          },
        },
      ),
    deep: () => JSON.parse(deepJson(5_000)) as unknown,
    buffer: () => Buffer.alloc(1_000_000),
  };

  beforeAll(async () => {
    const app = express();
    app.get('/value/:kind', (req) => {
      throw badRequest('bad_value', 'The value is bad.', VALUES[req.params.kind]!(), {
        extra: VALUES[req.params.kind]!(),
      });
    });
    app.get('/json-throws', (_req, res) => {
      res.json = () => {
        throw new Error('serialisation failed at /srv/app.ts:1');
      };
      throw badRequest('bad_value', 'The value is bad.', 1);
    });
    app.get('/handler-throws', () => {
      throw new Error('boom');
    });
    // An error middleware before ours that fails: the error still gets the JSON shape.
    app.use('/handler-throws', ((_err, _req, _res, _next) => {
      throw new RangeError('Maximum call stack size exceeded');
    }) as express.ErrorRequestHandler);
    app.use('/value', errorHandler(log));
    app.use('/json-throws', errorHandler(log));
    srv = http.createServer((req, res) => {
      (app as unknown as (a: unknown, b: unknown, c: unknown) => void)(req, res, finalHandler(log, req, res));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => srv.close(() => r())));

  it.each(Object.keys(VALUES))('survives a %s value: 400 with the code and a bounded echo', async (kind) => {
    const r = await timed(`${base}/value/${kind}`);
    expect([r.status, r.json?.error?.code]).toEqual([400, 'bad_value']);
    expect(r.body.length).toBeLessThan(5_000);
    expectNoLeak(r);
  });

  it('echoes what it can read', async () => {
    const g = (await timed(`${base}/value/getter`)).json as { error: { value: Record<string, unknown> } };
    expect(g.error.value).toEqual({ ok: 1, bad: '[unreadable]' });
    const b = (await timed(`${base}/value/bigint`)).json as { error: { value: string } };
    expect(b.error.value).toBe(String(2n ** 200n));
    const c = (await timed(`${base}/value/cyclic`)).json as { error: { value: Record<string, unknown> } };
    expect(c.error.value.name).toBe('loop');
  });

  it('answers the minimal JSON 500 when even serialising the answer fails', async () => {
    const r = await timed(`${base}/json-throws`);
    expect(r.status).toBe(500);
    expect(r.json).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on our side.' },
    });
    expectNoLeak(r);
  });

  it('an error past every error middleware still answers JSON, not the HTML page', async () => {
    const r = await timed(`${base}/handler-throws`);
    expect([r.status, r.json?.error?.code]).toEqual([500, 'internal_error']);
    expectNoLeak(r);
    const none = await timed(`${base}/nothing-here`);
    expect([none.status, none.json?.error?.code]).toEqual([404, 'not_found']);
    expectNoLeak(none);
  });
});

describe('the real app.server', () => {
  it("answers a path no route has with JSON, not Express's page", async () => {
    const r = await timed(`${app.url}/no/such/page`);
    expect([r.status, r.json?.error?.code]).toEqual([404, 'not_found']);
    expectNoLeak(r);
  });
});
