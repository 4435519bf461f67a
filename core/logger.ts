import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs on stderr, so that CLI commands keep stdout for their data.
 * Secrets never reach a log line: the redact paths cover every place a credential can travel.
 */
export function createLogger(level: string, name = 'ecoute'): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.secret',
          '*.password',
          '*.token',
          '*.apiKey',
          '*.accessToken',
          'config.secret',
          'config.accessToken',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
