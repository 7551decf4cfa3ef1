import { createSourceClient, definedOnly } from '../http/common-options.js';
import { isObject } from '../http/item-checks.js';
import { compareIds } from '../http/paging/marks.js';
import { takeNewerThan } from '../http/paging/newest-first.js';
import { createQueryConnector, type QueryPage, type QueryPageRequest } from '../http/paging/query-connector.js';
import { RATE_LIMIT_POLICIES } from '../http/rate-limit-policy.js';
import { shapeOrThrow } from '../http/shape.js';
import { credentialShown, type SourceConnector, withDescription } from '../http/source-connector.js';
import { redditChild } from './reddit-items.js';
import { type RedditOptions, type RedditQuery, redditQueries, redditQueryKey } from './reddit-options.js';
import { RedditToken } from './reddit-token.js';

const DEFAULTS = {
  baseUrl: 'https://www.reddit.com',
  oauthBaseUrl: 'https://oauth.reddit.com',
  tokenUrl: 'https://www.reddit.com/api/v1/access_token',
  pageSize: 100,
  backfillDays: 30,
  maxPagesPerQuery: 10,
};

/**
 * The `reddit` source: subreddit `/new` listings and in-subreddit searches sorted by new, paged with
 * `after`. Post ids are base-36 and grow with time, so the newest id is each query's high-water mark.
 */
export function createRedditConnector(options: RedditOptions = {}): SourceConnector {
  const id = 'reddit';
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const client = createSourceClient(id, options, { rateLimit: RATE_LIMIT_POLICIES.reddit });
  const oauth = Boolean(options.clientId && options.clientSecret);
  const token = oauth ? new RedditToken(client, settings.tokenUrl, options.clientId!, options.clientSecret!) : null;
  const queries = redditQueries(options);

  function pageUrl(query: RedditQuery, after: string | null): URL {
    const base = oauth ? settings.oauthBaseUrl : settings.baseUrl;
    const suffix = oauth ? '' : '.json';
    const path = query.kind === 'new' ? 'new' : 'search';
    const url = new URL(`${base.replace(/\/$/, '')}/r/${query.subreddit}/${path}${suffix}`);
    if (query.kind === 'search') {
      url.searchParams.set('q', query.term);
      url.searchParams.set('restrict_sr', '1');
      url.searchParams.set('sort', 'new');
    }
    url.searchParams.set('limit', String(settings.pageSize));
    // raw_json=1 returns text as written instead of HTML-escaped (&amp; → &).
    url.searchParams.set('raw_json', '1');
    if (after) url.searchParams.set('after', after);
    return url;
  }

  async function fetchQueryPage(request: QueryPageRequest<RedditQuery>): Promise<QueryPage> {
    const { ctx } = request;
    const url = pageUrl(request.query, request.pageToken);
    const headers: Record<string, string> = {};
    if (token) headers['authorization'] = `bearer ${await token.bearer(ctx.now(), ctx.signal)}`;
    const response = await client.getJson({ url, headers, signal: ctx.signal });
    const listing = shapeOrThrow(client, String(url), response.body, readListing);
    const where = String(url);
    const entries = listing.children.map((child, index) => redditChild(child, `${where}#${index}`));
    const slice = takeNewerThan(entries, request.mark, request.since, compareIds);
    return {
      url: where,
      fetchedAt: response.fetchedAt,
      contentHash: response.contentHash,
      items: slice.items,
      nextPageToken: slice.reachedKnown ? null : listing.after,
      newestMark: slice.newestMark,
    };
  }

  const connector = createQueryConnector({
    id,
    queries,
    queryKey: redditQueryKey,
    fetchQueryPage,
    compareMarks: compareIds,
    backfillDays: settings.backfillDays,
    maxPagesPerQuery: settings.maxPagesPerQuery,
  });
  return withDescription(connector, () => ({
    id,
    title: 'Reddit: subreddit listings and searches',
    endpoint: oauth ? settings.oauthBaseUrl : settings.baseUrl,
    auth: 'optional',
    authConfigured: oauth,
    options: {
      queries: queries.map(redditQueryKey),
      clientId: credentialShown(options.clientId),
      clientSecret: credentialShown(options.clientSecret),
      pageSize: settings.pageSize,
      backfillDays: settings.backfillDays,
      maxPagesPerQuery: settings.maxPagesPerQuery,
    },
  }));
}

/** A Listing envelope: `{kind: "Listing", data: {after, children: [...]}}`. */
function readListing(body: unknown): { after: string | null; children: unknown[] } | string {
  if (!isObject(body) || body['kind'] !== 'Listing' || !isObject(body['data'])) return 'not a Listing';
  const { after, children } = body['data'];
  if (!Array.isArray(children)) return 'data.children is not an array';
  if (after !== null && after !== undefined && typeof after !== 'string') return 'data.after is not a string';
  return { after: (after as string | null | undefined) ?? null, children };
}
