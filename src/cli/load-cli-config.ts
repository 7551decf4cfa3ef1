import type { Logger } from 'pino';
import { type Config, loadConfig } from '../config/load-config.js';
import { createLogger } from '../observability/logger.js';

/** Config and logger for a command; config problems surface as one ConfigError message. */
export function loadCliContext(name: string, options: { logLevel?: string } = {}): { config: Config; logger: Logger } {
  const warnings: string[] = [];
  const config = loadConfig({ warn: (message) => warnings.push(message) });
  const logger = createLogger({ name, level: options.logLevel ?? process.env['LOG_LEVEL'] ?? config.log.level });
  for (const message of warnings) logger.warn(message);
  return { config, logger };
}
