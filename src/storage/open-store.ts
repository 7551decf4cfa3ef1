/**
 * Opens the configured store and brings its schema up to date. A `postgres://` or `postgresql://`
 * DATABASE_URL selects PostgreSQL (scale-out); anything else, including none, the SQLite file.
 */
import type { Logger } from 'pino';
import type { OpenedDatabase } from './dialect-hooks.js';
import { KyselyStore } from './kysely-store.js';
import { describeConnection, openPostgres } from './postgres/open-postgres.js';
import { openSqlite } from './sqlite/open-sqlite.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; ignored unless it starts with postgres:// or postgresql://. @defaultValue undefined */
  databaseUrl?: string | undefined;
  /** SQLite file used when no PostgreSQL URL is given. */
  sqlitePath: string;
  /** PostgreSQL schema (search_path) to isolate tenants or tests. @defaultValue the server default */
  postgresSchema?: string | undefined;
  /** PostgreSQL pool size. @defaultValue 10 */
  poolSize?: number | undefined;
  /** PostgreSQL: send repeated bulk inserts as named statements (see named-inserts.ts). @defaultValue true */
  postgresNamedStatements?: boolean | undefined;
  /** PostgreSQL: how long a transaction holding locks may wait idle between two statements before the server ends it, in ms (write-idle-timeout.ts). @defaultValue 60,000 */
  postgresWriteIdleTimeoutMs?: number | undefined;
  /** PostgreSQL: how soon the server notices a process gone mid-statement, in ms (session-settings.ts). @defaultValue 5000 */
  postgresClientCheckMs?: number | undefined;
  /** PostgreSQL: a limit on every statement, for a handle whose statements are all short (open-postgres.ts). @defaultValue none */
  postgresStatementTimeoutMs?: number | undefined;
  /** Bring the schema up to date on opening; off for a second handle of a process whose first did. @defaultValue true */
  migrate?: boolean | undefined;
  /** @defaultValue silent */
  logger?: Logger | undefined;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { databaseUrl, sqlitePath, logger } = options;
  let opened: OpenedDatabase;
  if (isPostgresUrl(databaseUrl)) {
    opened = await openPostgres({
      connectionString: databaseUrl,
      ...(options.postgresSchema !== undefined && { schema: options.postgresSchema }),
      ...(options.poolSize !== undefined && { poolSize: options.poolSize }),
      ...(options.postgresNamedStatements !== undefined && { namedStatements: options.postgresNamedStatements }),
      ...(options.postgresWriteIdleTimeoutMs !== undefined && {
        writeIdleTimeoutMs: options.postgresWriteIdleTimeoutMs,
      }),
      ...(options.postgresClientCheckMs !== undefined && { clientCheckMs: options.postgresClientCheckMs }),
      ...(options.postgresStatementTimeoutMs !== undefined && {
        statementTimeoutMs: options.postgresStatementTimeoutMs,
      }),
      ...(logger !== undefined && { logger }),
    });
    logger?.info({ database: describeConnection(databaseUrl), schema: options.postgresSchema }, 'store: PostgreSQL');
  } else {
    opened = openSqlite({ path: sqlitePath });
    logger?.info({ path: sqlitePath }, 'store: SQLite');
  }
  const store = new KyselyStore(opened.db, { hooks: opened.hooks, logger });
  if (options.migrate === false) return store;
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
