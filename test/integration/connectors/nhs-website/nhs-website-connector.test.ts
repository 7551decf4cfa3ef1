import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../../../src/connectors/http/errors/upstream-error.js';
import { createNhsWebsiteConnector } from '../../../../src/connectors/nhs-website/nhs-website-connector.js';
import { jsonReply, ReplayServer } from '../../../support/replay-server.js';
import { acceptedItems, CollectHarness } from '../support/collect-harness.js';
import { describeSourceConformance } from '../support/connector-suite.js';
import { PostFeed } from '../support/post-feed.js';
import { KEY, nhsWebsiteHandler } from './nhs-website-replay.js';

const build = (baseUrl: string, extra: object = {}) =>
  createNhsWebsiteConnector({
    baseUrl: `${baseUrl}/comments`,
    subscriptionKey: KEY,
    odsCodes: ['RBV'],
    includeRemoved: false,
    ...extra,
  });

describeSourceConformance({
  name: 'nhs-website',
  build: (baseUrl, settings) => build(baseUrl, settings),
  handler: nhsWebsiteHandler,
  isPage: (request) => request.path === '/comments/Comments',
  externalId: (n) => `c-${n}`,
  contentType: 'application/json; charset=utf-8',
  wrongShape: jsonReply({ comments: { comment: {} } }),
  badSyntax: { code: 'invalid_json', reply: { ...jsonReply({}), body: '{"comments": [{"comment": ' } },
  rateLimited: {
    reply: {
      status: 429,
      headers: { 'retry-after': '30', 'content-type': 'application/json' },
      body: '{"statusCode": 429}',
    },
    expectedMs: 30_000,
  },
});

describe('nhs-website specifics', () => {
  let server: ReplayServer;
  let feed: PostFeed;
  let harness: CollectHarness;

  beforeEach(async () => {
    feed = new PostFeed();
    feed.add(3);
    server = await ReplayServer.start(nhsWebsiteHandler(feed, 100, []));
    harness = new CollectHarness();
  });
  afterEach(async () => {
    await server.close();
  });

  it('maps reviews with their trust and turns removed reviews into deletions', async () => {
    server.handler = nhsWebsiteHandler(feed, 100, [feed.posts[0]!]);
    const items = acceptedItems(await harness.run(build(server.baseUrl, { includeRemoved: true })));
    expect(items.find((item) => item.externalId === 'c-3')).toEqual({
      externalId: 'c-3',
      text: `Review 3\n\n${feed.posts[2]!.text}`,
      postedAt: feed.posts[2]!.postedAt,
      url: 'https://www.nhs.uk/services/hospital/synthetic/RBV01/ratings-and-reviews#c-3',
      authorHandle: 'synthetic_user_3',
      odsCode: 'RBV',
    });
    expect(items.filter((item) => item.deleted)).toEqual([{ externalId: 'c-1', text: '', deleted: true }]);
    const first = server.requests[0]!;
    expect(first.headers['subscription-key']).toBe(KEY);
    expect(Object.fromEntries(first.query)).toMatchObject({
      'api-version': '1.0',
      odsCode: 'RBV',
      status: 'published',
      fromDate: '2026-01-30',
    });
    expect(server.requests.map((request) => request.query.get('status'))).toEqual(['published', 'removed']);
  });

  it('reports a refused key as a non-retryable error without echoing the key', async () => {
    const error = await harness.page(build(server.baseUrl, { subscriptionKey: 'bad-key' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 401, retryable: false, code: 'request_rejected' });
    expect((error as Error).message).not.toContain('bad-key');
  });
});
