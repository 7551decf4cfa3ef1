import { Queue, Worker } from 'bullmq';
import { afterEach, expect, it } from 'vitest';
import { RetriedAttempts } from '../../../bench/e2e/retried-attempts.js';
import { createRedisKit, eventually, type RedisKit } from '../queue/support/redis-kit.js';

let kit: RedisKit | undefined;
afterEach(async () => {
  await kit?.cleanup();
  kit = undefined;
});

it('counts each failed attempt that BullMQ retries, per queue, and not the jobs that succeed first time', async () => {
  kit = createRedisKit();
  const { connection, prefix } = kit;
  const retried = await RetriedAttempts.listen(connection, prefix, ['process', 'collect']);
  const queue = new Queue('process', { connection, prefix });
  const seen = new Map<string, number>();
  // Fails twice for job "flaky", succeeds first time for "steady".
  const worker = new Worker(
    'process',
    async (job) => {
      const tries = (seen.get(job.id!) ?? 0) + 1;
      seen.set(job.id!, tries);
      if (job.id === 'flaky' && tries <= 2) throw new Error('database is locked');
    },
    { connection, prefix },
  );
  try {
    const retry = { attempts: 3, backoff: { type: 'fixed', delay: 10 } };
    await queue.add('process', {}, { jobId: 'flaky', ...retry });
    await queue.add('process', {}, { jobId: 'steady', ...retry });
    await eventually(async () => (await queue.getJobCounts('completed'))['completed'] === 2, 'both jobs completed');
    await eventually(() => retried.total() === 2, 'two retried attempts counted');
    expect(retried.counts()).toEqual({ process: 2, collect: 0 });
  } finally {
    await worker.close();
    await queue.close();
    await retried.close();
  }
});
