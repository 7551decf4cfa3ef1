import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRssConnector, etagKey } from '../../../../src/connectors/rss/rss-connector.js';
import { ReplayServer } from '../../../support/replay-server.js';
import { acceptedItems, CollectHarness } from '../support/collect-harness.js';
import { describeSourceConformance } from '../support/connector-suite.js';
import { PostFeed } from '../support/post-feed.js';
import { atomHandler, rssHandler } from './rss-replay.js';

const xml = (body: string) => ({ headers: { 'content-type': 'application/atom+xml' }, body });

describeSourceConformance({
  name: 'rss',
  build: (baseUrl, settings) =>
    createRssConnector({ feeds: [{ url: `${baseUrl}/feed.atom`, key: 'stories' }], ...settings }),
  handler: atomHandler,
  isPage: (request) => request.path === '/feed.atom',
  externalId: (n) => `urn:carevoice:synthetic:${n}`,
  contentType: 'application/atom+xml; charset=utf-8',
  wrongShape: xml('<?xml version="1.0"?><opml version="2.0"><body/></opml>'),
  badSyntax: { code: 'invalid_xml', reply: xml('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id></feed>') },
  rateLimited: { reply: { status: 503, headers: { 'retry-after': '45' } }, expectedMs: 45_000 },
});

describe('rss specifics', () => {
  let server: ReplayServer;
  let feed: PostFeed;
  let harness: CollectHarness;

  beforeEach(async () => {
    feed = new PostFeed();
    feed.add(3);
    server = await ReplayServer.start(rssHandler(feed));
    harness = new CollectHarness();
  });
  afterEach(async () => {
    await server.close();
  });

  it('reads RSS 2.0 items by guid with HTML stripped', async () => {
    const connector = createRssConnector({ feeds: [{ url: `${server.baseUrl}/rss.xml`, key: 'forum' }] });
    const items = acceptedItems(await harness.run(connector));
    expect(items[0]).toEqual({
      externalId: 'synthetic-3',
      text: `Story 3\n\n${feed.posts[2]!.text}`,
      postedAt: feed.posts[2]!.postedAt,
      url: `${server.baseUrl}/stories/3`,
      authorHandle: undefined,
    });
  });

  it('sends stored validators and treats 304 Not Modified as nothing new', async () => {
    const connector = createRssConnector({ feeds: [{ url: `${server.baseUrl}/rss.xml`, key: 'forum' }] });
    await harness.run(connector);
    const etag = harness.state.get(etagKey('forum'));
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    harness.advance(3_600_000);
    const [page] = await harness.run(connector);
    expect(page!.items).toEqual([]);
    const second = server.requests.at(-1)!;
    expect(second.headers['if-none-match']).toBe(etag);
    expect(second.headers['if-modified-since']).toBe(new Date(feed.posts[2]!.postedAt).toUTCString());
    feed.add(1);
    harness.advance(3_600_000);
    expect(acceptedItems(await harness.run(connector)).map((item) => item.externalId)).toEqual(['synthetic-4']);
  });

  it('needs at least one feed', () => {
    expect(() => createRssConnector({ feeds: [] })).toThrow(/at least one feed/);
  });
});
