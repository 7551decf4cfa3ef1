import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../cli/support/cli-workspace.js';
import { type ApiUnderTest, apiOver, getJson } from './support/api-harness.js';
import { type SeededStore, seededStore } from './support/seeded-store.js';

/** Liveness and readiness against a real SQLite store and a real (or a dead) Redis. */

/** A local port with nothing listening: connections are refused at once. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let ws: CliWorkspace;
let seeded: SeededStore;
beforeAll(async () => {
  ws = await createCliWorkspace();
  seeded = await seededStore(12);
});
afterAll(async () => {
  await seeded.cleanup();
  await ws.cleanup();
});

describe('health routes', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await apiOver({ store: seeded.store, redisUrl: TEST_REDIS_URL, prefix: ws.prefix });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers /health/live and /health/ready over a real socket when Redis and the store answer', async () => {
    const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
    const live = await fetch(`${address}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${address}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: { ok: true }, store: { ok: true } } });
  });

  it('serves the status report with the stored count', async () => {
    const { status, body } = await getJson<{ comments: number; queues: unknown[] }>(api.app, '/v1/status');
    expect(status).toBe(200);
    expect(body.comments).toBe(await seeded.store.countComments({ includeDuplicates: true }));
    expect(Array.isArray(body.queues)).toBe(true);
  });
});

describe('readiness with Redis gone', () => {
  it('answers 503 naming the failed check within about a second, while liveness stays 200', async () => {
    const api = await apiOver({
      store: seeded.store,
      redisUrl: `redis://127.0.0.1:${await deadPort()}`,
      prefix: ws.prefix,
      awaitRedis: false,
    });
    try {
      const started = Date.now();
      const { status, body } = await getJson<{
        status: string;
        checks: Record<string, { ok: boolean; error?: string }>;
      }>(api.app, '/health/ready');
      const elapsedMs = Date.now() - started;
      expect(status).toBe(503);
      expect(body.status).toBe('unavailable');
      expect(body.checks['redis']?.ok).toBe(false);
      expect(body.checks['redis']?.error).toMatch(/\S/);
      expect(body.checks['store']).toEqual({ ok: true });
      // The probe is bounded at 1 s; the rest is slack for a busy machine.
      expect(elapsedMs).toBeLessThan(1_500);
      expect((await getJson(api.app, '/health/live')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
