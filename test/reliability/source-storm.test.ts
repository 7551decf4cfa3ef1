import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingJobs } from '../../src/queue/drain.js';
import { enqueueStageJobs, type StageRunner } from '../../src/queue/index.js';
import type { SettledJob } from '../../src/queue/stage-processor.js';
import { careOpinionHandler, KEY } from '../integration/connectors/care-opinion/care-opinion-replay.js';
import { redditHandler } from '../integration/connectors/reddit/reddit-replay.js';
import { PostFeed } from '../integration/connectors/support/post-feed.js';
import { openTempStore, type TempStore } from '../integration/pipeline/support/pipeline-fixtures.js';
import { createRedisKit, eventually, type RedisKit } from '../integration/queue/support/redis-kit.js';
import { collectJob, startSourceRunner } from '../integration/sources/support/source-runner.js';
import { type ReplayHandler, ReplayServer } from '../support/replay-server.js';
import { timedCase } from './support/outcomes.js';

const STORM_JOBS = 4;
const HEALTHY_JOBS = 12;
const RETRY_AFTER_S = 1;
const POSTS = 6;

let kit: RedisKit;
let temp: TempStore;
let runner: StageRunner;
const servers: ReplayServer[] = [];
const settled: SettledJob[] = [];

beforeAll(async () => {
  kit = createRedisKit();
  temp = await openTempStore();
});
afterAll(async () => {
  await runner?.close();
  await Promise.all(servers.map((server) => server.close()));
  await temp?.cleanup();
  await kit?.cleanup();
});

const QUEUE_NAMES = ['collect-reddit', 'collect-care-opinion', 'process'];

/** Every pending or running job of the run's queues, upstream first; zero once the pipeline is idle. */
async function unfinished(): Promise<number> {
  let total = 0;
  for (const name of QUEUE_NAMES) total += await pendingJobs(runner.queues.get(name));
  return total;
}

async function failedJobs(): Promise<number> {
  let total = 0;
  for (const name of QUEUE_NAMES) total += await runner.queues.get(name).getFailedCount();
  return total;
}

describe('a 429 storm from one source', () => {
  it('fails no job, keeps to Retry-After, leaves the other source unaffected and loses nothing', async () => {
    await timedCase(
      '429 storm from one source',
      `Care Opinion answers every request with 429 (Retry-After: ${RETRY_AFTER_S} s) while ${STORM_JOBS} of its collect jobs wait; ` +
        `${HEALTHY_JOBS} Reddit collect jobs arrive one every 200 ms meanwhile; then Care Opinion recovers`,
      async () => {
        const redditFeed = new PostFeed();
        redditFeed.add(POSTS);
        const careOpinionFeed = new PostFeed(Date.parse('2026-02-20T09:00:00Z'));
        careOpinionFeed.add(POSTS);
        const reddit = await ReplayServer.start(redditHandler(redditFeed, 100));
        const storm = await ReplayServer.start();
        servers.push(reddit, storm);
        // Each request's arrival time, so the spacing the source saw can be checked.
        const stormTimes: number[] = [];
        let answer: ReplayHandler = () => ({ status: 429, headers: { 'retry-after': String(RETRY_AFTER_S) } });
        storm.handler = (request) => {
          stormTimes.push(Date.now());
          return answer(request);
        };

        ({ runner } = await startSourceRunner({
          kit,
          temp,
          sources: {
            sample: { enabled: false },
            reddit: { enabled: true, baseUrl: reddit.baseUrl, subreddits: ['cancer'], searchSubreddits: [] },
            'care-opinion': { enabled: true, baseUrl: `${storm.baseUrl}/api/v2` },
          },
          env: { CARE_OPINION_KEY: KEY },
          stages: ['collect', 'process'],
          onSettled: (job) => settled.push(job),
        }));
        const collect = (source: string, n: number) => collectJob(source, n, 'storm');
        await enqueueStageJobs(
          runner.queues,
          'collect',
          Array.from({ length: STORM_JOBS }, (_, n) => collect('care-opinion', n)),
        );
        const stormStarted = Date.now();
        for (let n = 0; n < HEALTHY_JOBS; n++) {
          await enqueueStageJobs(runner.queues, 'collect', [collect('reddit', n)]);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const healthyDone = () => settled.filter((s) => s.queueName === 'collect-reddit' && s.outcome === 'completed');
        await eventually(() => healthyDone().length >= HEALTHY_JOBS, 'every Reddit collect job to complete', 60_000);
        await eventually(async () => (await temp.store.countComments({ source: 'reddit' })) === POSTS, 'Reddit stored');
        const stormMs = Date.now() - stormStarted;
        const duringStorm = [...stormTimes];

        // During the storm: the source was asked again and again, never faster than Retry-After allows,
        // and none of its jobs failed or even used up an attempt.
        expect(duringStorm.length).toBeGreaterThanOrEqual(2);
        const gaps = duringStorm.slice(1).map((t, i) => t - duringStorm[i]!);
        const closest = Math.min(...gaps);
        // 50 ms for timer granularity; a slow machine only makes the gaps longer.
        expect(closest).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 50);
        expect(settled.filter((s) => s.outcome === 'failed')).toEqual([]);
        const stormQueue = runner.queues.get('collect-care-opinion');
        for (let n = 0; n < STORM_JOBS; n++) {
          const job = await stormQueue.getJob(`care-opinion-storm-${n}`);
          expect(job?.attemptsMade).toBe(0);
          expect(await job?.getState()).toMatch(/^(waiting|delayed|active|prioritized)$/);
        }

        // The storm ends: every waiting job runs, and the source's comments are stored once.
        answer = careOpinionHandler(careOpinionFeed, 100);
        await eventually(async () => (await unfinished()) === 0, 'the queues to drain after the storm', 60_000);
        expect(await failedJobs()).toBe(0);
        expect(await temp.store.countComments({ source: 'care-opinion' })).toBe(POSTS);
        expect(await temp.store.countComments({ source: 'reddit' })).toBe(POSTS);
        const completedStorm = settled.filter(
          (s) => s.queueName === 'collect-care-opinion' && s.outcome === 'completed',
        );
        expect(completedStorm).toHaveLength(STORM_JOBS);

        return (
          `${duringStorm.length} Care Opinion requests in ${(stormMs / 1000).toFixed(1)} s of storm, the closest two ` +
          `${closest} ms apart; 0 failed jobs, 0 attempts used by the ${STORM_JOBS} waiting jobs; ` +
          `${healthyDone().length}/${HEALTHY_JOBS} Reddit jobs completed during the storm; after it, ` +
          `${completedStorm.length}/${STORM_JOBS} Care Opinion jobs completed and ${POSTS}/${POSTS} of its comments stored`
        );
      },
    );
  });
});
