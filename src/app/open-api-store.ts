/**
 * The store the API reads. On PostgreSQL a handle of its own, whose every statement is limited to
 * `api.storeTimeoutMs` (open-postgres.ts): a request then answers 503 within that limit and a second
 * when the server is slow or cut off, instead of holding its client and a pooled connection for as
 * long as TCP waits. The workers' handle in the same process keeps no such limit, since an aggregate
 * or an export may rightly run statements for longer. On SQLite, the workers' handle: the store is a
 * local file, with nothing to be cut off from.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { isPostgresUrl } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { openConfiguredStore } from './open-configured-store.js';

export interface ApiStore {
  store: Store;
  /** Closes the API's own handle; the workers' handle is theirs to close. */
  close(): Promise<void>;
}

export async function openApiStore(config: Config, logger: Logger, workersStore: Store): Promise<ApiStore> {
  if (!isPostgresUrl(config.database.url)) return { store: workersStore, close: async () => {} };
  const store = await openConfiguredStore(config, logger, { statementTimeoutMs: config.api.storeTimeoutMs });
  return { store, close: () => store.close() };
}
