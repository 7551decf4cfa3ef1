/**
 * Tells a request that failed because of the store (down, cut off, or slower than the API's
 * statement limit) from one that failed for any other reason: the first is answered 503 with
 * Retry-After, since it passes once the store answers again; the second stays a 500.
 */
import { answerWithin } from '../observability/answer-within.js';
import { StoreUnavailableError } from '../storage/errors/store-unavailable-error.js';
import type { Store } from '../storage/store.js';

/** PostgreSQL's query_canceled: a statement ran past `statement_timeout` (api.storeTimeoutMs). */
const QUERY_CANCELED = '57014';

/** The bound on the probe that decides an unclassified failure, as on the readiness probe. */
const PROBE_MS = 1000;

/**
 * True when `error` says the store failed, or when the store does not answer a probe right after:
 * a refused or broken connection surfaces as the driver's own error, which says nothing about
 * whether the server is gone, so the probe decides, as the workers' store outage hold does.
 */
export async function isStoreFailure(error: unknown, store: Store): Promise<boolean> {
  if (error instanceof StoreUnavailableError) return true;
  if ((error as { code?: unknown }).code === QUERY_CANCELED) return true;
  try {
    // The ping's own bound drops a silent connection; this one also covers waiting for a connection.
    await answerWithin(store.ping({ answerWithinMs: PROBE_MS }), PROBE_MS);
    return false;
  } catch {
    return true;
  }
}
