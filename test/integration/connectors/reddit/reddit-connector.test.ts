import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../../src/connectors/errors/rate-limited-error.js';
import { createRedditConnector } from '../../../../src/connectors/reddit/reddit-connector.js';
import { jsonReply, ReplayServer } from '../../../support/replay-server.js';
import { acceptedItems, CollectHarness } from '../support/collect-harness.js';
import { describeSourceConformance } from '../support/connector-suite.js';
import { PostFeed } from '../support/post-feed.js';
import { QUOTA_HEADERS, redditHandler, redditId, redditLink } from './reddit-replay.js';

describeSourceConformance({
  name: 'reddit',
  build: (baseUrl, settings) =>
    createRedditConnector({ subreddits: ['cancer'], searchSubreddits: [], baseUrl, ...settings }),
  handler: redditHandler,
  isPage: (request) => request.path.startsWith('/r/'),
  externalId: (n) => `t3_${redditId(n)}`,
  contentType: 'application/json; charset=UTF-8',
  wrongShape: jsonReply({ kind: 'Listing', data: { after: null, children: 'not a list' } }),
  badSyntax: { code: 'invalid_json', reply: { ...jsonReply({}), body: '{"kind": "Listing", "data": {' } },
  rateLimited: {
    reply: { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42' } },
    expectedMs: 42_000,
  },
});

describe('reddit specifics', () => {
  let server: ReplayServer;
  let feed: PostFeed;
  let harness: CollectHarness;

  beforeEach(async () => {
    feed = new PostFeed();
    feed.add(4);
    server = await ReplayServer.start();
    harness = new CollectHarness();
  });
  afterEach(async () => {
    await server.close();
  });

  it('uses application-only OAuth when credentials are configured', async () => {
    const listing = redditHandler(feed, 100);
    server.handler = (request) => {
      if (request.path === '/api/v1/access_token') {
        return jsonReply({ access_token: 'synthetic-token', token_type: 'bearer', expires_in: 86400, scope: '*' });
      }
      return listing(request);
    };
    const connector = createRedditConnector({
      subreddits: ['cancer'],
      searchSubreddits: [],
      clientId: 'app-id',
      clientSecret: 'app-secret',
      oauthBaseUrl: server.baseUrl,
      tokenUrl: `${server.baseUrl}/api/v1/access_token`,
    });
    await harness.run(connector);
    harness.advance(3_600_000);
    await harness.run(connector);
    const tokenRequests = server.requestsTo('/api/v1/access_token');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.method).toBe('POST');
    expect(tokenRequests[0]!.body).toBe('grant_type=client_credentials');
    expect(tokenRequests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('app-id:app-secret').toString('base64')}`,
    );
    const pages = server.requestsTo('/r/');
    expect(pages[0]!.path).toBe('/r/cancer/new');
    expect(pages.every((request) => request.headers.authorization === 'bearer synthetic-token')).toBe(true);
    expect(pages[0]!.headers['user-agent']).toMatch(/CareVoice/);
    expect(connector.describe()).toMatchObject({ authConfigured: true, options: { clientSecret: '(set)' } });
    expect(JSON.stringify(connector.describe())).not.toContain('app-secret');
  });

  it('searches within a subreddit by new and walks each query in turn', async () => {
    server.handler = redditHandler(feed, 100);
    const connector = createRedditConnector({
      subreddits: ['NHS'],
      searchSubreddits: ['unitedkingdom'],
      searchTerms: ['chemo'],
      baseUrl: server.baseUrl,
    });
    const pages = await harness.run(connector);
    expect(pages).toHaveLength(2);
    const search = server.requestsTo('/r/unitedkingdom/search.json')[0]!;
    expect(Object.fromEntries(search.query)).toMatchObject({
      q: 'chemo',
      restrict_sr: '1',
      sort: 'new',
      raw_json: '1',
    });
    expect([...harness.state.keys()].sort()).toEqual([
      'mark:r/NHS/new',
      'mark:r/unitedkingdom/search:chemo',
      'run:done',
    ]);
  });

  it('maps posts, and turns [deleted] / [removed] posts into tombstones', async () => {
    server.handler = redditHandler(feed, 100, {
      transform: (post) =>
        post.n === 2
          ? redditLink(post, { selftext: '[removed]', author: '[deleted]' })
          : post.n === 3
            ? redditLink(post, { created_utc: 'yesterday' })
            : redditLink(post),
    });
    const connector = createRedditConnector({ subreddits: ['cancer'], searchSubreddits: [], baseUrl: server.baseUrl });
    const [page] = await harness.run(connector);
    const items = acceptedItems([page!]);
    const post4 = items.find((item) => item.externalId === `t3_${redditId(4)}`)!;
    expect(post4).toMatchObject({
      text: `Post 4 title\n\n${feed.posts[3]!.text}`,
      postedAt: feed.posts[3]!.postedAt,
      authorHandle: 'synthetic_user_4',
      url: `https://www.reddit.com/r/cancer/comments/${redditId(4)}/post_4/`,
    });
    expect(items.find((item) => item.externalId === `t3_${redditId(2)}`)).toEqual({
      externalId: `t3_${redditId(2)}`,
      text: '',
      deleted: true,
    });
    const rejected = page!.items.filter((parsed) => !parsed.ok);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      ok: false,
      rejection: { code: 'wrong_type', externalId: `t3_${redditId(3)}` },
    });
  });

  it('pauses before the next request once x-ratelimit-remaining reaches 0', async () => {
    server.handler = redditHandler(feed, 2, { headers: { ...QUOTA_HEADERS, 'x-ratelimit-remaining': '0.0' } });
    const connector = createRedditConnector({
      subreddits: ['cancer'],
      searchSubreddits: [],
      baseUrl: server.baseUrl,
      pageSize: 2,
    });
    await harness.page(connector);
    const error = await harness.page(connector).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(290_000);
    expect(server.requestsTo('/r/')).toHaveLength(1);
  });
});
