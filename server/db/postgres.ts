import pg from 'pg';
import Cursor from 'pg-cursor';
import { redactUrl } from '../config.ts';
import { detectCapabilities } from './capabilities.ts';
import { streamKeys } from './keyset-stream.ts';
import { DbStartupError, type Db, type Queryable } from './types.ts';

// Same JS types as the embedded engine: int8 and numeric as numbers (ids and measures stay < 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface PostgresOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
}

/**
 * Connects a pool to PostgreSQL and checks PostGIS. Throws DbStartupError with the fix when the
 * server cannot be reached or PostGIS is missing and cannot be created.
 */
export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize,
    statement_timeout: opts.statementTimeoutMs,
    // No JIT: PostGIS functions make the planner's cost estimates large enough to compile every
    // bbox query, and compiling costs more than our short tile and search queries take to run.
    options: '-c jit=off',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const e = err as NodeJS.ErrnoException;
    throw new DbStartupError(
      `Cannot connect to DATABASE_URL ${redactUrl(opts.url)} (${e.code ?? e.message}): check that PostgreSQL runs and the URL, user and database are right.`,
    );
  }
  await ensureExtensions(pool, opts.url);
  const q: Queryable = {
    async query(text, values) {
      return (await pool.query(text, values as unknown[] | undefined)).rows;
    },
    async exec(sql) {
      await pool.query(sql);
    },
  };
  const capabilities = await detectCapabilities(q);
  const listeners = new Map<string, Set<(p: string) => void>>();
  const reconnectHooks = new Set<() => void>();
  let listenClient: pg.PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  /**
   * One dedicated connection carries every LISTEN of this process. When the server goes away
   * (restart, failover) it is replaced as soon as the server is back, every channel is listened
   * to again, and the reconnect hooks run (NOTIFYs sent meanwhile were lost: callers re-read).
   */
  async function connectListener(): Promise<void> {
    const client = await pool.connect();
    client.on('notification', (msg) => {
      for (const cb of listeners.get(msg.channel) ?? []) cb(msg.payload ?? '');
    });
    client.on('error', (err) => {
      if (listenClient !== client) return;
      listenClient = undefined;
      client.release(err);
      scheduleReconnect(250);
    });
    try {
      for (const ch of listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(ch)}`);
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    listenClient = client;
  }
  function scheduleReconnect(delayMs: number): void {
    if (closed) return;
    retryTimer = setTimeout(() => {
      connectListener().then(
        () => {
          for (const hook of reconnectHooks) hook();
        },
        () => scheduleReconnect(Math.min(delayMs * 2, 5_000)),
      );
    }, delayMs);
    retryTimer.unref();
  }
  return {
    kind: 'postgres',
    capabilities,
    ...q,
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client whose server goes away emits 'error'; unheard, it ends the process.
      let lost: Error | undefined;
      const onError = (err: Error) => (lost = err);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query(text, values) {
            return (await client.query(text, values as unknown[] | undefined)).rows;
          },
          async exec(sql) {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        // A lost client keeps its handler: a late second error must not go unheard either.
        if (!lost) client.removeListener('error', onError);
        client.release(lost);
      }
    },
    stream(text, values, opts) {
      return streamCursor(pool, text, values, opts);
    },
    async listen(channel, onPayload, opts = {}) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(onPayload);
      if (opts.onReconnect) reconnectHooks.add(opts.onReconnect);
      if (listenClient) await listenClient.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      else await (connecting ??= connectListener().finally(() => (connecting = undefined)));
      return async () => {
        set.delete(onPayload);
        if (opts.onReconnect) reconnectHooks.delete(opts.onReconnect);
      };
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      listenClient?.release();
      listenClient = undefined;
      await pool.end();
    },
  };
}

async function ensureExtensions(pool: pg.Pool, url: string): Promise<void> {
  const { rows } = await pool.query<{ extname: string }>('SELECT extname FROM pg_extension');
  const have = new Set(rows.map((r) => r.extname));
  if (!have.has('postgis')) {
    try {
      await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
    } catch (err) {
      await pool.end().catch(() => {});
      throw new DbStartupError(
        `PostGIS is not available in ${redactUrl(url)} (${(err as Error).message}): install it (Debian: apt-get install postgresql-15-postgis-3) and run "CREATE EXTENSION postgis" as a superuser in that database.`,
      );
    }
  }
  // Optional: search falls back to plain prefix matching without them.
  for (const ext of ['pg_trgm', 'unaccent']) {
    if (!have.has(ext)) await pool.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`).catch(() => {});
  }
}

async function* streamCursor<R>(
  pool: pg.Pool,
  text: string,
  values: readonly unknown[],
  opts: { key: string | readonly string[]; batchSize?: number; signal?: AbortSignal },
): AsyncGenerator<R[]> {
  const order = streamKeys(opts.key)
    .map((k) => `s.${k}`)
    .join(', ');
  const batchSize = opts.batchSize ?? 2_000;
  opts.signal?.throwIfAborted();
  const client = await pool.connect();
  let failed: unknown;
  // See transaction(): a lost server must reject the stream, not end the process.
  const onError = (err: Error) => (failed ??= err);
  client.on('error', onError);
  const pid = (client as unknown as { processID?: number }).processID;
  // A batch still running when the caller gives up is cancelled on the server, not awaited.
  let cancelSent = false;
  const onAbort = () => {
    if (!pid) return;
    cancelSent = true;
    pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => {});
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let cursor: Cursor<R> | undefined;
  let pending: Promise<R[]> | undefined;
  try {
    // A cursor's portal is one statement until it closes: the per-statement limit would cut
    // every stream longer than it. The caller's signal is what bounds a stream.
    await client.query('SET statement_timeout = 0');
    cursor = client.query(
      new Cursor<R>(`SELECT * FROM (${text}) AS s ORDER BY ${order}`, values as unknown[]),
    );
    // One batch is read ahead while the caller works on the current one (the no-op catch
    // keeps a failure of a read nobody awaits yet from being an unhandled rejection).
    const readAhead = (c: Cursor<R>) => {
      pending = c.read(batchSize);
      pending.catch(() => {});
      return pending;
    };
    let next = readAhead(cursor);
    for (;;) {
      const rows = await next;
      pending = undefined;
      opts.signal?.throwIfAborted();
      if (rows.length === 0) return;
      const more = rows.length === batchSize;
      if (more) next = readAhead(cursor);
      yield rows;
      if (!more) return;
    }
  } catch (err) {
    failed = err;
    throw opts.signal?.aborted ? opts.signal.reason : err;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    // A read still running when the caller left is let finish (or fail, when cancelled).
    if (pending) await pending.catch((err: unknown) => (failed ??= err));
    // The cancel travels on another connection and may land after this one is back in the
    // pool, where it would cancel whatever query borrowed it next: discard this connection.
    if (cancelSent) failed ??= new Error('stream cancelled');
    if (!failed) {
      try {
        // Closing mid-way ends the portal; the connection goes back with its usual limit.
        await cursor?.close();
        await client.query('RESET statement_timeout');
      } catch (err) {
        failed = err;
      }
    }
    // A failed connection is discarded, not reused.
    if (!failed) client.removeListener('error', onError);
    client.release(failed ? (failed as Error) : undefined);
  }
}
