import net from 'node:net';

/** A cookie jar per origin, enough for following a sign-in through the provider with fetch. */
export class Jar {
  private byOrigin = new Map<string, Map<string, string>>();
  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
  take(url: URL, res: Response): void {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    this.byOrigin.set(url.origin, jar);
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) jar.delete(name);
      else jar.set(name, pair!.slice(i + 1).trim());
    }
  }
  get(origin: string, name: string): string | undefined {
    return this.byOrigin.get(origin)?.get(name);
  }
}

/** A port nobody listens on now: the app's redirect URL is registered at the provider before it starts. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface SignIn {
  jar: Jar;
  /** Where the app sent the browser at the end (e.g. /apply.html or /apply.html?oidc_error=...). */
  landed: URL;
  /** The provider's answer as it arrived at the callback. */
  callback?: URL;
}

/**
 * Follows a sign-in as a browser would: the app's start, the provider's login page (the form
 * filled with `name`), back to the callback and onward until the app's own page. `beforeCallback`
 * may act before the app sees the provider's answer (change the stored flow, keep the URL).
 */
export async function signInThrough(
  appBase: string,
  name: string,
  opts: { jar?: Jar; start?: string; beforeCallback?: (u: URL) => Promise<void> | void } = {},
): Promise<SignIn> {
  const jar = opts.jar ?? new Jar();
  const app = new URL(appBase).origin;
  let url = new URL(opts.start ?? '/auth/oidc/start', appBase);
  let method = 'GET';
  let body: URLSearchParams | undefined;
  let callback: URL | undefined;
  for (let hops = 0; hops < 20; hops++) {
    if (url.origin === app && url.pathname === '/auth/oidc/callback') {
      callback = url;
      await opts.beforeCallback?.(url);
    }
    const res = await fetch(url, { method, body, redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.take(url, res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      if (url.origin === app && !url.pathname.startsWith('/auth/oidc/'))
        return { jar, landed: url, callback };
      continue;
    }
    const html = await res.text();
    const form = /<form method="post" action="([^"]+)"/.exec(html);
    if (res.status !== 200 || !form)
      throw new Error(`sign-in stopped at ${url}: ${res.status} ${html.slice(0, 300)}`);
    url = new URL(form[1]!, url);
    method = 'POST';
    body = new URLSearchParams({ login: name });
  }
  throw new Error('too many redirects');
}
