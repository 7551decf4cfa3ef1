import type { CommonHttpOptions } from '../http/common-options.js';

/** Options of the `reddit` source; every one has a default except the optional credentials. */
export interface RedditOptions extends CommonHttpOptions {
  /** Subreddits whose `/new` listing is collected whole. @defaultValue {@link DEFAULT_SUBREDDITS} */
  subreddits?: string[];
  /** Subreddits searched for `searchTerms` (general boards where cancer care is one topic among many).
   *  @defaultValue {@link DEFAULT_SEARCH_SUBREDDITS} */
  searchSubreddits?: string[];
  /** Terms searched in each of `searchSubreddits`, newest first. @defaultValue {@link DEFAULT_SEARCH_TERMS} */
  searchTerms?: string[];
  /** OAuth application id; with `clientSecret` selects application-only OAuth. From the environment. */
  clientId?: string | undefined;
  /** OAuth application secret; never logged. From the environment. */
  clientSecret?: string | undefined;
  /** Public JSON base, used without credentials. @defaultValue 'https://www.reddit.com' */
  baseUrl?: string;
  /** API base used with a bearer token. @defaultValue 'https://oauth.reddit.com' */
  oauthBaseUrl?: string;
  /** Token endpoint for the client-credentials grant. @defaultValue 'https://www.reddit.com/api/v1/access_token' */
  tokenUrl?: string;
  /** Posts per listing page (Reddit's maximum is 100). @defaultValue 100 */
  pageSize?: number;
  /** How far back a query's first walk reaches. @defaultValue 30 */
  backfillDays?: number;
  /** Pages one listing may take in one run. @defaultValue 10 */
  maxPagesPerQuery?: number;
}

export const DEFAULT_SUBREDDITS = ['cancer', 'NHS', 'braincancer', 'sarcoma', 'breastcancer', 'lymphoma', 'leukemia'];
export const DEFAULT_SEARCH_SUBREDDITS = ['unitedkingdom', 'AskUK', 'CasualUK'];
export const DEFAULT_SEARCH_TERMS = ['chemo', 'oncology', 'cancer nurse', 'NHS cancer', 'radiotherapy', 'sarcoma'];

export type RedditQuery = { kind: 'new'; subreddit: string } | { kind: 'search'; subreddit: string; term: string };

export function redditQueries(options: RedditOptions): RedditQuery[] {
  const listings = (options.subreddits ?? DEFAULT_SUBREDDITS).map(
    (subreddit): RedditQuery => ({ kind: 'new', subreddit: cleanSubreddit(subreddit) }),
  );
  const searches = (options.searchSubreddits ?? DEFAULT_SEARCH_SUBREDDITS).flatMap((subreddit) =>
    (options.searchTerms ?? DEFAULT_SEARCH_TERMS).map(
      (term): RedditQuery => ({ kind: 'search', subreddit: cleanSubreddit(subreddit), term }),
    ),
  );
  return [...listings, ...searches];
}

function cleanSubreddit(name: string): string {
  const clean = name.trim().replace(/^\/?r\//i, '');
  if (!/^[A-Za-z0-9_]{2,21}$/.test(clean)) throw new RangeError(`reddit: "${name}" is not a subreddit name`);
  return clean;
}

export function redditQueryKey(query: RedditQuery): string {
  return query.kind === 'new' ? `r/${query.subreddit}/new` : `r/${query.subreddit}/search:${query.term}`;
}
