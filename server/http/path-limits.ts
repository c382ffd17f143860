import type http from 'node:http';
import proxyAddr from 'proxy-addr';
import type { Config } from '../config.ts';

/** Express's compiled 'trust proxy' setting (app.get('trust proxy fn')). */
export type TrustFn = (addr: string, hop: number) => boolean;

const WINDOW_MS = 60_000;
/** Distinct addresses counted per window at most; beyond that the counts start over. */
const MAX_KEYS = 100_000;

/**
 * The time to the second, kept by one unref'd timer: reading the clock per request costs more
 * than the rest of the check on some virtual machines (Date.now() took 190 ns on ours).
 */
let coarseNow = Date.now();
let ticking: NodeJS.Timeout | undefined;
const coarseClock = () => coarseNow;
function startClock(): void {
  if (ticking) return;
  ticking = setInterval(() => (coarseNow = Date.now()), 1000);
  ticking.unref();
}

/**
 * Requests per client address in fixed one-minute windows. All addresses share the window, so
 * pruning is one clear() when it ends, and a request costs a Map lookup and an increment.
 * A client can at most double its budget across a window's edge, which generous budgets allow.
 */
export class WindowCounter {
  private readonly counts = new Map<string, number>();
  private windowEnd = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number = coarseClock,
  ) {
    if (now === coarseClock) startClock();
  }

  /** Counts one request; returns 0 when allowed, else the seconds until the window ends. */
  hit(key: string): number {
    const t = this.now();
    if (t >= this.windowEnd || this.counts.size >= MAX_KEYS) {
      this.counts.clear();
      this.windowEnd = t + WINDOW_MS;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    if (n > this.limit) return Math.max(1, Math.ceil((this.windowEnd - t) / 1000));
    this.counts.set(key, n);
    return 0;
  }
}

/**
 * The client's address as Express's req.ip gives it: the socket's, or with X-Forwarded-For,
 * the nearest address not vouched for by a trusted proxy.
 */
export function clientAddress(req: http.IncomingMessage, trust: TrustFn): string {
  if (req.headers['x-forwarded-for'] === undefined) return req.socket.remoteAddress ?? '';
  return proxyAddr(req, trust);
}

type Budgets = Pick<Config, 'tileRateLimitPerMin' | 'basemapRateLimitPerMin' | 'ogcRateLimitPerMin'>;

/**
 * Per-address budgets for /tiles, /basemap and /ogc, checked on the raw request before the
 * cached-tile fast path and Express alike, so no request escapes them and none is counted
 * twice. Returns true when it answered 429 rate_limited.
 */
export function pathRateLimits(
  budgets: Budgets,
  trust: () => TrustFn,
): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const limits: Array<[prefix: string, counter: WindowCounter]> = [];
  if (budgets.tileRateLimitPerMin > 0) limits.push(['tiles', new WindowCounter(budgets.tileRateLimitPerMin)]);
  if (budgets.basemapRateLimitPerMin > 0)
    limits.push(['basemap', new WindowCounter(budgets.basemapRateLimitPerMin)]);
  if (budgets.ogcRateLimitPerMin > 0) limits.push(['ogc', new WindowCounter(budgets.ogcRateLimitPerMin)]);
  if (limits.length === 0) return () => false;
  return (req, res) => {
    const url = req.url ?? '';
    for (const [prefix, counter] of limits) {
      if (!underPrefix(url, prefix)) continue;
      const wait = counter.hit(clientAddress(req, trust()));
      if (wait === 0) return false;
      refuse(req, res, counter.limit, wait);
      return true;
    }
    return false;
  };
}

/**
 * `/prefix` followed by the end, `/`, `.` or `?`, in any letter case (Express routes ignore
 * case), without allocating a string.
 */
function underPrefix(url: string, prefix: string): boolean {
  if (url.charCodeAt(0) !== 47 /* / */) return false;
  for (let i = 0; i < prefix.length; i++)
    if ((url.charCodeAt(i + 1) | 0x20) !== prefix.charCodeAt(i)) return false;
  const next = url.charCodeAt(prefix.length + 1);
  return Number.isNaN(next) || next === 47 || next === 46 /* . */ || next === 63; /* ? */
}

const MESSAGE = {
  fi: 'Liikaa pyyntöjä; yritä uudelleen hetken kuluttua.',
  sv: 'För många förfrågningar; försök igen om en stund.',
  en: 'Too many requests; try again in a minute.',
} as const;
type Lang = keyof typeof MESSAGE;

/** ?lang= (the basemap style has it), else the first of Accept-Language we speak, else Finnish. */
function refusalLang(req: http.IncomingMessage): Lang {
  const q = /[?&]lang=(fi|sv|en)(&|$)/.exec(req.url ?? '');
  if (q) return q[1] as Lang;
  const accepted = (req.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qv = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0]!, q: qv ? Number(qv.trim().slice(2)) : 1 };
    })
    .filter((a) => a.lang in MESSAGE && a.q > 0)
    .sort((a, b) => b.q - a.q);
  return (accepted[0]?.lang as Lang | undefined) ?? 'fi';
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, limit: number, wait: number): void {
  const body = JSON.stringify({ error: { code: 'rate_limited', message: MESSAGE[refusalLang(req)] } });
  // The same headers express-rate-limit gives /api (draft-7), and CORS: these paths are read
  // by maps on other origins, which should see why they were refused.
  res.writeHead(429, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Retry-After': String(wait),
    'RateLimit-Policy': `${limit};w=${WINDOW_MS / 1000}`,
    RateLimit: `limit=${limit}, remaining=0, reset=${wait}`,
    'Access-Control-Allow-Origin': '*',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
