import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { storeReadiness } from '../../../../src/api/routes/health.js';
import { buildApi } from '../../../../src/api/server.js';
import { statusReport } from '../../../../src/app/status-report.js';
import { waitUntilReady } from '../../../../src/cli/redis-ready.js';
import { closeConnection, createProducerConnection } from '../../../../src/queue/connections.js';
import type { Store } from '../../../../src/storage/store.js';

/** The API as `carevoice api` composes it: the given store, a fail-fast Redis producer for readiness and status. */

export interface ApiUnderTest {
  app: FastifyInstance;
  producer: Redis;
  close(): Promise<void>;
}

export async function apiOver(options: {
  store: Store;
  redisUrl: string;
  prefix: string;
  /** Wait for Redis before serving (false for a Redis that is meant to be dead). @defaultValue true */
  awaitRedis?: boolean;
}): Promise<ApiUnderTest> {
  const producer = createProducerConnection({ url: options.redisUrl, name: `${options.prefix}:api-test` });
  producer.on('error', () => {});
  if ((options.awaitRedis ?? true) && !(await waitUntilReady(producer, 5_000))) {
    await closeConnection(producer);
    throw new Error(`Redis at ${options.redisUrl} is not ready`);
  }
  const app = await buildApi({
    store: options.store,
    logger: pino({ level: 'silent' }),
    readiness: [{ name: 'redis', check: async () => void (await producer.ping()) }, storeReadiness(options.store)],
    status: () => statusReport({ connection: producer, prefix: options.prefix, sources: [], store: options.store }),
  });
  await app.ready();
  return {
    app,
    producer,
    close: async () => {
      await app.close();
      await closeConnection(producer);
    },
  };
}

/** GET with inject; the body parsed as JSON. */
export async function getJson<T = unknown>(
  app: FastifyInstance,
  url: string,
): Promise<{ status: number; body: T; raw: string }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T, raw: response.body };
}
