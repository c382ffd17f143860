import { useCallback, useEffect, useRef } from 'react';

/**
 * Keeps the address bar on `search`: a choice the user makes (after `push()`) is a history step,
 * anything else (panning, a fix-up) replaces the entry, and a step back or forward calls `onPop`
 * without writing the address it came from back again.
 */
export function useHistorySync(search: string, initialSearch: string, onPop: () => void) {
  const mode = useRef<'push' | 'replace' | 'none'>('replace');
  const popped = useRef(onPop);
  popped.current = onPop;

  useEffect(() => {
    const m = mode.current;
    mode.current = 'replace';
    if (m === 'none' || search === location.search) return;
    const url = location.pathname + search + location.hash;
    if (m === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }, [search]);

  useEffect(() => {
    const handler = () => {
      mode.current = 'none';
      popped.current();
    };
    window.addEventListener('popstate', handler);
    // A back/forward step taken while the app was still starting fired before this listener.
    if (location.search !== initialSearch) handler();
    return () => window.removeEventListener('popstate', handler);
  }, [initialSearch]);

  /** The next change of the address is a history step of its own. */
  return useCallback(() => {
    mode.current = 'push';
  }, []);
}
