/**
 * What the app hands a feature when it mounts it. Its own module, so that features do not import
 * app.ts, which imports them.
 */
import type http from 'node:http';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import type { Logger } from './log.ts';
import type { Mailer } from './mail/index.ts';
import type { DataVersion } from './plots/data-version.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  log: Logger;
  dataVersion: DataVersion;
  /** Outgoing e-mail: stored in mail_outbox, delivered over SMTP when configured. */
  mailer: Mailer;
}

/**
 * A raw node:http handler tried before Express; returns true when it answered. Hot, cacheable
 * paths (cached tiles) live here so the router is not on their path.
 */
export type FastPath = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
