import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlueskyConnector } from '../../../../src/connectors/bluesky/bluesky-connector.js';
import { jsonReply, ReplayServer } from '../../../support/replay-server.js';
import { acceptedItems, CollectHarness } from '../support/collect-harness.js';
import { describeSourceConformance } from '../support/connector-suite.js';
import { PostFeed } from '../support/post-feed.js';
import { blueskyHandler, DID, rkey } from './bluesky-replay.js';

const resetIn60s = () => String(Math.floor(Date.now() / 1000) + 60);

describeSourceConformance({
  name: 'bluesky',
  build: (baseUrl, settings) => createBlueskyConnector({ queries: ['chemo'], baseUrl, ...settings }),
  handler: blueskyHandler,
  isPage: (request) => request.path === '/xrpc/app.bsky.feed.searchPosts',
  externalId: (n) => `at://${DID}/app.bsky.feed.post/${rkey(n)}`,
  contentType: 'application/json; charset=utf-8',
  wrongShape: jsonReply({ cursor: 12, posts: [] }),
  badSyntax: { code: 'invalid_json', reply: { ...jsonReply({}), body: '{"posts": [' } },
  rateLimited: {
    get reply() {
      return {
        status: 429,
        headers: { 'content-type': 'application/json', 'ratelimit-remaining': '0', 'ratelimit-reset': resetIn60s() },
        body: JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }),
      };
    },
    expectedMs: 60_000,
  },
});

describe('bluesky specifics', () => {
  let server: ReplayServer;
  let feed: PostFeed;
  let harness: CollectHarness;

  beforeEach(async () => {
    feed = new PostFeed();
    feed.add(3);
    server = await ReplayServer.start(blueskyHandler(feed, 100));
    harness = new CollectHarness();
  });
  afterEach(async () => {
    await server.close();
  });

  it('maps posts to AT-URI ids, bsky.app permalinks and author handles', async () => {
    const connector = createBlueskyConnector({ queries: ['chemo'], baseUrl: server.baseUrl });
    const items = acceptedItems(await harness.run(connector));
    expect(items[0]).toEqual({
      externalId: `at://${DID}/app.bsky.feed.post/${rkey(3)}`,
      text: feed.posts[2]!.text,
      postedAt: feed.posts[2]!.postedAt,
      url: `https://bsky.app/profile/${DID}/post/${rkey(3)}`,
      authorHandle: 'synthetic_user_3.bsky.social',
    });
    const first = server.requests[0]!;
    expect(Object.fromEntries(first.query)).toMatchObject({ q: 'chemo', sort: 'latest', limit: '100', lang: 'en' });
    // First run reaches back the 30-day window; the next asks only since the newest post seen.
    expect(first.query.get('since')).toBe('2026-01-30T12:00:00.000Z');
    harness.advance(3_600_000);
    await harness.run(connector);
    expect(server.requests.at(-1)!.query.get('since')).toBe(feed.posts[2]!.postedAt);
  });

  it('creates an app-password session and searches through the PDS with it', async () => {
    const search = blueskyHandler(feed, 100);
    server.handler = (request) =>
      request.path === '/xrpc/com.atproto.server.createSession'
        ? jsonReply({ did: DID, handle: 'carevoice.bsky.social', accessJwt: 'jwt-access', refreshJwt: 'jwt-refresh' })
        : search(request);
    const connector = createBlueskyConnector({
      queries: ['chemo'],
      identifier: 'carevoice.bsky.social',
      appPassword: 'aaaa-bbbb-cccc-dddd',
      serviceUrl: server.baseUrl,
      baseUrl: 'http://127.0.0.1:9/unused',
    });
    await harness.run(connector);
    const session = server.requestsTo('/xrpc/com.atproto.server.createSession')[0]!;
    expect(JSON.parse(session.body)).toEqual({ identifier: 'carevoice.bsky.social', password: 'aaaa-bbbb-cccc-dddd' });
    expect(server.requestsTo('/xrpc/app.bsky.feed.searchPosts')[0]!.headers.authorization).toBe('Bearer jwt-access');
    expect(JSON.stringify(connector.describe())).not.toContain('aaaa-bbbb');
  });

  it('rejects one malformed post and keeps the rest of the page', async () => {
    const normal = blueskyHandler(feed, 100);
    server.handler = async (request) => {
      const reply = await normal(request);
      const body = JSON.parse(String(reply.body));
      body.posts[1].record.text = 42;
      return { ...reply, body: JSON.stringify(body) };
    };
    const connector = createBlueskyConnector({ queries: ['chemo'], baseUrl: server.baseUrl });
    const [page] = await harness.run(connector);
    expect(page!.items.filter((item) => item.ok)).toHaveLength(2);
    expect(page!.items.find((item) => !item.ok)).toMatchObject({
      rejection: { code: 'wrong_type', externalId: `at://${DID}/app.bsky.feed.post/${rkey(2)}` },
    });
  });
});
