import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMastodonConnector } from '../../../../src/connectors/mastodon/mastodon-connector.js';
import { jsonReply, ReplayServer } from '../../../support/replay-server.js';
import { acceptedItems, CollectHarness } from '../support/collect-harness.js';
import { describeSourceConformance } from '../support/connector-suite.js';
import { PostFeed } from '../support/post-feed.js';
import { mastodonHandler, status, statusId } from './mastodon-replay.js';

let host = '';

describeSourceConformance({
  name: 'mastodon',
  build: (baseUrl, settings) => {
    host = new URL(baseUrl).host;
    return createMastodonConnector({ instances: [{ baseUrl, hashtags: ['chemo'] }], ...settings });
  },
  handler: mastodonHandler,
  isPage: (request) => request.path.startsWith('/api/v1/'),
  externalId: (n) => `${host}/${statusId(n)}`,
  contentType: 'application/json; charset=utf-8',
  wrongShape: jsonReply({ statuses: [] }),
  badSyntax: { code: 'invalid_json', reply: { ...jsonReply({}), body: '[{"id": "1",' } },
  rateLimited: {
    get reply() {
      return {
        status: 429,
        headers: {
          'content-type': 'application/json',
          'x-ratelimit-limit': '300',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': new Date(Date.now() + 90_000).toISOString(),
        },
        body: JSON.stringify({ error: 'Too many requests' }),
      };
    },
    expectedMs: 90_000,
  },
});

describe('mastodon specifics', () => {
  let server: ReplayServer;
  let feed: PostFeed;
  let harness: CollectHarness;

  beforeEach(async () => {
    feed = new PostFeed();
    feed.add(3);
    server = await ReplayServer.start();
    harness = new CollectHarness();
  });
  afterEach(async () => {
    await server.close();
  });

  it('turns HTML content into text, qualifies handles and skips boosts', async () => {
    server.handler = mastodonHandler(feed, 40, (post, baseUrl) =>
      post.n === 2
        ? status(post, baseUrl, { reblog: status(feed.posts[0]!, baseUrl) })
        : post.n === 1
          ? status(post, baseUrl, { spoiler_text: 'cancer treatment' })
          : status(post, baseUrl),
    );
    const connector = createMastodonConnector({ instances: [{ baseUrl: server.baseUrl, hashtags: ['chemo'] }] });
    const items = acceptedItems(await harness.run(connector));
    const hostName = new URL(server.baseUrl).host;
    expect(items.map((item) => item.externalId)).toEqual([`${hostName}/${statusId(3)}`, `${hostName}/${statusId(1)}`]);
    expect(items[0]!.text).toBe('Synthetic post 3. #chemo ' + feed.posts[2]!.text.slice('Synthetic post 3. '.length));
    expect(items[0]!.text).not.toMatch(/<|href/);
    expect(items[0]!.authorHandle).toBe(`synthetic_user_3@${hostName}`);
    expect(items[1]!.text.startsWith('cancer treatment\n\n')).toBe(true);
    expect(harness.state.get(`mark:${hostName}/tag/chemo`)).toBe(statusId(3));
  });

  it('reads account statuses with a bearer token and starts later walks at since_id', async () => {
    server.handler = mastodonHandler(feed, 40);
    const connector = createMastodonConnector({
      instances: [{ baseUrl: server.baseUrl, hashtags: [], accountIds: ['4242'], accessToken: 'masto-token' }],
    });
    await harness.run(connector);
    harness.advance(3_600_000);
    await harness.run(connector);
    const requests = server.requestsTo('/api/v1/accounts/4242/statuses');
    const [first, second] = [requests[0], requests.at(-1)];
    expect(first!.headers.authorization).toBe('Bearer masto-token');
    expect(first!.query.get('exclude_reblogs')).toBe('true');
    expect(first!.query.has('since_id')).toBe(false);
    expect(second!.query.get('since_id')).toBe(statusId(3));
    expect(JSON.stringify(connector.describe())).not.toContain('masto-token');
  });
});
