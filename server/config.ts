import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BasemapsError, parseBasemaps, type BasemapEntry } from './basemap/catalog.ts';

/** Repository root: data files, the client build and the default data folder live under it. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  /** postgres://... selects PostgreSQL; absent selects the embedded PGlite database. */
  databaseUrl: z.string().url().optional(),
  /** Folder where the embedded database keeps its files. */
  dataDir: z.string().default(path.join(ROOT_DIR, '.data', 'pglite')),
  /** Per-statement limit on PostgreSQL, in milliseconds. */
  statementTimeoutMs: z.coerce.number().int().positive().default(15_000),
  /** Connections in the PostgreSQL pool. */
  poolSize: z.coerce.number().int().positive().max(200).default(10),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the generated demo plots when the plot table is empty at start. */
  seedDemo: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Number of demo plots generated on first start. */
  demoCount: z.coerce.number().int().min(0).max(2_000_000).default(400),
  /** Optional MapLibre style URL replacing the built-in offline basemap. */
  basemapStyleUrl: z.string().url().optional(),
  /** Background layers besides the built-in map: inline JSON or a JSON file (server/basemap/catalog.ts). */
  basemaps: z
    .string()
    .optional()
    .transform((v, ctx): BasemapEntry[] => {
      if (!v?.trim()) return [];
      try {
        return parseBasemaps(v);
      } catch (err) {
        if (!(err instanceof BasemapsError)) throw err;
        ctx.addIssue({ code: 'custom', message: err.message });
        return z.NEVER;
      }
    }),
  /** Upper bound of the in-memory tile cache, in megabytes. */
  tileCacheMb: z.coerce.number().positive().default(128),
  /** Requests per minute per IP address on /api; 0 disables the limit. */
  apiRateLimitPerMin: z.coerce.number().int().min(0).default(1200),
  /**
   * Requests per minute per client address on /tiles, /basemap and /ogc; 0 disables each. A map
   * at high DPI panning fast asks for a few hundred tiles a minute, so tiles get a wide margin.
   */
  tileRateLimitPerMin: z.coerce.number().int().min(0).default(6000),
  basemapRateLimitPerMin: z.coerce.number().int().min(0).default(6000),
  ogcRateLimitPerMin: z.coerce.number().int().min(0).default(1200),
  /** PDFs (fact sheets, shortlists) rendered at once, and how many more may wait their turn. */
  pdfConcurrency: z.coerce.number().int().positive().max(64).default(2),
  pdfQueue: z.coerce.number().int().min(0).max(10_000).default(32),
  /** Serve the built client from dist/ (off in API-only tests). */
  serveClient: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Largest accepted import upload, in megabytes (larger: 413 upload_too_large). */
  uploadLimitMb: z.coerce.number().positive().default(200),
  /** Staff session lifetime from login, in hours. */
  sessionHours: z.coerce.number().positive().max(720).default(12),
  /** Failed logins to one account before it is locked for loginLockoutMinutes. */
  loginMaxFailures: z.coerce.number().int().positive().default(5),
  loginLockoutMinutes: z.coerce.number().positive().default(15),
  /** Login requests per client address per minute (all accounts together). */
  loginRateLimitPerMinute: z.coerce.number().int().positive().default(20),
  /** A client must send all request headers within this time (slow-header attacks), in ms. */
  headersTimeoutMs: z.coerce.number().int().positive().default(10_000),
  /** A client must send the whole request (headers and body, e.g. an upload) within this, in ms. */
  requestTimeoutMs: z.coerce.number().int().positive().default(300_000),
  /** An idle keep-alive connection is closed after this, in ms (above a load balancer's 60 s). */
  keepAliveTimeoutMs: z.coerce.number().int().positive().default(65_000),
  /** smtp://host:port (or smtps://user:pass@host) for outgoing mail; absent: mail is only stored. */
  smtpUrl: z.string().url().optional(),
  mailFrom: z.string().min(3).default('Tonttiluukku <no-reply@tonttiluukku.invalid>'),
  /** Origin used in links inside e-mails; absent: http://localhost:PORT. */
  publicBaseUrl: z.string().url().optional(),
  /**
   * Serve /outbox and /api/outbox (every stored mail) to signed-in admins; absent: on only for a
   * development start (see developmentStart) with demo data.
   */
  mailOutboxPage: z.enum(['true', 'false', '1', '0']).optional(),
  /** Helsinki hour (0-23) from which the daily digests of saved searches are mailed. */
  savedSearchDigestHour: z.coerce.number().int().min(0).max(23).default(7),
  /** New saved searches per client address per hour; 0 disables the limit. */
  savedSearchesPerIpPerHour: z.coerce.number().int().min(0).default(20),
  /** Largest accepted application attachment, in megabytes (larger: 413 attachment_too_large). */
  attachmentLimitMb: z.coerce.number().positive().max(100).default(10),
  /** With the demo plots, create one demo handler account per department; absent: on only for a development start. */
  seedDemoAccounts: z.enum(['true', 'false', '1', '0']).optional(),
  /**
   * Whose X-Forwarded-For / X-Forwarded-Proto to believe (Express's 'trust proxy'): a hop count,
   * comma-separated addresses or CIDRs (or loopback, linklocal, uniquelocal), or false.
   */
  /** OpenID Connect provider (server/auth/oidc/): absent: no OpenID Connect sign-in at all. */
  oidcIssuer: z.string().url().optional(),
  oidcClientId: z.string().min(1).optional(),
  oidcClientSecret: z.string().min(1).optional(),
  /** Where the provider sends the person back; absent: PUBLIC_BASE_URL + /auth/oidc/callback. */
  oidcRedirectUrl: z.string().url().optional(),
  /** Staff may sign in through the provider too (roles are still granted by admins in the app). */
  oidcStaff: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Where the companies a person may act for come from: an ID token claim or an HTTP endpoint. */
  oidcMandates: z.enum(['claim', 'http']).default('claim'),
  oidcMandatesClaim: z.string().min(1).default('business_ids'),
  oidcMandatesUrl: z.string().url().optional(),
  /** E-mail and password sign-in (development, small deployments); false switches it off. */
  passwordLogin: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  trustProxy: z
    .string()
    .default('loopback')
    .transform((v, ctx) => {
      const t = parseTrustProxy(v);
      if (t === undefined) {
        ctx.addIssue({
          code: 'custom',
          message:
            'a hop count, comma-separated addresses or CIDRs, loopback, linklocal, uniquelocal, or false',
        });
        return z.NEVER;
      }
      return t;
    }),
});

