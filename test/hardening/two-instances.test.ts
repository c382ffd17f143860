/**
 * Two instances over one database behind a round-robin proxy: a publication made on one shows
 * in the other's tiles (the delay is printed), and staff sessions work on both: a sign-in
 * through either serves requests on both, a planted cookie is never adopted, and a logout on
 * one ends the session on the other.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, StaffClient } from '../auth/client.ts';
import { freshPropertyId, square } from '../staff/geo.ts';
import { startInstancePair, type InstancePair } from './instances.ts';

let pair: InstancePair;
beforeAll(async () => {
  pair = await startInstancePair();
}, 120_000);
afterAll(async () => {
  await pair?.close();
});

function tileOf(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

async function idsInTile(base: string, tile: string): Promise<number[]> {
  const res = await fetch(`${base}/tiles/plots/${tile}.mvt`);
  if (res.status === 204) return [];
  const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers.plots;
  const ids: number[] = [];
  for (let i = 0; layer && i < layer.length; i++) ids.push(Number(layer.feature(i).properties.id));
  return ids;
}

describe(`two instances behind a round-robin proxy`, { timeout: 120_000 }, () => {
  it('a publication on A reaches B’s cached tile', async () => {
    const [a, b] = pair.urls;
    const publisher = await signedIn(pair.db, a, 'publisher');
    const lon = 24.9402;
    const lat = 60.1711;
    const tile = tileOf(lon, lat, 16);
    const created = await publisher.json<{ plot: { id: number; version: number } }>(
      'POST',
      '/api/staff/plots',
      {
        property_id: freshPropertyId(),
        use_code: 'KT',
        geometry: square(lon, lat, 0.0003),
      },
    );
    expect(created.status).toBe(201);
    const id = created.body.plot.id;
    expect(await idsInTile(b, tile)).not.toContain(id); // B has the tile cached without it
    const pub = await publisher.json('POST', `/api/staff/plots/${id}/publish`, {
      version: created.body.plot.version,
    });
    expect(pub.status).toBe(200);
    const t = performance.now();
    let delayMs = -1;
    while (performance.now() - t < 5_000) {
      if ((await idsInTile(b, tile)).includes(id)) {
        delayMs = performance.now() - t;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(
      `publication on A visible in B's tile after ${delayMs.toFixed(0)} ms (${pair.mode}, ${pair.db.kind})`,
    );
    expect(delayMs).toBeGreaterThanOrEqual(0);
    // Through the proxy both instances now agree, whichever answers.
    for (let i = 0; i < 4; i++) expect(await idsInTile(pair.proxyUrl, tile)).toContain(id);
  });

  it('a session made through the proxy works on both instances; logout on one ends it on both', async () => {
    const c = await signedIn(pair.db, pair.proxyUrl, 'editor');
    const before = [...pair.proxy.counts];
    for (let i = 0; i < 6; i++) expect((await c.req('GET', '/api/auth/me')).status).toBe(200);
    // Both instances answered some of them.
    expect(pair.proxy.counts.every((n, i) => n > before[i]!)).toBe(true);
    // A state change with the CSRF token works on either instance.
    for (const base of pair.urls) {
      const direct = new StaffClient(base);
      direct.cookie = c.cookie;
      direct.csrf = c.csrf;
      expect((await direct.req('GET', '/api/staff/plots?limit=1')).status).toBe(200);
    }
    const [a, b] = pair.urls;
    const onA = new StaffClient(a);
    onA.cookie = c.cookie;
    onA.csrf = c.csrf;
    expect((await onA.req('POST', '/api/auth/logout')).status).toBe(204);
    expect((await fetch(`${b}/api/auth/me`, { headers: { cookie: c.cookie } })).status).toBe(401);
    expect((await fetch(`${a}/api/auth/me`, { headers: { cookie: c.cookie } })).status).toBe(401);
  });

  it('a cookie set before sign-in is replaced, and the old one opens nothing on either instance', async () => {
    const [a, b] = pair.urls;
    const victim = await signedIn(pair.db, b, 'editor');
    const email = (await victim.json<{ user: { email: string } }>('GET', '/api/auth/me')).body.user.email;
    const planted = victim.cookie; // a token the attacker knows, already valid on B
    const c = new StaffClient(a);
    c.cookie = planted;
    expect((await c.login(email)).status).toBe(200);
    expect(c.cookie).not.toBe(planted);
    for (const base of [a, b])
      expect((await fetch(`${base}/api/auth/me`, { headers: { cookie: planted } })).status).toBe(401);
    for (const base of [a, b])
      expect((await fetch(`${base}/api/auth/me`, { headers: { cookie: c.cookie } })).status).toBe(200);
  });
});
