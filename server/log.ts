import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logger (to stdout unless given a stream, as tests do); credentials in URLs and
 * auth headers are redacted.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // err.params: the embedded engine's errors carry the statement's parameter values.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'databaseUrl', 'password', 'err.params'],
    },
    destination,
  );
}
