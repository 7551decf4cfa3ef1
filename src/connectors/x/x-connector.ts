import { createSourceClient, definedOnly } from '../http/common-options.js';
import { MissingCredentialsError } from '../http/errors/missing-credentials-error.js';
import { isObject } from '../http/item-checks.js';
import { compareIds } from '../http/paging/marks.js';
import { takeNewerThan } from '../http/paging/newest-first.js';
import { createQueryConnector, type QueryPage, type QueryPageRequest } from '../http/paging/query-connector.js';
import { RATE_LIMIT_POLICIES } from '../http/rate-limit-policy.js';
import { shapeOrThrow } from '../http/shape.js';
import { credentialShown, type SourceConnector, withDescription } from '../http/source-connector.js';
import { usernamesOf, xPost } from './x-items.js';
import { DEFAULT_X_QUERIES, RECENT_SEARCH_DAYS, type XOptions } from './x-options.js';

const DEFAULTS = {
  baseUrl: 'https://api.x.com',
  pageSize: 100,
  backfillDays: RECENT_SEARCH_DAYS,
  maxPagesPerQuery: 10,
};

/**
 * The `x` source: `GET /2/tweets/search/recent`, paged by `next_token`. A query's later walks ask
 * `since_id` = its newest Post id; its first walk asks `start_time` = the backfill window's start.
 */
export function createXConnector(options: XOptions = {}): SourceConnector {
  const id = 'x';
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const backfillDays = Math.min(settings.backfillDays, RECENT_SEARCH_DAYS);
  const client = createSourceClient(id, options, { rateLimit: RATE_LIMIT_POLICIES.x });
  const queries = options.queries ?? DEFAULT_X_QUERIES;

  async function fetchQueryPage(request: QueryPageRequest<string>): Promise<QueryPage> {
    if (!options.bearerToken) throw new MissingCredentialsError(id, 'bearerToken (X API app-only bearer token)');
    const { ctx } = request;
    const url = new URL(`${settings.baseUrl.replace(/\/$/, '')}/2/tweets/search/recent`);
    url.searchParams.set('query', request.query);
    url.searchParams.set('max_results', String(settings.pageSize));
    url.searchParams.set('tweet.fields', 'created_at,author_id,lang,edit_history_tweet_ids');
    url.searchParams.set('expansions', 'author_id');
    url.searchParams.set('user.fields', 'username');
    if (request.mark) url.searchParams.set('since_id', request.mark);
    // X refuses a start_time older than the window by even a second; stay a minute inside it.
    else url.searchParams.set('start_time', new Date(request.since.getTime() + 60_000).toISOString());
    if (request.pageToken) url.searchParams.set('next_token', request.pageToken);
    const headers = { authorization: `Bearer ${options.bearerToken}` };
    const response = await client.getJson({ url, headers, signal: ctx.signal });
    const where = String(url);
    const body = shapeOrThrow(client, where, response.body, readSearch);
    const usernames = usernamesOf(body.includes);
    const entries = body.data.map((post, index) => xPost(post, usernames, `${where}#${index}`));
    const slice = takeNewerThan(entries, request.mark, request.since, compareIds);
    return {
      url: where,
      fetchedAt: response.fetchedAt,
      contentHash: response.contentHash,
      items: slice.items,
      nextPageToken: slice.reachedKnown ? null : body.nextToken,
      newestMark: slice.newestMark,
    };
  }

  const connector = createQueryConnector({
    id,
    queries,
    queryKey: (query) => `q:${query}`,
    fetchQueryPage,
    compareMarks: compareIds,
    backfillDays,
    maxPagesPerQuery: settings.maxPagesPerQuery,
  });
  return withDescription(connector, () => ({
    id,
    title: 'X: API v2 recent search',
    endpoint: settings.baseUrl,
    auth: 'required',
    authConfigured: Boolean(options.bearerToken),
    options: {
      queries,
      bearerToken: credentialShown(options.bearerToken),
      pageSize: settings.pageSize,
      backfillDays,
      maxPagesPerQuery: settings.maxPagesPerQuery,
    },
  }));
}

/** `{data?: Post[], includes?: {users}, meta: {result_count, newest_id?, oldest_id?, next_token?}}`. */
function readSearch(body: unknown): { data: unknown[]; includes: unknown; nextToken: string | null } | string {
  if (!isObject(body) || !isObject(body['meta'])) return 'meta is missing';
  const data = body['data'] ?? [];
  if (!Array.isArray(data)) return 'data is not an array';
  const next = body['meta']['next_token'];
  if (next !== undefined && typeof next !== 'string') return 'meta.next_token is not a string';
  return { data, includes: body['includes'], nextToken: (next as string | undefined) ?? null };
}
