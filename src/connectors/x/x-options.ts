import type { CommonHttpOptions } from '../http/common-options.js';

/** Options of the `x` source (X API v2 recent search). */
export interface XOptions extends CommonHttpOptions {
  /** App-only bearer token; required to fetch. From the environment, never logged. */
  bearerToken?: string | undefined;
  /** Search queries in X's query language. @defaultValue {@link DEFAULT_X_QUERIES} */
  queries?: string[];
  /** @defaultValue 'https://api.x.com' */
  baseUrl?: string;
  /** `max_results` per page (10–100). @defaultValue 100 */
  pageSize?: number;
  /** Recent search covers the last 7 days, so a first walk reaches back at most that far. @defaultValue 7 */
  backfillDays?: number;
  /** @defaultValue 10 */
  maxPagesPerQuery?: number;
}

export const DEFAULT_X_QUERIES = [
  '(chemo OR chemotherapy OR oncology OR "cancer nurse") NHS -is:retweet lang:en',
  '("NHS cancer" OR #sarcoma OR "cancer waiting times" OR radiotherapy) -is:retweet lang:en',
];

/** The recent search endpoint's window. */
export const RECENT_SEARCH_DAYS = 7;
