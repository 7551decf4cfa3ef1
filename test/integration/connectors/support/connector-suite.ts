import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../../src/connectors/connector.js';
import { RateLimitedError } from '../../../../src/connectors/errors/rate-limited-error.js';
import { MalformedPageError } from '../../../../src/connectors/http/errors/malformed-page-error.js';
import { RequestTimeoutError } from '../../../../src/connectors/http/errors/request-timeout-error.js';
import { UpstreamError } from '../../../../src/connectors/http/errors/upstream-error.js';
import {
  htmlErrorReply,
  type RecordedRequest,
  type ReplayHandler,
  type ReplayResponse,
  ReplayServer,
} from '../../../support/replay-server.js';
import { CollectHarness, externalIds } from './collect-harness.js';
import { PostFeed } from './post-feed.js';

/**
 * The behaviour every web source shares, run against its own replay server: paging, incremental
 * runs, 429 / 5xx / timeout handling and malformed pages. Each source supplies how its API answers.
 */

export interface BuildSettings {
  pageSize: number;
  timeoutMs: number;
  maxBodyBytes: number;
}

export interface SourceScenario {
  name: string;
  build(baseUrl: string, settings: BuildSettings): Connector;
  /** Answers requests like the source, paging `feed` by `pageSize`. */
  handler(feed: PostFeed, pageSize: number): ReplayHandler;
  /** Whether a request asks for a page of posts (not a token or session). */
  isPage(request: RecordedRequest): boolean;
  externalId(n: number): string;
  /** The documented envelope with a field of the wrong type. */
  wrongShape: ReplayResponse;
  /** The Content-Type of the source's pages. */
  contentType: string;
  /** A body in the right content type that does not parse. */
  badSyntax: { code: 'invalid_json' | 'invalid_xml'; reply: ReplayResponse };
  /** The source's own 429 answer and the pause it should turn into. */
  rateLimited: { reply: ReplayResponse; expectedMs: number };
  /**
   * The newest item of one run comes again in the next: the source's mark includes its own instant,
   * so an item published later in that same instant is not missed (the store keeps repeats once, by id).
   */
  repeatsNewest?: boolean;
}

const SETTINGS: BuildSettings = { pageSize: 3, timeoutMs: 400, maxBodyBytes: 64 * 1024 };

/** From now on, page requests get `reply`; other requests (tokens, sessions) are answered as usual. */
function failPages(server: ReplayServer, scenario: SourceScenario, normal: ReplayHandler, reply: ReplayResponse): void {
  server.handler = (request) => (scenario.isPage(request) ? reply : normal(request));
}

export function describeSourceConformance(scenario: SourceScenario): void {
  describe(`${scenario.name}: shared source behaviour`, () => {
    let server: ReplayServer;
    let feed: PostFeed;
    let connector: Connector;
    let harness: CollectHarness;

    beforeEach(async () => {
      feed = new PostFeed();
      feed.add(8);
      server = await ReplayServer.start();
      server.handler = scenario.handler(feed, SETTINGS.pageSize);
      connector = scenario.build(server.baseUrl, SETTINGS);
      harness = new CollectHarness();
    });

    afterEach(async () => {
      await server.close();
    });

    it('pages through at least three pages and stops when caught up', async () => {
      const pages = await harness.run(connector);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      const ids = externalIds(pages);
      expect(ids).toHaveLength(8);
      expect(new Set(ids)).toEqual(new Set(feed.posts.map((post) => scenario.externalId(post.n))));
      expect(pages.at(-1)!.nextCursor).toBeNull();
      for (const page of pages) expect(page.contentHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('fetches only new items on the next run', async () => {
      await harness.run(connector);
      feed.add(2);
      harness.advance(60 * 60_000);
      const second = await harness.run(connector);
      const again = (n: number) => (scenario.repeatsNewest ? [scenario.externalId(n)] : []);
      expect(externalIds(second).sort()).toEqual([...again(8), scenario.externalId(9), scenario.externalId(10)].sort());
      harness.advance(60 * 60_000);
      expect(externalIds(await harness.run(connector))).toEqual(again(10));
    });

    it('turns a 429 into RateLimitedError with the source’s pause', async () => {
      failPages(server, scenario, server.handler, scenario.rateLimited.reply);
      const error = await harness.page(connector).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(scenario.rateLimited.expectedMs - 1000);
      expect((error as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(scenario.rateLimited.expectedMs);
    });

    it('turns a 429 with Retry-After in seconds into exactly that pause', async () => {
      await harness.page(connector);
      failPages(server, scenario, server.handler, { status: 429, headers: { 'retry-after': '120' } });
      const error = await harness.page(connector).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).retryAfterMs).toBe(120_000);
    });

    it('turns a 5xx into a retryable error without moving the cursor', async () => {
      await harness.page(connector);
      const cursor = harness.cursor;
      failPages(server, scenario, server.handler, { status: 502, body: 'bad gateway' });
      const error = await harness.page(connector).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).retryable).toBe(true);
      expect((error as UpstreamError).status).toBe(502);
      expect(harness.cursor).toBe(cursor);
    });

    it('gives up on a page that does not arrive in time', async () => {
      server.handler = () => ({ delayMs: 3_000 });
      const error = await harness.page(connector).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestTimeoutError);
    });

    const malformed: { code: string; reply: () => ReplayResponse }[] = [
      { code: scenario.badSyntax.code, reply: () => scenario.badSyntax.reply },
      { code: 'html_error_page', reply: () => htmlErrorReply() },
      { code: 'wrong_shape', reply: () => scenario.wrongShape },
      {
        code: 'body_too_large',
        reply: () => ({
          headers: { 'content-type': scenario.contentType },
          body: ' '.repeat(SETTINGS.maxBodyBytes + 1),
        }),
      },
      {
        code: 'invalid_utf8',
        // "é" cut in half: 0xC3 followed by a byte that cannot continue it.
        reply: () => ({
          headers: { 'content-type': scenario.contentType },
          body: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22]),
        }),
      },
    ];
    for (const { code, reply } of malformed) {
      it(`fails a ${code} page clearly and keeps what earlier pages gave`, async () => {
        const firstIds = externalIds([await harness.page(connector)]);
        expect(firstIds.length).toBeGreaterThan(0);
        const normal = server.handler;
        failPages(server, scenario, normal, reply());
        const cursor = harness.cursor;
        const error = await harness.page(connector).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MalformedPageError);
        expect((error as MalformedPageError).code).toBe(code);
        expect(harness.cursor).toBe(cursor);
        // The source recovers: the run goes on from the same cursor and nothing is lost or doubled.
        server.handler = normal;
        const all = [...firstIds, ...externalIds(await harness.run(connector))];
        expect(all).toHaveLength(8);
        expect(new Set(all).size).toBe(8);
      });
    }
  });
}
