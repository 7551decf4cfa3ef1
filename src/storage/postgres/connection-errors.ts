import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * Listens for the errors of the pool's connections, since an 'error' event with no listener ends
 * the process. The pool listens on idle connections only; a connection that breaks while checked
 * out between two queries (the server restarted, the network failed) would otherwise crash a
 * worker mid-transaction. With a listener, the next query on it fails instead: the write's
 * transaction fails, its job attempt is retried, and the pool drops the broken connection when it
 * is released.
 */
export function handleConnectionErrors(pool: pg.Pool, logger: Logger | undefined): void {
  pool.on('error', (error) => logger?.error({ err: error }, 'idle PostgreSQL connection failed'));
  const lostInUse = (error: Error) => logger?.warn({ err: error }, 'PostgreSQL connection lost while in use');
  pool.on('acquire', (client) => client.on('error', lostInUse));
  pool.on('release', (_error, client) => client.off('error', lostInUse));
}
