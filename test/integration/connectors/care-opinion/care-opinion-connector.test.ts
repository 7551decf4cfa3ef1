import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCareOpinionConnector } from '../../../../src/connectors/care-opinion/care-opinion-connector.js';
import { MalformedPageError } from '../../../../src/connectors/http/errors/malformed-page-error.js';
import { jsonReply, ReplayServer } from '../../../support/replay-server.js';
import { acceptedItems, CollectHarness } from '../support/collect-harness.js';
import { describeSourceConformance } from '../support/connector-suite.js';
import { PostFeed } from '../support/post-feed.js';
import { careOpinionHandler, KEY, opinion } from './care-opinion-replay.js';

const build = (baseUrl: string, extra: object = {}) =>
  createCareOpinionConnector({ baseUrl: `${baseUrl}/api/v2`, subscriptionKey: KEY, minIntervalMs: 0, ...extra });

describeSourceConformance({
  name: 'care-opinion',
  build: (baseUrl, settings) => build(baseUrl, settings),
  handler: careOpinionHandler,
  isPage: (request) => request.path === '/api/v2/opinions',
  externalId: (n) => String(900_000 + n),
  contentType: 'application/json; charset=utf-8',
  wrongShape: jsonReply({ opinions: [] }),
  badSyntax: { code: 'invalid_json', reply: { ...jsonReply({}), body: '[{"id": 1, "title": ' } },
  rateLimited: { reply: { status: 429, headers: { 'retry-after': '1' } }, expectedMs: 1_000 },
  repeatsNewest: true,
});

describe('care-opinion specifics', () => {
  let server: ReplayServer;
  let feed: PostFeed;
  let harness: CollectHarness;

  beforeEach(async () => {
    feed = new PostFeed();
    feed.add(3);
    server = await ReplayServer.start(careOpinionHandler(feed, 100));
    harness = new CollectHarness();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends the subscription key header and maps stories with their trust ODS code', async () => {
    server.handler = careOpinionHandler(feed, 100, (post) =>
      post.n === 2 ? opinion(post, { links: [{ rel: 'healthservice', id: 'F84096', href: 'x' }] }) : opinion(post),
    );
    const items = acceptedItems(await harness.run(build(server.baseUrl)));
    expect(items[0]).toEqual({
      externalId: '900001',
      text: `Story 1\n\n${feed.posts[0]!.text}`,
      postedAt: new Date(Date.parse(feed.posts[0]!.postedAt) - 3_600_000).toISOString(),
      url: 'https://www.careopinion.org.uk/900001',
      odsCode: 'RBV',
      attributes: { tags: ['kind nurses'], criticality: 3 },
    });
    expect(items[1]!.attributes).toEqual({ tags: ['parking', 'waiting time'], criticality: -2 });
    // A GP practice code names no trust.
    expect(items[1]!.odsCode).toBeUndefined();
    const request = server.requests[0]!;
    expect(request.headers.authorization).toBe(`SUBSCRIPTION_KEY ${KEY}`);
    expect(Object.fromEntries(request.query)).toEqual({
      publishedafter: '2026-01-30T12:00:00.000Z',
      take: '100',
      skip: '0',
    });
  });

  it('collects a story published in the same instant as the mark after the walk that set it', async () => {
    const first = acceptedItems(await harness.run(build(server.baseUrl)));
    expect(first.map((item) => item.externalId)).toEqual(['900001', '900002', '900003']);
    // Published later, but stamped with the same instant as the newest story already collected.
    const [late] = feed.add(1);
    late!.postedAt = feed.posts[2]!.postedAt;
    const second = acceptedItems(await harness.run(build(server.baseUrl)));
    // The mark's own story comes again (the store keeps it once, by id); the late one is not missed.
    expect(second.map((item) => item.externalId)).toEqual(['900003', '900004']);
  });

  it('reads criticality as a whole number in −5…5 and rejects one off the scale', async () => {
    feed.add(2);
    const criticality: Record<number, unknown> = { 1: '−4', 2: 'mildly critical', 3: 9, 4: { level: 2 }, 5: null };
    server.handler = careOpinionHandler(feed, 100, (post) =>
      opinion(post, { criticality: criticality[post.n], tags: post.n === 5 ? [] : ['parking'] }),
    );
    const pages = await harness.run(build(server.baseUrl));
    const items = acceptedItems(pages);
    expect(items.map((item) => [item.externalId, item.attributes])).toEqual([
      ['900001', { tags: ['parking'], criticality: -4 }],
      // A word label is not on the scale: the story is kept without a criticality.
      ['900002', { tags: ['parking'] }],
      ['900005', undefined],
    ]);
    const rejections = pages.flatMap((page) => page.items.flatMap((p) => (p.ok ? [] : [p.rejection])));
    expect(rejections.map((r) => [r.externalId, r.code])).toEqual([
      ['900003', 'wrong_type'],
      ['900004', 'wrong_type'],
    ]);
    expect(rejections[0]!.reason).toMatch(/criticality 9/);
  });

  it('names the sign-in page a wrong key is redirected to as an HTML error page', async () => {
    const connector = createCareOpinionConnector({ baseUrl: `${server.baseUrl}/api/v2`, subscriptionKey: 'wrong' });
    const error = await harness.page(connector).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedPageError);
    expect((error as MalformedPageError).code).toBe('html_error_page');
    expect((error as Error).message).toMatch(/Sign in/);
    expect((error as Error).message).not.toContain('wrong');
  });

  it('keeps at least the configured gap between requests (5 per second)', async () => {
    feed.add(3);
    const connector = build(server.baseUrl, { pageSize: 2, minIntervalMs: 200 });
    const arrivals: number[] = [];
    const normal = server.handler;
    server.handler = (request) => {
      arrivals.push(performance.now());
      return normal(request);
    };
    await harness.run(connector);
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(150);
  });
});
