import type { DataVersion } from './data-version.ts';

// Entries kept per data version; paging through one filter needs one, a busy server a few hundred.
const MAX_ENTRIES = 500;

/**
 * Counts of matching plots by a text key (filter and bbox), valid for one data version: paging
 * through a large answer counts it once, not once per page. A publication empties it.
 */
export function createCountCache(dataVersion: DataVersion) {
  let version = dataVersion.current();
  const counts = new Map<string, number>();
  return async function cachedCount(key: string, count: () => Promise<number>): Promise<number> {
    const v = dataVersion.current();
    if (v !== version) {
      counts.clear();
      version = v;
    }
    const hit = counts.get(key);
    if (hit !== undefined) return hit;
    const n = await count();
    // The version may have moved while counting; then the number is not stored.
    if (dataVersion.current() === version) {
      if (counts.size >= MAX_ENTRIES) counts.delete(counts.keys().next().value!);
      counts.set(key, n);
    }
    return n;
  };
}

export type CountCache = ReturnType<typeof createCountCache>;
