import { useEffect, useRef, useState } from 'react';

/** What a change event says: which case moved and where to. */
export interface LiveChange {
  case: string;
  stage: string;
}

/**
 * Follows a server event stream (a project's timeline or a department's inbox): `onChange` runs
 * for every change, and with null after every (re)connect, since changes may have happened while
 * the stream was away. Returns whether the stream is connected now. No URL: nothing to follow.
 */
export function useLiveChanges(url: string | null, onChange: (c: LiveChange | null) => void): boolean {
  const [connected, setConnected] = useState(true);
  // The latest callback without reopening the stream each time the page re-renders.
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    if (!url) return;
    const es = new EventSource(url);
    es.addEventListener('change', (e) => {
      try {
        handler.current(JSON.parse((e as MessageEvent<string>).data) as LiveChange);
      } catch {
        handler.current(null);
      }
    });
    es.onopen = () => {
      setConnected(true);
      handler.current(null);
    };
    es.onerror = () => setConnected(false);
    return () => es.close();
  }, [url]);
  return connected;
}
