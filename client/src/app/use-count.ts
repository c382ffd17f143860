import { useEffect, useState } from 'react';
import { api, isAbort } from '../api/client.ts';

/** How many plots the filter finds (null while counting), or why it could not be counted. */
export function useCount(filterQuery: string) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ac = new AbortController();
    setTotal(null);
    const p = new URLSearchParams(filterQuery);
    p.set('limit', '1');
    api
      .plots(p, ac.signal)
      .then((r) => {
        setTotal(r.total);
        setError(null);
      })
      .catch((e) => !isAbort(e) && setError(e));
    return () => ac.abort();
  }, [filterQuery]);
  return { total, error };
}
