import { describe, expect, it } from 'vitest';
import type { DataVersion } from '../../server/plots/data-version.ts';
import { createVersionedCache } from '../../server/plots/versioned-cache.ts';

function fakeVersion() {
  let v = 1;
  const dv = { current: () => v } as DataVersion;
  return { dv, bump: () => v++ };
}

describe('a cache valid for one data version', () => {
  it('loads a key once, also for concurrent misses, until the data version moves', async () => {
    const { dv, bump } = fakeVersion();
    const cached = createVersionedCache<string>(dv, 10);
    let loads = 0;
    const load = async () => `card ${++loads}`;
    const [a, b] = await Promise.all([cached('7', load), cached('7', load)]);
    expect([a, b, loads]).toEqual(['card 1', 'card 1', 1]);
    expect(await cached('7', load)).toBe('card 1');
    bump();
    expect(await cached('7', load)).toBe('card 2');
  });

  it('keeps no failed load, so the next request tries again', async () => {
    const { dv } = fakeVersion();
    const cached = createVersionedCache<number>(dv, 10);
    await expect(cached('k', () => Promise.reject(new Error('database away')))).rejects.toThrow(
      'database away',
    );
    expect(await cached('k', async () => 42)).toBe(42);
  });

  it('drops the least recently used key beyond its size', async () => {
    const { dv } = fakeVersion();
    const cached = createVersionedCache<string>(dv, 2);
    let loads = 0;
    const load = (k: string) => async () => `${k}${++loads}`;
    await cached('a', load('a'));
    await cached('b', load('b'));
    await cached('a', load('a')); // a is now newer than b
    await cached('c', load('c')); // b goes
    expect(await cached('a', load('a'))).toBe('a1');
    expect(await cached('b', load('b'))).toBe('b4');
  });
});
