/** What the rest of the code may know about the database: one interface, two engines. */

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one parameterised statement and returns its rows (empty array when none). */
  query<R = Row>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations, set-up). */
  exec(sql: string): Promise<void>;
}

export interface Capabilities {
  /** ST_AsMVT / ST_AsMVTGeom exist (PostgreSQL's PostGIS; PGlite's is built without them). */
  mvt: boolean;
  /** pg_trgm is installed: similarity search and trigram indexes. */
  trgm: boolean;
  /** unaccent is installed: accent-insensitive search. */
  unaccent: boolean;
  postgisVersion: string;
  serverVersion: string;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Detected once at start-up. */
  readonly capabilities: Capabilities;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Streams the rows of one SELECT in batches of at most `batchSize`, in ascending order of
   * `key` (a unique, non-null column the SELECT returns, or several non-null columns unique
   * together, compared as a row; the text must not sort or limit).
   * Memory stays bounded by one batch. PostgreSQL reads through a server-side cursor on one
   * pooled connection; PGlite, which runs one query at a time, pages on `key` so other requests
   * run between batches (each batch sees the data as of its own query). Leaving the loop early
   * (break, throw, a closed response) closes the cursor and returns the connection; errors of
   * the query reject the iteration. An empty result yields no batch. Aborting `signal` cancels
   * a batch still running in the database (the iteration then rejects with the abort reason).
   */
  stream<R = Row>(
    text: string,
    values: readonly unknown[],
    opts: { key: string | readonly string[]; batchSize?: number; signal?: AbortSignal },
  ): AsyncIterable<R[]>;
  /**
   * Subscribes to a NOTIFY channel; resolves to an unsubscribe function. `onReconnect` runs
   * after the listening connection was lost and made again (notifications sent in between are
   * lost, so the caller re-reads what it tracks); the embedded engine never loses it.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    opts?: { onReconnect?: () => void },
  ): Promise<() => Promise<void>>;
  /**
   * Embedded engine only: runs a tile statement whose one row holds each layer's features as
   * GeoJSON text (tiles/sql.ts, output `geojson`) and returns them encoded as one vector tile
   * (tiles/encode.ts), both in the engine's worker thread: the encoding costs as much as the
   * query and would otherwise run on the HTTP thread. PostgreSQL has no such method: ST_AsMVT
   * encodes in the database.
   */
  encodeGeojsonTile?(
    text: string,
    values: readonly unknown[],
    tile: { z: number; x: number; y: number },
  ): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Start-up failure with one line telling the operator what to fix. */
export class DbStartupError extends Error {
  override name = 'DbStartupError';
}
