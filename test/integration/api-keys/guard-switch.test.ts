/**
 * The guard turns on by itself when another process creates the first key, counts keys only until
 * then, and stays on (failing closed) even if the keys disappear from the store under it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateApiKey } from '../../../src/api/auth/api-key.js';
import { buildApi } from '../../../src/api/server.js';
import { openStore } from '../../../src/storage/open-store.js';
import { openSqlite } from '../../../src/storage/sqlite/open-sqlite.js';
import type { Store } from '../../../src/storage/store.js';

let dir: string;
let store: Store;
let otherProcess: Store;
let app: FastifyInstance;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-guard-'));
  store = await openStore({ sqlitePath: join(dir, 'store.db') });
  otherProcess = await openStore({ sqlitePath: join(dir, 'store.db') });
  app = await buildApi({
    store,
    readiness: [],
    status: () => Promise.reject(new Error('unused')),
    logger: pino({ level: 'silent' }),
  });
});
afterEach(async () => {
  await app.close();
  await store.close();
  await otherProcess.close();
  rmSync(dir, { recursive: true, force: true });
});

const summary = (key?: string) =>
  app.inject({ url: '/v1/triangulation/summary', headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('the API key guard', () => {
  it('turns on when another process creates the first key, and counts keys no more after that', async () => {
    const counts = vi.spyOn(store, 'countApiKeys');
    expect((await summary()).statusCode).toBe(200);
    expect((await summary()).statusCode).toBe(200);
    expect(counts).toHaveBeenCalledTimes(2);

    const created = generateApiKey();
    await otherProcess.createApiKey({
      id: created.id,
      name: 'dashboard',
      keyHash: created.keyHash,
      createdAt: '2026-11-27T00:00:00.000Z',
      revokedAt: null,
    });
    expect((await summary()).statusCode).toBe(401);
    expect((await summary(created.key)).statusCode).toBe(200);
    expect((await summary()).statusCode).toBe(401);
    expect(counts).toHaveBeenCalledTimes(3);

    // Keys are never deleted; should the table be emptied under a running API, it stays closed.
    const raw = openSqlite({ path: join(dir, 'store.db') });
    await raw.db.deleteFrom('api_keys').execute();
    await raw.db.destroy();
    expect((await summary()).statusCode).toBe(401);
    expect((await summary(created.key)).statusCode).toBe(401);
  });
});
