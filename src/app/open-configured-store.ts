/** The store the configuration names, for every command that opens one. */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';

export function openConfiguredStore(
  config: Config,
  logger: Logger,
  handleOptions: { statementTimeoutMs?: number; migrate?: boolean } = {},
): Promise<Store> {
  return openStore({
    databaseUrl: config.database.url,
    sqlitePath: config.sqlitePath,
    postgresNamedStatements: config.database.namedStatements,
    postgresWriteIdleTimeoutMs: config.database.writeIdleTimeoutMs,
    postgresClientCheckMs: config.database.clientCheckMs,
    postgresStatementTimeoutMs: handleOptions.statementTimeoutMs,
    migrate: handleOptions.migrate,
    logger,
  });
}
