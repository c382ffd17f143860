import { StaffClient, signedIn } from '../auth/client.ts';
import type { Db } from '../../server/db/index.ts';

export const APPLICANT_PASSWORD = 'yrityksen salasana 2026';

/** Server settings of suites that register many applicants: each one signs in once. */
export const MANY_LOGINS = { loginRateLimitPerMinute: 10_000 };

let n = 0;
/** Valid business IDs (Y-tunnus): the check digit computed as the tax administration does. */
export function businessId(seed: number): string {
  for (let s = seed; ; s++) {
    const body = String(1_000_000 + (s % 8_999_999)).padStart(7, '0');
    const w = [7, 9, 10, 5, 8, 4, 2];
    const r = [...body].reduce((sum, d, i) => sum + Number(d) * w[i]!, 0) % 11;
    if (r !== 1) return `${body}-${r === 0 ? 0 : 11 - r}`;
  }
}

/**
 * Registers a company through the API and signs its applicant in, without confirming the
 * address: the account may prepare drafts but not submit.
 */
export async function registerUnverified(
  base: string,
  organisation = `Testiyhtiö ${++n} Oy`,
  lang = 'fi',
): Promise<StaffClient & { email: string }> {
  const email = `hakija${n}-${Math.random().toString(36).slice(2, 7)}@example.org`;
  const c = new StaffClient(base) as StaffClient & { email: string };
  c.email = email;
  const res = await fetch(base + '/api/applications/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organisation,
      businessId: businessId(1234567 + n * 13),
      email,
      password: APPLICANT_PASSWORD,
      lang,
    }),
  });
  if (res.status !== 202) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const login = await c.login(email, APPLICANT_PASSWORD);
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  return c;
}

/** The token of the newest verification link mailed to `email`, read from mail_outbox. */
export async function verificationToken(db: Db, email: string): Promise<string> {
  const [m] = await db.query<{ text_body: string }>(
    `SELECT text_body FROM mail_outbox WHERE lower(to_address) = lower($1) AND kind = 'account.verify_email'
     ORDER BY id DESC LIMIT 1`,
    [email],
  );
  const token = m && /[?&]verify=([\w-]+)/.exec(m.text_body)?.[1];
  if (!token) throw new Error(`no verification mail to ${email}`);
  return token;
}

/** Registers a company, confirms its address through the mailed link and signs it in. */
export async function registerApplicant(
  db: Db,
  base: string,
  organisation?: string,
  lang?: string,
): Promise<StaffClient & { email: string }> {
  const c = await registerUnverified(base, organisation, lang);
  const res = await fetch(base + '/api/applications/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: await verificationToken(db, c.email) }),
  });
  if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${await res.text()}`);
  return c;
}

export const handlerOf = (db: Db, base: string, departmentId: string) =>
  signedIn(db, base, 'handler', { departmentId });

/** A published industrial plot in Roihupelto (sub-district 456), valid plan, no prohibition. */
export async function roihupeltoPlot(db: Db, offset = 0): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE sub_district_number = 456 AND status = 'published'
       AND use_code IN ('T', 'TT', 'TY', 'T/kem') AND registered AND NOT building_prohibition AND plan_state = 'valid'
     ORDER BY id LIMIT 1 OFFSET $1`,
    [offset],
  );
  return Number(row!.id);
}

export interface SseEvent {
  event: string;
  id: string;
  data: string;
}

/** A text/event-stream reader over fetch: collects events until closed. */
export async function openEvents(base: string, path: string, cookie: string) {
  const ctl = new AbortController();
  const res = await fetch(base + path, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: ctl.signal,
  });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const status = res.status;
  const contentType = res.headers.get('content-type') ?? '';
  let done: () => void = () => {};
  const ended = new Promise<'ended' | 'aborted'>((resolve) => (done = () => resolve('ended')));
  const body = status === 200 ? null : await res.text();
  if (status === 200 && res.body) {
    void (async () => {
      const dec = new TextDecoder();
      let buf = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += dec.decode(chunk, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const e: SseEvent = { event: 'message', id: '', data: '' };
            let has = false;
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) {
                e.event = line.slice(7);
                has = true;
              } else if (line.startsWith('id: ')) e.id = line.slice(4);
              else if (line.startsWith('data: ')) {
                e.data += line.slice(6);
                has = true;
              }
            }
            if (has) {
              events.push(e);
              for (const w of waiters) w();
            }
          }
        }
        // The server ended the response (only an abort by close() lands in catch).
        done();
      } catch {
        /* aborted */
      }
    })();
  }
  return {
    status,
    contentType,
    /** The JSON error of a refused stream; null for an opened one. */
    error: body ? (JSON.parse(body) as { error: { code: string; [k: string]: unknown } }).error : null,
    /** Resolves when the server closes the stream. */
    ended,
    events,
    /** Resolves with the first event (received or arriving) that matches. */
    next(match: (e: SseEvent) => boolean, timeoutMs = 15_000): Promise<SseEvent> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const e = events.find(match);
          if (!e) return;
          waiters.delete(check);
          clearTimeout(t);
          resolve(e);
        };
        const t = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event among ${events.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => ctl.abort(),
  };
}
