import type { Db } from '../db/index.ts';

/**
 * The current version of the public plot data, kept in memory and refreshed by the database's
 * NOTIFY (sent by a trigger on every change, from any instance). Caches and ETags key on it.
 */
export interface DataVersion {
  current(): number;
  /** Called with the new version after every change; returns an unsubscribe function. */
  onChange(cb: (version: number) => void): () => void;
  /** Re-reads the version from the database (after a write in this process, or on reconnect). */
  refresh(): Promise<number>;
  close(): Promise<void>;
}

export async function createDataVersion(db: Db): Promise<DataVersion> {
  let version = 0;
  const subscribers = new Set<(v: number) => void>();
  const set = (v: number) => {
    if (v === version) return;
    version = v;
    for (const cb of subscribers) cb(v);
  };
  const read = async () => {
    const rows = await db.query<{ version: number }>(
      `SELECT version FROM data_versions WHERE name = 'plots'`,
    );
    return rows[0]?.version ?? 0;
  };
  version = await read();
  const unlisten = await db.listen(
    'data_version',
    (payload) => {
      const [name, v] = payload.split(':');
      if (name === 'plots' && v && Number(v) > version) set(Number(v));
    },
    // Changes made while the listening connection was down sent NOTIFYs nobody heard.
    {
      onReconnect: () =>
        void read().then(
          (v) => v > version && set(v),
          () => {},
        ),
    },
  );
  return {
    current: () => version,
    onChange(cb) {
      subscribers.add(cb);
      return () => subscribers.delete(cb);
    },
    async refresh() {
      const v = await read();
      if (v > version) set(v);
      return version;
    },
    close: unlisten,
  };
}
