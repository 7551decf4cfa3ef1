import { z } from 'zod';
import { createSourceClient, definedOnly } from '../http/common-options.js';
import { MissingCredentialsError } from '../http/errors/missing-credentials-error.js';
import { isObject } from '../http/item-checks.js';
import { compareIsoInstants } from '../http/paging/marks.js';
import { decodePageToken } from '../http/paging/page-token.js';
import { createQueryConnector, type QueryPage, type QueryPageRequest } from '../http/paging/query-connector.js';
import { shapeOrThrow } from '../http/shape.js';
import { credentialShown, type SourceConnector, withDescription } from '../http/source-connector.js';
import { nhsReview } from './nhs-website-items.js';
import { DEFAULT_NHS_WEBSITE_ODS_CODES, type NhsWebsiteOptions, type NhsWebsiteQuery } from './nhs-website-options.js';

const DEFAULTS = {
  baseUrl: 'https://api.nhs.uk/comments',
  pageSize: 100,
  backfillDays: 30,
  maxPagesPerQuery: 20,
  includeRemoved: true,
};

const tokenSchema = z.strictObject({ from: z.string(), offset: z.number().int().nonnegative() });

/**
 * The `nhs-website` source: reviews per organisation from `GET /Comments?odsCode&status&fromDate&
 * offset&limit`. `fromDate` takes a day, so reviews of the mark's own day come again and are
 * dropped here by their submission time. Removed reviews are read from the window each run and
 * delete what was collected.
 */
export function createNhsWebsiteConnector(options: NhsWebsiteOptions = {}): SourceConnector {
  const id = 'nhs-website';
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const client = createSourceClient(id, options);
  const baseUrl = settings.baseUrl.replace(/\/$/, '');
  const odsCodes = (options.odsCodes ?? DEFAULT_NHS_WEBSITE_ODS_CODES).map((code) => code.trim().toUpperCase());
  const statuses: NhsWebsiteQuery['status'][] = settings.includeRemoved ? ['published', 'removed'] : ['published'];
  const queries = odsCodes.flatMap((odsCode) => statuses.map((status) => ({ odsCode, status })));

  async function fetchQueryPage(request: QueryPageRequest<NhsWebsiteQuery>): Promise<QueryPage> {
    if (!options.subscriptionKey) throw new MissingCredentialsError(id, 'subscriptionKey (NHS website API key)');
    const { ctx, query } = request;
    const mark = query.status === 'published' ? request.mark : null;
    const position = request.pageToken
      ? decodePageToken(id, tokenSchema, request.pageToken)
      : { from: (mark ?? request.since.toISOString()).slice(0, 10), offset: 0 };
    const url = new URL(`${baseUrl}/Comments`);
    url.searchParams.set('api-version', '1.0');
    url.searchParams.set('odsCode', query.odsCode);
    url.searchParams.set('status', query.status);
    url.searchParams.set('fromDate', position.from);
    url.searchParams.set('offset', String(position.offset));
    url.searchParams.set('limit', String(settings.pageSize));
    const response = await client.getJson({
      url,
      headers: { 'subscription-key': options.subscriptionKey },
      signal: ctx.signal,
    });
    const where = String(url);
    const entries = shapeOrThrow(client, where, response.body, (body) =>
      isObject(body) && Array.isArray(body['comments']) ? body['comments'] : 'comments is not an array',
    );
    const reviews = entries.map((entry, index) => nhsReview(entry, `${where}#${index}`));
    const fresh = reviews.filter(
      (review) => !review.submittedAt || !mark || compareIsoInstants(review.submittedAt, mark) > 0,
    );
    const times = fresh.map((review) => review.submittedAt).filter((t): t is string => t !== undefined);
    const full = entries.length >= settings.pageSize;
    return {
      url: where,
      fetchedAt: response.fetchedAt,
      contentHash: response.contentHash,
      items: fresh.map((review) => review.parsed),
      nextPageToken: full ? JSON.stringify({ from: position.from, offset: position.offset + entries.length }) : null,
      newestMark: query.status === 'published' ? (times.sort(compareIsoInstants).at(-1) ?? null) : null,
    };
  }

  const connector = createQueryConnector({
    id,
    queries,
    queryKey: (query) => `${query.odsCode}/${query.status}`,
    fetchQueryPage,
    compareMarks: compareIsoInstants,
    backfillDays: settings.backfillDays,
    maxPagesPerQuery: settings.maxPagesPerQuery,
  });
  return withDescription(connector, () => ({
    id,
    title: 'NHS website: ratings and reviews',
    endpoint: baseUrl,
    auth: 'required',
    authConfigured: Boolean(options.subscriptionKey),
    options: {
      odsCodes,
      includeRemoved: settings.includeRemoved,
      subscriptionKey: credentialShown(options.subscriptionKey),
      pageSize: settings.pageSize,
      backfillDays: settings.backfillDays,
      maxPagesPerQuery: settings.maxPagesPerQuery,
    },
  }));
}
