import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/fixture.ts';

const app = useTestServer();

describe('health', () => {
  it('/healthz answers while the process lives', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports the database ready once migrations are applied', async () => {
    const res = await fetch(`${app.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: app.db.kind });
  });

  it('an unknown API path is a JSON 404 with a stable code', async () => {
    const res = await fetch(`${app.url}/api/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
