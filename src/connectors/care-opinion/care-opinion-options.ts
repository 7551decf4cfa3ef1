import type { CommonHttpOptions } from '../http/common-options.js';

/** Options of the `care-opinion` source (Care Opinion API v2). */
export interface CareOpinionOptions extends CommonHttpOptions {
  /** The subscription's HTTP header key (sent as `Authorization: SUBSCRIPTION_KEY <key>`); required
   *  to fetch. From the environment, never logged. */
  subscriptionKey?: string | undefined;
  /** Extra search filters, one walk each (any of the website's search parameters, e.g.
   *  `{healthservice: 'rbv'}`); the subscription's own scope always applies. @defaultValue [{}] */
  filters?: Record<string, string>[];
  /** @defaultValue 'https://www.careopinion.org.uk/api/v2' */
  baseUrl?: string;
  /** `take` per page (the API's maximum is 100). @defaultValue 100 */
  pageSize?: number;
  /** @defaultValue 30 */
  backfillDays?: number;
  /** @defaultValue 20 */
  maxPagesPerQuery?: number;
  /** Least gap between requests: the API allows 5 per second. @defaultValue 200 */
  minIntervalMs?: number;
}