type Parsed = z.infer<typeof schema>;
export type Config = Omit<Parsed, 'mailOutboxPage' | 'publicBaseUrl' | 'seedDemoAccounts'> & {
  mailOutboxPage: boolean;
  seedDemoAccounts: boolean;
  publicBaseUrl: string;
};

/**
 * Builds the one typed config object from the environment. Nothing else reads process.env.
 * Throws a ConfigError naming every bad variable; values of secrets never appear in messages.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || undefined,
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
    poolSize: env.DB_POOL_SIZE,
    logLevel: env.LOG_LEVEL,
    seedDemo: env.SEED_DEMO,
    demoCount: env.DEMO_COUNT,
    basemapStyleUrl: env.BASEMAP_STYLE_URL || undefined,
    basemaps: env.BASEMAPS || undefined,
    tileCacheMb: env.TILE_CACHE_MB,
    serveClient: env.SERVE_CLIENT,
    apiRateLimitPerMin: env.API_RATE_LIMIT_PER_MIN,
    tileRateLimitPerMin: env.TILE_RATE_LIMIT_PER_MIN,
    basemapRateLimitPerMin: env.BASEMAP_RATE_LIMIT_PER_MIN,
    ogcRateLimitPerMin: env.OGC_RATE_LIMIT_PER_MIN,
    pdfConcurrency: env.PDF_CONCURRENCY,
    pdfQueue: env.PDF_QUEUE,
    uploadLimitMb: env.UPLOAD_LIMIT_MB,
    sessionHours: env.SESSION_HOURS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginLockoutMinutes: env.LOGIN_LOCKOUT_MINUTES,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    mailOutboxPage: env.MAIL_OUTBOX_PAGE || undefined,
    savedSearchDigestHour: env.SAVED_SEARCH_DIGEST_HOUR,
    savedSearchesPerIpPerHour: env.SAVED_SEARCHES_PER_IP_PER_HOUR,
    attachmentLimitMb: env.ATTACHMENT_LIMIT_MB,
    seedDemoAccounts: env.SEED_DEMO_ACCOUNTS || undefined,
    trustProxy: env.TRUST_PROXY || undefined,
    oidcIssuer: env.OIDC_ISSUER || undefined,
    oidcClientId: env.OIDC_CLIENT_ID || undefined,
    oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
    oidcRedirectUrl: env.OIDC_REDIRECT_URL || undefined,
    oidcStaff: env.OIDC_STAFF || undefined,
    oidcMandates: env.OIDC_MANDATES || undefined,
    oidcMandatesClaim: env.OIDC_MANDATES_CLAIM || undefined,
    oidcMandatesUrl: env.OIDC_MANDATES_URL || undefined,
    passwordLogin: env.PASSWORD_LOGIN || undefined,
  });
  if (!parsed.success) {
    const names: Record<string, string> = {
      port: 'PORT',
      host: 'HOST',
      databaseUrl: 'DATABASE_URL',
      dataDir: 'DATA_DIR',
      statementTimeoutMs: 'STATEMENT_TIMEOUT_MS',
      poolSize: 'DB_POOL_SIZE',
      logLevel: 'LOG_LEVEL',
      seedDemo: 'SEED_DEMO',
      demoCount: 'DEMO_COUNT',
      basemapStyleUrl: 'BASEMAP_STYLE_URL',
      basemaps: 'BASEMAPS',
      tileCacheMb: 'TILE_CACHE_MB',
      serveClient: 'SERVE_CLIENT',
      apiRateLimitPerMin: 'API_RATE_LIMIT_PER_MIN',
      tileRateLimitPerMin: 'TILE_RATE_LIMIT_PER_MIN',
      basemapRateLimitPerMin: 'BASEMAP_RATE_LIMIT_PER_MIN',
      ogcRateLimitPerMin: 'OGC_RATE_LIMIT_PER_MIN',
      pdfConcurrency: 'PDF_CONCURRENCY',
      pdfQueue: 'PDF_QUEUE',
      uploadLimitMb: 'UPLOAD_LIMIT_MB',
      sessionHours: 'SESSION_HOURS',
      loginMaxFailures: 'LOGIN_MAX_FAILURES',
      loginLockoutMinutes: 'LOGIN_LOCKOUT_MINUTES',
      loginRateLimitPerMinute: 'LOGIN_RATE_LIMIT_PER_MINUTE',
      headersTimeoutMs: 'HEADERS_TIMEOUT_MS',
      requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
      keepAliveTimeoutMs: 'KEEP_ALIVE_TIMEOUT_MS',
      smtpUrl: 'SMTP_URL',
      mailFrom: 'MAIL_FROM',
      publicBaseUrl: 'PUBLIC_BASE_URL',
      mailOutboxPage: 'MAIL_OUTBOX_PAGE',
      savedSearchDigestHour: 'SAVED_SEARCH_DIGEST_HOUR',
      savedSearchesPerIpPerHour: 'SAVED_SEARCHES_PER_IP_PER_HOUR',
      attachmentLimitMb: 'ATTACHMENT_LIMIT_MB',
      seedDemoAccounts: 'SEED_DEMO_ACCOUNTS',
      trustProxy: 'TRUST_PROXY',
      oidcIssuer: 'OIDC_ISSUER',
      oidcClientId: 'OIDC_CLIENT_ID',
      oidcClientSecret: 'OIDC_CLIENT_SECRET',
      oidcRedirectUrl: 'OIDC_REDIRECT_URL',
      oidcStaff: 'OIDC_STAFF',
      oidcMandates: 'OIDC_MANDATES',
      oidcMandatesClaim: 'OIDC_MANDATES_CLAIM',
      oidcMandatesUrl: 'OIDC_MANDATES_URL',
      passwordLogin: 'PASSWORD_LOGIN',
    };
    const lines = parsed.error.issues.map(
      (i) => `${names[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const d = parsed.data;
  const oidcProblem = checkOidc(d);
  if (oidcProblem) throw new ConfigError(`Invalid configuration: ${oidcProblem}`);
  const port = overrides.port ?? d.port;
  const dev = developmentStart(env, d);
  const flag = (v: string | undefined, byDefault: boolean) =>
    v === undefined ? byDefault : v === 'true' || v === '1';
  return {
    ...d,
    mailOutboxPage: flag(d.mailOutboxPage, dev && d.seedDemo),
    seedDemoAccounts: flag(d.seedDemoAccounts, dev),
    publicBaseUrl: (d.publicBaseUrl ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    ...overrides,
  };
}

/**
 * A start on the embedded database outside production: the only one where the development
 * conveniences (outbox page, demo accounts) are on by default. Any DATABASE_URL counts as
 * production, so an operator never has to remember a variable to switch them off.
 */
