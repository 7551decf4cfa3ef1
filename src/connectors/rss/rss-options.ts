import type { CommonHttpOptions } from '../http/common-options.js';

/** One RSS 2.0 or Atom feed. */
export interface FeedTarget {
  url: string;
  /** Stable name in state and ids. @defaultValue the URL */
  key?: string;
}

/** Options of the `rss` source. */
export interface RssOptions extends CommonHttpOptions {
  /** Feeds to read, e.g. a patient forum's or a Care Opinion service's story feed. Required: there is
   *  no safe default list of comment feeds. */
  feeds: FeedTarget[];
  /** @defaultValue 30 */
  backfillDays?: number;
  /** Pages (RFC 5005 `rel="next"` links) one feed may take in one run. @defaultValue 5 */
  maxPagesPerQuery?: number;
}
