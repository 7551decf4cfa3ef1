import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MissingCredentialsError } from '../../../../src/connectors/http/errors/missing-credentials-error.js';
import { createXConnector } from '../../../../src/connectors/x/x-connector.js';
import { jsonReply, ReplayServer } from '../../../support/replay-server.js';
import { acceptedItems, CollectHarness } from '../support/collect-harness.js';
import { describeSourceConformance } from '../support/connector-suite.js';
import { PostFeed } from '../support/post-feed.js';
import { postId, xHandler, xPostOf } from './x-replay.js';

describeSourceConformance({
  name: 'x',
  build: (baseUrl, settings) =>
    createXConnector({ queries: ['chemo NHS'], bearerToken: 'x-bearer', baseUrl, ...settings }),
  handler: xHandler,
  isPage: (request) => request.path === '/2/tweets/search/recent',
  externalId: (n) => postId(n),
  contentType: 'application/json; charset=utf-8',
  wrongShape: jsonReply({ data: { id: '1' }, meta: { result_count: 1 } }),
  badSyntax: { code: 'invalid_json', reply: { ...jsonReply({}), body: '{"data": [{"id": "1"' } },
  rateLimited: {
    get reply() {
      return {
        status: 429,
        headers: {
          'content-type': 'application/json',
          'x-rate-limit-limit': '450',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 300),
        },
        body: JSON.stringify({
          title: 'Too Many Requests',
          detail: 'Too Many Requests',
          type: 'about:blank',
          status: 429,
        }),
      };
    },
    expectedMs: 300_000,
  },
});

describe('x specifics', () => {
  let server: ReplayServer;
  let feed: PostFeed;
  let harness: CollectHarness;

  beforeEach(async () => {
    feed = new PostFeed();
    feed.add(3);
    server = await ReplayServer.start(xHandler(feed, 100));
    harness = new CollectHarness();
  });
  afterEach(async () => {
    await server.close();
  });

  it('asks start_time on the first walk and since_id afterwards, with user expansions', async () => {
    const connector = createXConnector({ queries: ['chemo NHS'], bearerToken: 'x-bearer', baseUrl: server.baseUrl });
    const items = acceptedItems(await harness.run(connector));
    expect(items[0]).toEqual({
      externalId: postId(3),
      text: feed.posts[2]!.text,
      postedAt: feed.posts[2]!.postedAt,
      url: `https://x.com/synthetic_user_3/status/${postId(3)}`,
      authorHandle: 'synthetic_user_3',
    });
    const first = server.requests[0]!;
    expect(first.query.get('start_time')).toBe('2026-02-22T12:01:00.000Z');
    expect(first.query.get('expansions')).toBe('author_id');
    harness.advance(3_600_000);
    await harness.run(connector);
    const second = server.requests.at(-1)!;
    expect(second.query.get('since_id')).toBe(postId(3));
    expect(second.query.has('start_time')).toBe(false);
  });

  it('keeps an edited Post under its original id', async () => {
    server.handler = xHandler(feed, 100, (post) =>
      post.n === 3
        ? xPostOf(post, {
            id: postId(3).replace(/000$/, '001'),
            edit_history_tweet_ids: [postId(3), postId(3).replace(/000$/, '001')],
          })
        : xPostOf(post),
    );
    const connector = createXConnector({ queries: ['chemo NHS'], bearerToken: 'x-bearer', baseUrl: server.baseUrl });
    const items = acceptedItems(await harness.run(connector));
    expect(items[0]!.externalId).toBe(postId(3));
  });

  it('refuses to run without a bearer token and says which option is missing', async () => {
    const connector = createXConnector({ baseUrl: server.baseUrl });
    await expect(harness.page(connector)).rejects.toThrow(MissingCredentialsError);
    await expect(harness.page(connector)).rejects.toThrow(/bearerToken/);
    expect(server.requests).toHaveLength(0);
    expect(connector.describe()).toMatchObject({ auth: 'required', authConfigured: false });
  });
});
