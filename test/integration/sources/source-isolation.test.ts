import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSources } from '../../../src/app/source-listing.js';
import type { Config } from '../../../src/config/load-config.js';
import { enqueueStageJobs, type StageRunner } from '../../../src/queue/index.js';
import type { SettledJob } from '../../../src/queue/stage-processor.js';
import { jsonReply, ReplayServer } from '../../support/replay-server.js';
import { redditHandler } from '../connectors/reddit/reddit-replay.js';
import { PostFeed } from '../connectors/support/post-feed.js';
import { openTempStore, type TempStore } from '../pipeline/support/pipeline-fixtures.js';
import { createRedisKit, eventually, type RedisKit } from '../queue/support/redis-kit.js';
import { collectJob, startSourceRunner } from './support/source-runner.js';

const HEALTHY_JOBS = 12;

describe('one source failing does not hold up the others', () => {
  let kit: RedisKit;
  let temp: TempStore;
  let runner: StageRunner;
  let config: Config;
  const servers: ReplayServer[] = [];
  const settled: SettledJob[] = [];
  let storm: ReplayServer;
  let window = { ms: 0, healthyCompleted: 0, stormRequests: 0 };

  beforeAll(async () => {
    kit = createRedisKit();
    temp = await openTempStore();
    const feed = new PostFeed();
    feed.add(6);
    const reddit = await ReplayServer.start(redditHandler(feed, 100));
    storm = await ReplayServer.start(() => ({ status: 429, headers: { 'retry-after': '1' } }));
    const refused = await ReplayServer.start(() =>
      jsonReply({ statusCode: 401, message: 'Access denied due to invalid subscription key.' }, {}, 401),
    );
    servers.push(reddit, storm, refused);
    ({ runner, config } = await startSourceRunner({
      kit,
      temp,
      sources: {
        sample: { enabled: false },
        reddit: { enabled: true, baseUrl: reddit.baseUrl, subreddits: ['cancer'], searchSubreddits: [] },
        'care-opinion': { enabled: true, baseUrl: `${storm.baseUrl}/api/v2` },
        'nhs-website': { enabled: true, baseUrl: refused.baseUrl, odsCodes: ['RBV'] },
      },
      env: { CARE_OPINION_KEY: 'synthetic-key', NHS_WEBSITE_KEY: 'a-key-the-server-refuses' },
      stages: ['collect'],
      onSettled: (job) => settled.push(job),
    }));
    const collect = (source: string, n: number) => collectJob(source, n, 'test');
    const started = Date.now();
    await enqueueStageJobs(runner.queues, 'collect', [collect('care-opinion', 0), collect('nhs-website', 0)]);
    // The healthy source's jobs arrive one by one while the other source sits in its 429 storm.
    for (let n = 0; n < HEALTHY_JOBS; n++) {
      await enqueueStageJobs(runner.queues, 'collect', [collect('reddit', n)]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const healthyDone = () => settled.filter((s) => s.queueName === 'collect-reddit' && s.outcome === 'completed');
    await eventually(() => healthyDone().length >= HEALTHY_JOBS, 'every reddit collect job to complete');
    window = { ms: Date.now() - started, healthyCompleted: healthyDone().length, stormRequests: storm.requests.length };
  }, 30_000);

  afterAll(async () => {
    await runner?.close();
    await Promise.all(servers.map((server) => server.close()));
    await temp?.cleanup();
    await kit?.cleanup();
  });

  it('keeps the healthy source completing while the other is told to wait, and fails no job for a 429', async () => {
    expect(window.healthyCompleted).toBe(HEALTHY_JOBS);
    // The storm source was asked more than once in the same window: it is paused and retried, not failed.
    expect(window.stormRequests).toBeGreaterThanOrEqual(2);
    expect(settled.filter((s) => s.queueName === 'collect-care-opinion')).toEqual([]);
    const stormQueue = runner.queues.get('collect-care-opinion');
    expect(await stormQueue.getFailedCount()).toBe(0);
    const job = await stormQueue.getJob('care-opinion-test-0');
    expect(job?.attemptsMade).toBe(0);
    expect(await job?.getState()).toMatch(/^(waiting|delayed|active|prioritized)$/);
  });

  it('fails a refused key at once, without retries', async () => {
    const refused = settled.filter((s) => s.queueName === 'collect-nhs-website');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ outcome: 'failed', final: true });
    expect(refused[0]!.error?.message).toMatch(/^request_rejected: nhs-website: HTTP 401/);
  });

  it('reports the refused source as failing in sources list while the others are fine', async () => {
    const rows = await listSources({
      config,
      store: temp.store,
      queues: { connection: kit.connection, prefix: kit.prefix },
    });
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row('nhs-website').health).toMatchObject({ failing: true, failedJobs: 1, consecutiveFailures: 1 });
    expect(row('nhs-website').health?.lastError).toMatch(/HTTP 401/);
    expect(row('care-opinion').health).toMatchObject({ failing: false, failedJobs: 0 });
    expect(row('reddit').health).toMatchObject({ failing: false, failedJobs: 0, consecutiveFailures: 0 });
    expect(row('reddit').lastRun?.status).toBe('ok');
    expect(row('nhs-website').credentials).toEqual({ NHS_WEBSITE_KEY: '(set)' });
    expect(JSON.stringify(rows)).not.toContain('a-key-the-server-refuses');
  });
});
