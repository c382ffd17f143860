/**
 * Request size and time limits: oversized bodies and headers are refused with a status and a
 * code, and slow clients (headers or body trickled a few bytes at a time) are cut off by the
 * app.server while normal requests keep being answered.
 */
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type StaffClient } from '../auth/client.ts';
import { timed, violation } from './http.ts';
import { useTestServer } from '../helpers/fixture.ts';

let staff: StaffClient;
// Short deadlines so the test sees the cut-off quickly; production defaults are 10 s and 300 s.
const HEADERS_MS = 1_000;
const REQUEST_MS = 2_000;

const app = useTestServer({ headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS });
beforeAll(async () => {
  staff = await signedIn(app.db, app.url, 'editor');
});

/**
 * A client that sends `chunks` one every `everyMs` and records when the app.server ends the
 * connection (and what it said). It stops sending by itself after the last chunk.
 */
function trickle(chunks: string[], everyMs: number): Promise<{ closedAfterChunks: number; reply: string }> {
  const port = Number(new URL(app.url).port);
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let sent = 0;
    let reply = '';
    let timer: NodeJS.Timeout | undefined;
    sock.on('data', (d) => (reply += d.toString()));
    const done = () => {
      clearInterval(timer);
      resolve({ closedAfterChunks: sent, reply });
    };
    sock.on('close', done);
    sock.on('error', () => {});
    sock.on('connect', () => {
      timer = setInterval(() => {
        if (sent === chunks.length) {
          clearInterval(timer);
          // Everything sent and still open: give the app.server a moment to answer, then hang up.
          setTimeout(() => sock.destroy(), 1_000);
          return;
        }
        sock.write(chunks[sent++]!);
      }, everyMs);
    });
  });
}

describe('size limits', { timeout: 120_000 }, () => {
  it('refuses a JSON body over 1 MB with 413 body_too_large', async () => {
    const big = JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(1_100_000) });
    const login = await timed(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect([login.status, login.json?.error?.code]).toEqual([413, 'body_too_large']);
    const patch = await timed(`${app.url}/api/staff/plots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: staff.cookie, 'x-csrf-token': staff.csrf },
      body: JSON.stringify({ notes: 'y'.repeat(2_000_000) }),
    });
    expect([patch.status, patch.json?.error?.code]).toEqual([413, 'body_too_large']);
  });

  it('refuses headers over 16 KB with 431 and a URL of 100 KB likewise, without a 5xx', async () => {
    const headers = await timed(`${app.url}/api/search?q=a`, {
      headers: { 'x-filler': 'z'.repeat(20_000) },
    });
    expect([headers.status, headers.json?.error?.code]).toEqual([431, 'headers_too_large']);
    const url = await timed(`${app.url}/api/search?q=${'a'.repeat(100_000)}`);
    expect([url.status, url.json?.error?.code]).toEqual([431, 'headers_too_large']);
    // A URL just over the limit, as a fuzzer once built from repeated parameters.
    const params = Array.from({ length: 3 }, () => `limit=${'1%2C'.repeat(2_000)}`).join('&');
    const near = await timed(`${app.url}/api/search?q=0&${params}`);
    expect(violation(near)).toBeNull();
  });
});

describe('time limits', { timeout: 120_000 }, () => {
  it('cuts off clients that send their headers slowly while others are served', async () => {
    // 20 slow clients, each sending one header line every 250 ms for 5 s.
    const lines = [
      'GET /api/search?q=a HTTP/1.1\r\n',
      'Host: x\r\n',
      ...Array.from({ length: 20 }, (_, i) => `X-Slow-${i}: ${i}\r\n`),
      '\r\n',
    ];
    const slow = Array.from({ length: 20 }, () => trickle(lines, 250));
    // Meanwhile ordinary requests are answered.
    const normal: number[] = [];
    for (let i = 0; i < 10; i++) {
      normal.push((await timed(`${app.url}/api/search?q=roihu${i}`, {}, 5_000)).status);
      await new Promise((r) => setTimeout(r, 150));
    }
    const results = await Promise.all(slow);
    expect(normal.every((s) => s === 200)).toBe(true);
    for (const r of results) {
      // Cut off before the last header line could arrive, with a 408 or a plain close.
      expect(r.closedAfterChunks).toBeLessThan(lines.length);
      if (r.reply) expect(r.reply).toMatch(/^HTTP\/1\.1 408/);
    }
  });

  it('cuts off a client that trickles its request body', async () => {
    const body = 'x'.repeat(40);
    const chunks = [
      `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      ...body.split(''),
    ];
    const r = await trickle(chunks, 200);
    expect(r.closedAfterChunks).toBeLessThan(chunks.length);
    expect((await timed(`${app.url}/healthz`)).status).toBe(200);
  });
});
