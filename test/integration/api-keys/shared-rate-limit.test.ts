/** The per-key rate limit counted in Redis: two API processes sharing one Redis prefix share one limit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../../src/api/auth/api-key.js';
import { buildApi } from '../../../src/api/server.js';
import { closeConnection, createProducerConnection } from '../../../src/queue/connections.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import { createRedisKit, type RedisKit } from '../queue/support/redis-kit.js';

let dataDir: string;
let store: Store;
let kit: RedisKit;
let otherKit: RedisKit;
const connections: Redis[] = [];
const apps: FastifyInstance[] = [];
const first = generateApiKey();
const second = generateApiKey();

/** One API process: its own fastify instance and its own Redis connection, counting under `prefix`. */
async function apiProcess(prefix: string): Promise<FastifyInstance> {
  const connection = createProducerConnection({ url: kit.url, name: `${prefix}:api-${connections.length}` });
  connections.push(connection);
  // Fail-fast connections refuse commands until connected; a request before that would pass uncounted.
  if (connection.status !== 'ready') await new Promise((resolve) => connection.once('ready', resolve));
  const app = await buildApi({
    store,
    readiness: [],
    status: () => Promise.reject(new Error('unused')),
    logger: pino({ level: 'silent' }),
    auth: { maxPerMinute: 3, redis: { connection, prefix } },
  });
  apps.push(app);
  return app;
}

const get = (app: FastifyInstance, key: string) =>
  app.inject({ method: 'GET', url: '/v1/triangulation/summary', headers: { authorization: `Bearer ${key}` } });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'carevoice-rate-limit-'));
  store = await openStore({ sqlitePath: join(dataDir, 'carevoice.sqlite') });
  for (const [name, key] of [
    ['first', first],
    ['second', second],
  ] as const) {
    await store.createApiKey({
      id: key.id,
      name,
      keyHash: key.keyHash,
      createdAt: '2026-01-01T00:00:00.000Z',
      revokedAt: null,
    });
  }
  kit = createRedisKit();
  otherKit = createRedisKit();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const connection of connections) await closeConnection(connection);
  await kit?.cleanup();
  await otherKit?.cleanup();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('rate limit in Redis', () => {
  it('holds across two API processes sharing a prefix, per key', async () => {
    const a = await apiProcess(kit.prefix);
    const b = await apiProcess(kit.prefix);
    expect((await get(a, first.key)).statusCode).toBe(200);
    expect((await get(b, first.key)).statusCode).toBe(200);
    expect((await get(a, first.key)).statusCode).toBe(200);
    // The fourth request in the minute is refused, whichever process receives it.
    const limited = await get(b, first.key);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect((await get(a, first.key)).statusCode).toBe(429);
    // Another key has its own count.
    expect((await get(b, second.key)).statusCode).toBe(200);
    // The counts live in Redis under the prefix, by key id, never by the key itself.
    const stored = await kit.connection.keys(`${kit.prefix}:rate-limit:*`);
    expect(stored.sort()).toEqual(
      [`${kit.prefix}:rate-limit:key:${first.id}`, `${kit.prefix}:rate-limit:key:${second.id}`].sort(),
    );

    // A deployment with another prefix counts apart.
    const elsewhere = await apiProcess(otherKit.prefix);
    expect((await get(elsewhere, first.key)).statusCode).toBe(200);
  });

  it('lets requests through uncounted while Redis cannot be reached', async () => {
    // Nothing listens on port 1: every command fails at once on a fail-fast connection.
    const unreachable = createProducerConnection({ url: 'redis://127.0.0.1:1', name: `${kit.prefix}:unreachable` });
    // Its connection errors are the point of this test; unhandled, ioredis would only print them.
    unreachable.on('error', () => {});
    connections.push(unreachable);
    const app = await buildApi({
      store,
      readiness: [],
      status: () => Promise.reject(new Error('unused')),
      logger: pino({ level: 'silent' }),
      auth: { maxPerMinute: 1, redis: { connection: unreachable, prefix: kit.prefix } },
    });
    apps.push(app);
    for (let i = 0; i < 3; i++) expect((await get(app, second.key)).statusCode).toBe(200);
  });
});
