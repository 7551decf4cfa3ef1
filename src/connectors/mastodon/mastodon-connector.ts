import { createSourceClient, definedOnly } from '../http/common-options.js';
import { linkRelation } from '../http/link-header.js';
import { compareIds } from '../http/paging/marks.js';
import { type MarkedItem, takeNewerThan } from '../http/paging/newest-first.js';
import { createQueryConnector, type QueryPage, type QueryPageRequest } from '../http/paging/query-connector.js';
import { RATE_LIMIT_POLICIES } from '../http/rate-limit-policy.js';
import { shapeOrThrow } from '../http/shape.js';
import { type SourceConnector, withDescription } from '../http/source-connector.js';
import { mastodonStatus } from './mastodon-items.js';
import {
  DEFAULT_MASTODON_INSTANCES,
  type MastodonOptions,
  type MastodonQuery,
  mastodonQueries,
  mastodonQueryKey,
} from './mastodon-options.js';

const DEFAULTS = { pageSize: 40, backfillDays: 30, maxPagesPerQuery: 10 };

/**
 * The `mastodon` source: hashtag timelines and account statuses on configured servers, newest
 * first. A walk starts with `since_id` = the stored mark and follows the `Link: rel="next"` header
 * (its `max_id`) down to the mark or the backfill window. Status ids grow with time on each server.
 */
export function createMastodonConnector(options: MastodonOptions = {}): SourceConnector {
  const id = 'mastodon';
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const client = createSourceClient(id, options, { rateLimit: RATE_LIMIT_POLICIES.mastodon });
  const instances = options.instances ?? DEFAULT_MASTODON_INSTANCES;
  const queries = mastodonQueries(instances);

  async function fetchQueryPage(request: QueryPageRequest<MastodonQuery>): Promise<QueryPage> {
    const { query, ctx } = request;
    const path =
      query.kind === 'tag'
        ? `/api/v1/timelines/tag/${encodeURIComponent(query.value)}`
        : `/api/v1/accounts/${encodeURIComponent(query.value)}/statuses`;
    const url = new URL(query.baseUrl + path);
    url.searchParams.set('limit', String(settings.pageSize));
    if (query.kind === 'account') url.searchParams.set('exclude_reblogs', 'true');
    if (request.mark) url.searchParams.set('since_id', request.mark);
    if (request.pageToken) url.searchParams.set('max_id', request.pageToken);
    const headers: Record<string, string> = {};
    if (query.accessToken) headers['authorization'] = `Bearer ${query.accessToken}`;
    const response = await client.getJson({ url, headers, signal: ctx.signal });
    const where = String(url);
    const statuses = shapeOrThrow(client, where, response.body, (body) =>
      Array.isArray(body) ? body : 'the answer is not an array of statuses',
    );
    const host = new URL(query.baseUrl).host;
    const entries: MarkedItem[] = [];
    let newestBoost: string | null = null;
    statuses.forEach((status, index) => {
      const entry = mastodonStatus(status, host, `${where}#${index}`);
      if (entry) entries.push(entry);
      else newestBoost ??= (status as { id: string }).id;
    });
    const slice = takeNewerThan(entries, request.mark, request.since, compareIds);
    const nextLink = linkRelation(response.headers.get('link'), 'next');
    const maxId = nextLink ? new URL(nextLink, query.baseUrl).searchParams.get('max_id') : null;
    const more = !slice.reachedKnown && statuses.length > 0 && maxId !== null;
    const newest = [slice.newestMark, newestBoost]
      .filter((m): m is string => m !== null)
      .sort(compareIds)
      .at(-1);
    return {
      url: where,
      fetchedAt: response.fetchedAt,
      contentHash: response.contentHash,
      items: slice.items,
      nextPageToken: more ? maxId : null,
      newestMark: newest ?? null,
    };
  }

  const connector = createQueryConnector({
    id,
    queries,
    queryKey: mastodonQueryKey,
    fetchQueryPage,
    compareMarks: compareIds,
    backfillDays: settings.backfillDays,
    maxPagesPerQuery: settings.maxPagesPerQuery,
  });
  return withDescription(connector, () => ({
    id,
    title: 'Mastodon: hashtag timelines and accounts',
    endpoint: instances.map((instance) => instance.baseUrl).join(', '),
    auth: 'optional',
    authConfigured: instances.some((instance) => Boolean(instance.accessToken)),
    options: {
      queries: queries.map(mastodonQueryKey),
      accessTokens: instances.map((instance) => `${instance.baseUrl}: ${instance.accessToken ? '(set)' : '(not set)'}`),
      pageSize: settings.pageSize,
      backfillDays: settings.backfillDays,
      maxPagesPerQuery: settings.maxPagesPerQuery,
    },
  }));
}
