/** The staff API from the browser: cookie session, CSRF header on every state change. */

export interface ApiError {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

let csrf = '';
export const setCsrf = (token: string) => {
  csrf = token;
};

export function isApiError(e: unknown): e is ApiError {
  return !!e && typeof e === 'object' && 'code' in e && 'status' in e;
}

/** JSON request; throws an ApiError with the server's stable code on a non-2xx answer. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  return readJson<T>(res);
}

/** Parses a JSON API response; an error status throws the server's ApiError (code, message). */
export async function readJson<T>(res: Response): Promise<T> {
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string } }).error ?? {};
    throw {
      status: res.status,
      code: e.code ?? 'internal_error',
      message: e.message ?? '',
      details: e,
    } satisfies ApiError;
  }
  return data as T;
}

/**
 * Uploads a file with progress (fetch has no upload progress): `onProgress` gets 0-1 for the
 * bytes sent. Resolves with the parsed JSON, rejects with an ApiError.
 */
export function uploadFile<T>(path: string, file: File, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let data: unknown = {};
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* empty or non-JSON answer: handled below by the status */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        const e = (data as { error?: { code?: string; message?: string } }).error ?? {};
        reject({
          status: xhr.status,
          code: e.code ?? 'internal_error',
          message: e.message ?? '',
          details: e,
        } satisfies ApiError);
      }
    };
    xhr.onerror = () =>
      reject({ status: 0, code: 'network_error', message: '', details: {} } satisfies ApiError);
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export interface Me {
  user: { id: string; email: string; role: string; displayName: string };
  csrfToken: string;
  permissions: string[];
}
