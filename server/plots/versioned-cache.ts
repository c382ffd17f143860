import type { DataVersion } from './data-version.ts';

/**
 * Values by a text key, valid for one data version, least recently used dropped beyond
 * `maxEntries`. Concurrent misses for one key share one load; a failed load is not kept. A
 * publication (any change that moves the version) empties it on the next call.
 */
export function createVersionedCache<T>(dataVersion: DataVersion, maxEntries: number) {
  let version = dataVersion.current();
  const entries = new Map<string, Promise<T>>();
  return function cached(key: string, load: () => Promise<T>): Promise<T> {
    const v = dataVersion.current();
    if (v !== version) {
      entries.clear();
      version = v;
    }
    const hit = entries.get(key);
    if (hit) {
      // Map order is insertion order: moving the key to the end keeps it the newest.
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const p = load();
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, p);
    p.catch(() => {
      if (entries.get(key) === p) entries.delete(key);
    });
    return p;
  };
}

export type VersionedCache<T> = ReturnType<typeof createVersionedCache<T>>;
