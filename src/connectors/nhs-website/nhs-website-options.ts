import type { CommonHttpOptions } from '../http/common-options.js';

/** Options of the `nhs-website` source (NHS website Ratings and Reviews API). */
export interface NhsWebsiteOptions extends CommonHttpOptions {
  /** The `subscription-key` header value; required to fetch. From the environment, never logged. */
  subscriptionKey?: string | undefined;
  /** Organisations whose reviews are read, by ODS code (trusts or their sites).
   *  @defaultValue {@link DEFAULT_NHS_WEBSITE_ODS_CODES} (the specialist cancer trusts) */
  odsCodes?: string[];
  /** Also read reviews with `status=removed` and turn them into deletions. @defaultValue true */
  includeRemoved?: boolean;
  /** @defaultValue 'https://api.nhs.uk/comments' */
  baseUrl?: string;
  /** `limit` per page. @defaultValue 100 */
  pageSize?: number;
  /** @defaultValue 30 */
  backfillDays?: number;
  /** @defaultValue 20 */
  maxPagesPerQuery?: number;
}

/** The Christie, The Clatterbridge Cancer Centre, The Royal Marsden. */
export const DEFAULT_NHS_WEBSITE_ODS_CODES = ['RBV', 'REN', 'RPY'];

export interface NhsWebsiteQuery {
  odsCode: string;
  status: 'published' | 'removed';
}
