import { createUser } from '../../server/auth/users.ts';
import type { Db } from '../../server/db/index.ts';

export const PASSWORD = 'correct horse battery staple';

/** A tiny cookie-keeping HTTP client for one staff user. */
export class StaffClient {
  cookie = '';
  csrf = '';
  constructor(public base: string) {}

  async login(email: string, password = PASSWORD): Promise<Response> {
    const res = await fetch(this.base + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ email, password }),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  /** Sends a request with the session cookie and (unless told not to) the CSRF header. */
  req(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean; raw?: BodyInit; type?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (opts.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.type) headers['content-type'] = opts.type;
    return fetch(this.base + path, {
      method,
      headers,
      body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  }

  async json<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await this.req(method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }
}

let n = 0;
/** Creates an account with the given role and returns a signed-in client. */
export async function signedIn(
  db: Db,
  base: string,
  role: string,
  extra: Record<string, unknown> = {},
): Promise<StaffClient> {
  const email = `${role}${++n}-${Math.random().toString(36).slice(2, 7)}@example.org`;
  await createUser(db, { email, password: PASSWORD, role, ...extra }, { userId: null, actor: 'test' });
  const c = new StaffClient(base);
  const res = await c.login(email);
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return c;
}
