import { z } from 'zod';
import { createSourceClient, definedOnly } from '../http/common-options.js';
import { MissingCredentialsError } from '../http/errors/missing-credentials-error.js';
import { compareIsoInstants } from '../http/paging/marks.js';
import { decodePageToken } from '../http/paging/page-token.js';
import { createQueryConnector, type QueryPage, type QueryPageRequest } from '../http/paging/query-connector.js';
import { shapeOrThrow } from '../http/shape.js';
import { credentialShown, type SourceConnector, withDescription } from '../http/source-connector.js';
import { careOpinionStory } from './care-opinion-items.js';
import type { CareOpinionOptions } from './care-opinion-options.js';

const DEFAULTS = {
  baseUrl: 'https://www.careopinion.org.uk/api/v2',
  pageSize: 100,
  backfillDays: 30,
  maxPagesPerQuery: 20,
  minIntervalMs: 200,
};

/** Where a walk is: the `publishedafter` it started from and how many opinions it has passed. */
const tokenSchema = z.strictObject({ after: z.string(), skip: z.number().int().nonnegative() });

/**
 * The `care-opinion` source: `GET /opinions`, oldest publication first (the API's default order),
 * paged with `skip`/`take` from a fixed `publishedafter`. The newest publication date seen is the
 * mark; the next walk starts `publishedafter` it, that instant included.
 */
export function createCareOpinionConnector(options: CareOpinionOptions = {}): SourceConnector {
  const id = 'care-opinion';
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const client = createSourceClient(id, options, { minIntervalMs: settings.minIntervalMs });
  const filters = options.filters ?? [{}];
  const baseUrl = settings.baseUrl.replace(/\/$/, '');

  async function fetchQueryPage(request: QueryPageRequest<Record<string, string>>): Promise<QueryPage> {
    if (!options.subscriptionKey) throw new MissingCredentialsError(id, 'subscriptionKey (Care Opinion API v2 key)');
    const { ctx } = request;
    const position = request.pageToken
      ? decodePageToken(id, tokenSchema, request.pageToken)
      : { after: request.mark ?? request.since.toISOString(), skip: 0 };
    const url = new URL(`${baseUrl}/opinions`);
    for (const [key, value] of Object.entries(request.query)) url.searchParams.set(key, value);
    url.searchParams.set('publishedafter', position.after);
    url.searchParams.set('take', String(settings.pageSize));
    url.searchParams.set('skip', String(position.skip));
    const headers = { authorization: `SUBSCRIPTION_KEY ${options.subscriptionKey}` };
    const response = await client.getJson({ url, headers, signal: ctx.signal });
    const where = String(url);
    const opinions = shapeOrThrow(client, where, response.body, (body) =>
      Array.isArray(body) ? body : 'the answer is not an array of opinions',
    );
    const stories = opinions.map((opinion, index) => careOpinionStory(opinion, `${where}#${index}`));
    // publishedafter includes the mark's own instant, and so does this filter: a story published in
    // that instant after the last walk would otherwise never be collected. What the last walk already
    // collected at that instant comes again, and the store keeps it once (upsert by id, unchanged).
    const fresh = stories.filter(
      (story) => !story.publishedAt || !request.mark || compareIsoInstants(story.publishedAt, request.mark) >= 0,
    );
    const newest = fresh.map((story) => story.publishedAt).filter((t): t is string => t !== undefined);
    const full = opinions.length >= settings.pageSize;
    return {
      url: where,
      fetchedAt: response.fetchedAt,
      contentHash: response.contentHash,
      items: fresh.map((story) => story.parsed),
      nextPageToken: full ? JSON.stringify({ after: position.after, skip: position.skip + opinions.length }) : null,
      newestMark: newest.sort(compareIsoInstants).at(-1) ?? null,
    };
  }

  const connector = createQueryConnector({
    id,
    queries: filters,
    queryKey: (filter) => (Object.keys(filter).length === 0 ? 'all' : new URLSearchParams(filter).toString()),
    fetchQueryPage,
    compareMarks: compareIsoInstants,
    backfillDays: settings.backfillDays,
    maxPagesPerQuery: settings.maxPagesPerQuery,
  });
  return withDescription(connector, () => ({
    id,
    title: 'Care Opinion: stories (API v2)',
    endpoint: baseUrl,
    auth: 'required',
    authConfigured: Boolean(options.subscriptionKey),
    options: {
      filters,
      subscriptionKey: credentialShown(options.subscriptionKey),
      pageSize: settings.pageSize,
      backfillDays: settings.backfillDays,
      maxPagesPerQuery: settings.maxPagesPerQuery,
      minIntervalMs: settings.minIntervalMs,
    },
  }));
}
