/**
 * Thin fetch wrappers for the JSON API. Every failure becomes an ApiError with the server's
 * stable code (or `network` / `bad_response`), which the UI turns into a message in the user's
 * language; nothing here shows text.
 */
import type { AppConfig, District, PlotCard, PlotPage, SearchResult } from './types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, res.ok ? 'bad_response' : `http_${res.status}`, res.statusText);
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText);
  }
  return body as T;
}

export const isAbort = (err: unknown): boolean => (err as Error)?.name === 'AbortError';

export const api = {
  config: (signal?: AbortSignal) => getJson<AppConfig>('/api/config', signal),
  districts: (signal?: AbortSignal) => getJson<{ districts: District[] }>('/api/districts', signal),
  /** One page of plots; `params` carries the filter plus bbox/sort/limit/cursor. */
  plots: (params: URLSearchParams, signal?: AbortSignal) =>
    getJson<PlotPage>(`/api/plots?${params.toString()}`, signal),
  plot: (id: number, signal?: AbortSignal) => getJson<PlotCard>(`/api/plots/${id}`, signal),
  /** Suggestions labelled in `lang`, every part of them. */
  search: (q: string, limit: number, lang: string, signal?: AbortSignal) =>
    getJson<{ results: SearchResult[] }>(
      `/api/search?${new URLSearchParams({ q, limit: String(limit), lang }).toString()}`,
      signal,
    ),
  /** Published plots per sub-district under every other filter (the sub-district facet's counts). */
  districtCounts: (filterQuery: string, signal?: AbortSignal) =>
    getJson<{ sub_districts: Record<string, number> }>(`/api/districts/counts?${filterQuery}`, signal),
  /** `area`: sub_district=N or plan=N. */
  outline: (area: string, signal?: AbortSignal) =>
    getJson<GeoJSON.Feature & { bbox: [number, number, number, number] }>(`/api/outline?${area}`, signal),
};
