/**
 * The store the API reads. On PostgreSQL a handle of its own (a second pool), whose every statement
 * is limited to `api.storeTimeoutMs` (open-postgres.ts): each statement then answers or fails within
 * that limit and a second, and each wait for a connection within that or the pool's 5 s, whichever
 * is shorter, so a request the server is slow for or cut off from answers 503 instead of holding
 * its client and a pooled connection for as long as TCP waits. The workers' handle in the same
 * process keeps no such limit, since an aggregate or an export may rightly run statements for
 * longer. On SQLite, or with the limit off, the workers' handle: a local file has nothing to be cut
 * off from, and without a limit a second pool would only hold more connections.
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
  if (!isPostgresUrl(config.database.url) || config.api.storeTimeoutMs === 0) {
    return { store: workersStore, close: async () => {} };
  }
  // The workers' handle has brought the schema up to date; a migration waiting on another
  // process's would only run into this handle's own limit.
  const store = await openConfiguredStore(config, logger, {
    statementTimeoutMs: config.api.storeTimeoutMs,
    migrate: false,
  });
  return { store, close: () => store.close() };
}
