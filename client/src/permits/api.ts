import type { Activities, PermitContact, PermitPath, FactValue } from './types.ts';

/** A failed permits request: the server's stable code (or `network`), never shown raw. */
export class PermitsApiError extends Error {
  override name = 'PermitsApiError';
  constructor(
    public readonly status: number,
    public readonly code: string,
  ) {
    super(code);
  }
}

async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new PermitsApiError(0, 'network');
  }
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (!res.ok || body === null)
    throw new PermitsApiError(res.status, body?.error?.code ?? `http_${res.status}`);
  return body as T;
}

export const permitsApi = {
  activities: (signal?: AbortSignal) => request<Activities>('/api/permits/activities', { signal }),
  contacts: (plotId: number, signal?: AbortSignal) =>
    request<{ plot_id: number; contacts: PermitContact[] }>(`/api/plots/${plotId}/contacts`, { signal }),
  path: (plotId: number, activity: string, facts: Record<string, FactValue>, signal?: AbortSignal) =>
    request<PermitPath>(`/api/plots/${plotId}/permit-path`, {
      method: 'POST',
      signal,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ activity, facts }),
    }),
};