function developmentStart(env: NodeJS.ProcessEnv, d: Pick<Parsed, 'databaseUrl'>): boolean {
  return !d.databaseUrl && env.NODE_ENV !== 'production';
}

/** The OpenID Connect variables come together or not at all; the http source needs its URL. */
function checkOidc(d: Parsed): string | null {
  const set = [d.oidcIssuer, d.oidcClientId, d.oidcClientSecret].filter(Boolean).length;
  if (set > 0 && set < 3) return 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together';
  if (set === 3 && d.oidcMandates === 'http' && !d.oidcMandatesUrl)
    return 'OIDC_MANDATES_URL: required when OIDC_MANDATES=http';
  if (set === 0 && d.oidcStaff) return 'OIDC_STAFF: needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET';
  return null;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as Express takes it; undefined when invalid. `true` (trust anyone) is refused. */
function parseTrustProxy(v: string): false | number | string | undefined {
  const s = v.trim().toLowerCase();
  if (s === 'false') return false;
  if (/^\d+$/.test(s)) return Number(s);
  const parts = s.split(',').map((p) => p.trim());
  const ok = (p: string) => {
    if (PROXY_NAMES.has(p) || net.isIP(p)) return true;
    const [addr, bits, extra] = p.split('/');
    const kind = net.isIP(addr ?? '');
    return (
      kind !== 0 && extra === undefined && /^\d+$/.test(bits ?? '') && Number(bits) <= (kind === 4 ? 32 : 128)
    );
  };
  return parts.length && parts.every(ok) ? parts.join(',') : undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A database URL with its password replaced, safe to log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}
