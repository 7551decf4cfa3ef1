import { createSourceClient, definedOnly } from '../http/common-options.js';
import { isObject } from '../http/item-checks.js';
import { compareIsoInstants } from '../http/paging/marks.js';
import { takeNewerThan } from '../http/paging/newest-first.js';
import { createQueryConnector, type QueryPage, type QueryPageRequest } from '../http/paging/query-connector.js';
import { RATE_LIMIT_POLICIES } from '../http/rate-limit-policy.js';
import { shapeOrThrow } from '../http/shape.js';
import { credentialShown, type SourceConnector, withDescription } from '../http/source-connector.js';
import { blueskyPost } from './bluesky-items.js';
import { type BlueskyOptions, DEFAULT_BLUESKY_QUERIES } from './bluesky-options.js';
import { BlueskySession } from './bluesky-session.js';

const DEFAULTS = {
  baseUrl: 'https://public.api.bsky.app',
  serviceUrl: 'https://bsky.social',
  lang: 'en',
  pageSize: 100,
  backfillDays: 30,
  maxPagesPerQuery: 10,
};

/**
 * The `bluesky` source: `app.bsky.feed.searchPosts` with `sort=latest`, paged by `cursor`. Each
 * query's high-water mark is the newest sort time seen; the next run asks `since` it.
 */
export function createBlueskyConnector(options: BlueskyOptions = {}): SourceConnector {
  const id = 'bluesky';
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const client = createSourceClient(id, options, { rateLimit: RATE_LIMIT_POLICIES.bluesky });
  const session =
    options.identifier && options.appPassword
      ? new BlueskySession(client, settings.serviceUrl, options.identifier, options.appPassword)
      : null;
  // With a session, the account's PDS answers app.bsky.* calls on the AppView's behalf.
  const apiBase = (session ? settings.serviceUrl : settings.baseUrl).replace(/\/$/, '');
  const queries = options.queries ?? DEFAULT_BLUESKY_QUERIES;

  async function fetchQueryPage(request: QueryPageRequest<string>): Promise<QueryPage> {
    const { ctx } = request;
    const url = new URL(`${apiBase}/xrpc/app.bsky.feed.searchPosts`);
    url.searchParams.set('q', request.query);
    url.searchParams.set('sort', 'latest');
    url.searchParams.set('limit', String(settings.pageSize));
    url.searchParams.set('since', request.mark ?? request.since.toISOString());
    if (settings.lang) url.searchParams.set('lang', settings.lang);
    if (request.pageToken) url.searchParams.set('cursor', request.pageToken);
    const headers: Record<string, string> = {};
    if (session) headers['authorization'] = `Bearer ${await session.accessJwt(ctx.now(), ctx.signal)}`;
    const response = await client.getJson({ url, headers, signal: ctx.signal });
    const where = String(url);
    const body = shapeOrThrow(client, where, response.body, readSearchResult);
    const entries = body.posts.map((post, index) => blueskyPost(post, `${where}#${index}`));
    const slice = takeNewerThan(entries, request.mark, request.since, compareIsoInstants);
    const more = !slice.reachedKnown && body.cursor !== null && body.posts.length > 0;
    return {
      url: where,
      fetchedAt: response.fetchedAt,
      contentHash: response.contentHash,
      items: slice.items,
      nextPageToken: more ? body.cursor : null,
      newestMark: slice.newestMark,
    };
  }

  const connector = createQueryConnector({
    id,
    queries,
    queryKey: (query) => `q:${query}`,
    fetchQueryPage,
    compareMarks: compareIsoInstants,
    backfillDays: settings.backfillDays,
    maxPagesPerQuery: settings.maxPagesPerQuery,
  });
  return withDescription(connector, () => ({
    id,
    title: 'Bluesky: post search',
    endpoint: apiBase,
    auth: 'optional',
    authConfigured: session !== null,
    options: {
      queries,
      lang: settings.lang,
      identifier: credentialShown(options.identifier),
      appPassword: credentialShown(options.appPassword),
      pageSize: settings.pageSize,
      backfillDays: settings.backfillDays,
      maxPagesPerQuery: settings.maxPagesPerQuery,
    },
  }));
}

/** `{cursor?: string, hitsTotal?: number, posts: PostView[]}`. */
function readSearchResult(body: unknown): { cursor: string | null; posts: unknown[] } | string {
  if (!isObject(body)) return 'the answer is not an object';
  if (!Array.isArray(body['posts'])) return 'posts is not an array';
  const cursor = body['cursor'];
  if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') return 'cursor is not a string';
  return { cursor: (cursor as string | undefined) ?? null, posts: body['posts'] };
}
