import { Worker } from 'bullmq';
import { expect, it } from 'vitest';
import { createRedisKit } from './support/redis-kit.js';

it('the leak check fails a test that leaves a worker connected', async () => {
  const kit = createRedisKit();
  const worker = new Worker('process', async () => {}, { connection: kit.connection, prefix: kit.prefix });
  await worker.waitUntilReady();
  await expect(kit.cleanup()).rejects.toThrow(/connections left open/);
  await worker.close();
});
