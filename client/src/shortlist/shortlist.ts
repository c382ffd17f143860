/**
 * The shortlist, kept in localStorage so it survives visits. Unreadable or foreign content
 * in storage is treated as an empty list, never an error.
 */
import { useCallback, useEffect, useState } from 'react';

export interface ShortlistItem {
  id: number;
  property_id: string;
  address: string | null;
}

const KEY = 'tonttiluukku.shortlist';
const MAX = 50;

export function readShortlist(): ShortlistItem[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .filter(
        (x): x is ShortlistItem =>
          !!x &&
          Number.isInteger((x as ShortlistItem).id) &&
          typeof (x as ShortlistItem).property_id === 'string',
      )
      .slice(0, MAX)
      .map((x) => ({
        id: x.id,
        property_id: x.property_id.slice(0, 40),
        address: typeof x.address === 'string' ? x.address.slice(0, 200) : null,
      }));
  } catch {
    return [];
  }
}

export function useShortlist() {
  const [items, setItems] = useState<ShortlistItem[]>(readShortlist);
  useEffect(() => {
    // Another tab changed it.
    const on = (e: StorageEvent) => e.key === KEY && setItems(readShortlist());
    window.addEventListener('storage', on);
    return () => window.removeEventListener('storage', on);
  }, []);
  const save = (next: ShortlistItem[]) => {
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Private mode or full storage: the list still works for this visit.
    }
    return next;
  };
  const toggle = useCallback((item: ShortlistItem) => {
    setItems((cur) =>
      save(
        cur.some((i) => i.id === item.id) ? cur.filter((i) => i.id !== item.id) : [...cur, item].slice(-MAX),
      ),
    );
  }, []);
  const remove = useCallback((id: number) => setItems((cur) => save(cur.filter((i) => i.id !== id))), []);
  const has = useCallback((id: number) => items.some((i) => i.id === id), [items]);
  return { items, toggle, remove, has };
}
