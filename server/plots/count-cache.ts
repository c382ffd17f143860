import type { DataVersion } from './data-version.ts';
import { createVersionedCache } from './versioned-cache.ts';

// Entries kept per data version; paging through one filter needs one, a busy server a few hundred.
const MAX_ENTRIES = 500;

/**
 * Counts of matching plots by a text key (filter and bbox), valid for one data version: paging
 * through a large answer counts it once, not once per page. A publication empties it.
 */
export function createCountCache(dataVersion: DataVersion) {
  return createVersionedCache<number>(dataVersion, MAX_ENTRIES);
}

export type CountCache = ReturnType<typeof createCountCache>;
