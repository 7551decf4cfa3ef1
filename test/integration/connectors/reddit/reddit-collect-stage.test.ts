import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedditConnector } from '../../../../src/connectors/reddit/reddit-connector.js';
import type { RedactedComment } from '../../../../src/domain/model.js';
import { redact } from '../../../../src/domain/redaction/redact.js';
import { PAGE_CURSOR_KEY } from '../../../../src/pipeline/collect/collect-stage.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../../src/pipeline/stage.js';
import { createStageHandlers } from '../../../../src/pipeline/stage-handlers.js';
import { ReplayServer } from '../../../support/replay-server.js';
import {
  AUTHOR_KEY,
  fixedClock,
  keywordAnalyser,
  openTempStore,
  RateLimitSignal,
  recordingHelpers,
  type TempStore,
} from '../../pipeline/support/pipeline-fixtures.js';
import { PostFeed } from '../support/post-feed.js';
import { redditHandler, redditId, redditLink } from './reddit-replay.js';

/** The reddit connector inside the real collect stage, with a SQLite store and the real redactor. */
describe('reddit in the collect stage', () => {
  let server: ReplayServer;
  let temp: TempStore;
  let handlers: StageHandlers;
  let feed: PostFeed;

  beforeEach(async () => {
    feed = new PostFeed(Date.parse('2026-04-20T09:00:00Z'));
    feed.add(3);
    server = await ReplayServer.start();
    temp = await openTempStore();
    const connector = createRedditConnector({ subreddits: ['cancer'], searchSubreddits: [], baseUrl: server.baseUrl });
    handlers = createStageHandlers({
      store: temp.store,
      connectors: new Map([['reddit', connector]]),
      analyse: keywordAnalyser,
      redact: (text) => redact(text),
      authorHashKey: AUTHOR_KEY,
      clock: fixedClock('2026-04-21T09:00:00.000Z'),
      exportDir: temp.dir,
      options: { batchSize: 50 },
    });
  });
  afterEach(async () => {
    await server.close();
    await temp.cleanup();
  });

  const payload = () => stagePayloadSchemas.collect.parse({ source: 'reddit', cursor: null, runId: 'run-1' });

  it('turns a 429 into a queue pause, not a failure, and collects once the source allows', async () => {
    server.handler = () => ({ status: 429, headers: { 'retry-after': '7' } });
    const helpers = recordingHelpers();
    const error = await handlers.collect(payload(), helpers).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitSignal);
    expect((error as RateLimitSignal).ms).toBe(7_000);
    expect(helpers.enqueued).toEqual([]);
    expect(await temp.store.getCursor('reddit', PAGE_CURSOR_KEY)).toBeNull();
    expect(await temp.store.countPages('reddit')).toBe(0);

    server.handler = redditHandler(feed, 100, {
      transform: (post) =>
        post.n === 2
          ? redditLink(post, { selftext: 'Call me on 07700 900123 about the oncology clinic' })
          : redditLink(post),
    });
    const retried = recordingHelpers('job-1', 2);
    const counts = await handlers.collect(payload(), retried);
    expect(counts).toEqual({ items: 3, enqueued: 3, quarantined: 0, deleted: 0 });
    const comments = retried.enqueued.flatMap(({ stage, job }) =>
      stage === 'process' ? ((job.payload as { comments: RedactedComment[] }).comments ?? []) : [],
    );
    const second = comments.find((comment) => comment.externalId === `t3_${redditId(2)}`)!;
    expect(second.text).not.toContain('07700 900123');
    expect(second.redactions).toEqual([{ kind: 'phone', count: 1 }]);
    expect(second.authorHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(comments)).not.toContain('synthetic_user_');
    expect(await temp.store.countPages('reddit')).toBe(1);
    expect(await temp.store.getCursor('reddit', `state:mark:r/cancer/new`)).toBe(redditId(3));
  });
});
