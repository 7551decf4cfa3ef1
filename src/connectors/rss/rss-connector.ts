import { createSourceClient, definedOnly } from '../http/common-options.js';
import { sha256Hex } from '../http/content-hash.js';
import { compareIsoInstants } from '../http/paging/marks.js';
import { createQueryConnector, type QueryPage, type QueryPageRequest } from '../http/paging/query-connector.js';
import { shapeOrThrow } from '../http/shape.js';
import { type SourceConnector, withDescription } from '../http/source-connector.js';
import { readFeedDocument } from './feed-entries.js';
import type { FeedTarget, RssOptions } from './rss-options.js';

const DEFAULTS = { backfillDays: 30, maxPagesPerQuery: 5 };

/** State keys of a feed's conditional-GET validators. */
export const etagKey = (feed: string) => `etag:${feed}`;
export const modifiedKey = (feed: string) => `modified:${feed}`;

/**
 * The `rss` source: RSS 2.0 and Atom feeds fetched with If-None-Match / If-Modified-Since (a 304
 * means nothing new), entries known by guid / id, HTML stripped. The newest entry date is the mark;
 * paged feeds (RFC 5005 `rel="next"`) are followed until entries reach it or leave the window.
 */
export function createRssConnector(options: RssOptions): SourceConnector {
  const id = 'rss';
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  if (options.feeds.length === 0) throw new RangeError('rss: configure at least one feed (sources.rss.feeds)');
  const client = createSourceClient(id, options);
  const keyOf = (feed: FeedTarget) => feed.key ?? feed.url;

  async function fetchQueryPage(request: QueryPageRequest<FeedTarget>): Promise<QueryPage> {
    const { ctx, query: feed } = request;
    const key = keyOf(feed);
    const firstPage = request.pageToken === null;
    const url = request.pageToken ?? feed.url;
    const conditional = firstPage
      ? { etag: await ctx.state.get(etagKey(key)), lastModified: await ctx.state.get(modifiedKey(key)) }
      : undefined;
    const response = await client.getXml({ url, conditional, signal: ctx.signal });
    if (response.notModified) {
      const empty = { items: [], nextPageToken: null, newestMark: null };
      return { url, fetchedAt: response.fetchedAt, contentHash: sha256Hex(''), ...empty };
    }
    const document = shapeOrThrow(client, url, response.body, (body) => readFeedDocument(body, url));
    let reachedKnown = false;
    const fresh = document.entries.filter(({ postedAt }) => {
      const known = postedAt !== undefined && request.mark !== null && compareIsoInstants(postedAt, request.mark) <= 0;
      const old = postedAt !== undefined && Date.parse(postedAt) < request.since.getTime();
      if (known || old) reachedKnown = true;
      return !known && !old;
    });
    const dates = fresh.map((entry) => entry.postedAt).filter((t): t is string => t !== undefined);
    const next = document.next ? new URL(document.next, url) : null;
    // Only follow pages on the feed's own origin.
    const followable = next !== null && next.origin === new URL(feed.url).origin;
    const nextPageToken = followable && !reachedKnown ? String(next) : null;
    // Validators are kept only when the whole walk was this one page: a 304 must never hide older pages.
    const stateUpdates: Record<string, string> = {};
    if (firstPage && nextPageToken === null && response.etag) stateUpdates[etagKey(key)] = response.etag;
    if (firstPage && nextPageToken === null && response.lastModified) {
      stateUpdates[modifiedKey(key)] = response.lastModified;
    }
    return {
      url,
      fetchedAt: response.fetchedAt,
      contentHash: response.contentHash,
      items: fresh.map((entry) => entry.parsed),
      nextPageToken,
      newestMark: dates.sort(compareIsoInstants).at(-1) ?? null,
      stateUpdates,
    };
  }

  const connector = createQueryConnector({
    id,
    queries: options.feeds,
    queryKey: keyOf,
    fetchQueryPage,
    compareMarks: compareIsoInstants,
    backfillDays: settings.backfillDays,
    maxPagesPerQuery: settings.maxPagesPerQuery,
  });
  return withDescription(connector, () => ({
    id,
    title: 'RSS 2.0 / Atom feeds',
    endpoint: options.feeds.map((feed) => feed.url).join(', '),
    auth: 'none',
    authConfigured: false,
    options: {
      feeds: options.feeds.map(keyOf),
      backfillDays: settings.backfillDays,
      maxPagesPerQuery: settings.maxPagesPerQuery,
    },
  }));
}
