import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { useTestServer } from '../helpers/fixture.ts';
import { startTestServer } from '../helpers/server.ts';

const app = useTestServer();

describe('security headers', () => {
  it('sends a Content-Security-Policy that lets MapLibre start its blob: workers', async () => {
    const res = await fetch(`${app.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('opens the public read API to other origins and keeps other paths same-origin', async () => {
    const pub = await fetch(`${app.url}/api/config`, { headers: { Origin: 'https://gis.example.org' } });
    expect(pub.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await fetch(`${app.url}/api/staff/plots`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits requests per address on the API with a clear 429', async () => {
    const limited = await startTestServer(app.db, { apiRateLimitPerMin: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${limited.url}/api/nope-${i}`)).status);
      expect(statuses).toEqual([404, 404, 404, 404, 404]);
      const last = await fetch(`${limited.url}/api/nope-last`);
      expect(last.status).toBe(429);
      expect((await last.json()).error.code).toBe('rate_limited');
    } finally {
      await limited.stop();
    }
  });
});

describe('configuration', () => {
  it('names every bad variable in one error and never echoes secrets', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres//user:hunter2@x' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL/);
      expect((err as Error).message).not.toMatch(/hunter2/);
    }
  });
});
