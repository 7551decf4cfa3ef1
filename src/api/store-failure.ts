/**
 * Tells a request that failed because of the store (down, cut off, refusing connections, or slower
 * than the API's statement limit) from one that failed for any other reason: the first is answered
 * 503 with Retry-After, since it passes once the store answers again; the second stays a 500 and is
 * logged as an error. Decided from the error alone, by its shape: a Node socket code from another
 * dependency (Redis, say) would count too, but the API's Redis connections fail fast with errors
 * that carry no such code.
 */
import { StoreUnavailableError } from '../storage/errors/store-unavailable-error.js';

/**
 * SQLSTATEs that say the server, not the request, failed: query_canceled (a statement ran past
 * `statement_timeout`, api.storeTimeoutMs), too_many_connections, admin_shutdown, crash_shutdown
 * and cannot_connect_now. Class 08 (connection exceptions) is matched by its prefix.
 */
const SERVER_FAILURE_STATES = new Set(['57014', '53300', '57P01', '57P02', '57P03']);

/** Node's codes for a connection refused, reset, timed out or not routed. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What node-postgres and its pool say, with no code, when a connection ends under a query or none
 * can be had in time (`connectionTimeoutMillis`).
 */
const CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

export function isStoreFailure(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (
    typeof code === 'string' &&
    (SERVER_FAILURE_STATES.has(code) || code.startsWith('08') || CONNECTION_CODES.has(code))
  ) {
    return true;
  }
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
  // Node reports a connection refused on every address of a name as an AggregateError of them.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isStoreFailure);
}
