import { type Logger, pino } from 'pino';

export interface LoggerOptions {
  /** pino level. @defaultValue `info` (`LOG_LEVEL` overrides) */
  level?: string;
  /** Component name on every line, e.g. `worker`, `api`, `cli`. */
  name?: string;
}

/**
 * Structured logs go to stderr, always: stdout belongs to command output (`carevoice analyse` writes
 * JSON Lines there, `status --json` a document), so the two must never mix.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
      base: options.name ? { component: options.name } : {},
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that drops everything (tests, `--quiet`). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
