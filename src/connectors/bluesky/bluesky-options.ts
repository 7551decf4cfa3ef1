import type { CommonHttpOptions } from '../http/common-options.js';

/** Options of the `bluesky` source. */
export interface BlueskyOptions extends CommonHttpOptions {
  /** Search queries (Lucene-like; `#tag` matches hashtags). @defaultValue {@link DEFAULT_BLUESKY_QUERIES} */
  queries?: string[];
  /** Only posts in this language (`lang` parameter); empty for any. @defaultValue 'en' */
  lang?: string;
  /** Public AppView used without credentials. @defaultValue 'https://public.api.bsky.app' */
  baseUrl?: string;
  /** Handle or DID for an app-password session; from the environment. */
  identifier?: string | undefined;
  /** App password (never the account password); from the environment, never logged. */
  appPassword?: string | undefined;
  /** The account's PDS: sessions are created there and, with a session, searches go there too.
   *  @defaultValue 'https://bsky.social' */
  serviceUrl?: string;
  /** Posts per page (the API allows 1–100). @defaultValue 100 */
  pageSize?: number;
  /** @defaultValue 30 */
  backfillDays?: number;
  /** @defaultValue 10 */
  maxPagesPerQuery?: number;
}

export const DEFAULT_BLUESKY_QUERIES = [
  '"NHS" cancer',
  'chemo NHS',
  'oncology NHS',
  '"cancer nurse"',
  '#sarcoma',
  '#NHS #cancer',
  'macmillan nurse',
];
