import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * Listens for the errors of the pool's connections, since an 'error' event with no listener ends
 * the process. The pool listens on idle connections only, and node-postgres emits the event on a
 * checked-out connection that breaks (the server restarted, the network failed) whether a query is
 * running on it or not: without a listener, a worker would crash mid-transaction. With one, the
 * running or next query fails instead, the write's transaction fails, its job attempt is retried,
 * and the pool drops the broken connection when it is released.
 */
export function handleConnectionErrors(pool: pg.Pool, logger: Logger | undefined): void {
  pool.on('error', (error) => logger?.error({ err: error }, 'idle PostgreSQL connection failed'));
  const lostInUse = (error: Error) => logger?.warn({ err: error }, 'PostgreSQL connection lost while in use');
  pool.on('acquire', (client) => client.on('error', lostInUse));
  pool.on('release', (_error, client) => client.off('error', lostInUse));
}
