import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logger; credentials in URLs and auth headers are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'databaseUrl', 'password'],
  });
}
