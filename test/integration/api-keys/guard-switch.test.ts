/**
 * The guard turns on by itself when another process creates the first key (within the data version
 * check), asks the store about keys only when their version changes, and stays on (failing closed)
 * even if the keys disappear from the store under it.
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
const VERSION_CHECK_MS = 50;
/** Long enough for the API to have re-read the data versions. */
const pastVersionCheck = () => new Promise((resolve) => setTimeout(resolve, VERSION_CHECK_MS * 2));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-guard-'));
  store = await openStore({ sqlitePath: join(dir, 'store.db') });
  otherProcess = await openStore({ sqlitePath: join(dir, 'store.db') });
  app = await buildApi({
    store,
    readiness: [],
    status: () => Promise.reject(new Error('unused')),
    logger: pino({ level: 'silent' }),
    responseCache: { maxBytes: 1024 * 1024, versionCheckMs: VERSION_CHECK_MS },
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
    const finds = vi.spyOn(store, 'findApiKeyByHash');
    expect((await summary()).statusCode).toBe(200);
    expect((await summary()).statusCode).toBe(200);
    // Once per version of the keys, not per request.
    expect(counts).toHaveBeenCalledTimes(1);

    const created = generateApiKey();
    await otherProcess.createApiKey({
      id: created.id,
      name: 'dashboard',
      keyHash: created.keyHash,
      createdAt: '2026-11-27T00:00:00.000Z',
      revokedAt: null,
    });
    await pastVersionCheck();
    expect((await summary()).statusCode).toBe(401);
    expect((await summary(created.key)).statusCode).toBe(200);
    expect((await summary(created.key)).statusCode).toBe(200);
    expect((await summary()).statusCode).toBe(401);
    expect(counts).toHaveBeenCalledTimes(2);
    expect(finds).toHaveBeenCalledTimes(1);

    // Revoked by another process: refused once the API has seen the keys' new version.
    expect(await otherProcess.revokeApiKey(created.id, '2026-11-27T01:00:00.000Z')).toBe(true);
    await pastVersionCheck();
    expect((await summary(created.key)).statusCode).toBe(401);
    expect(finds).toHaveBeenCalledTimes(2);
    expect(counts).toHaveBeenCalledTimes(2);

    // Keys are never deleted; should the table be emptied under a running API, it stays closed.
    const raw = openSqlite({ path: join(dir, 'store.db') });
    await raw.db.deleteFrom('api_keys').execute();
    await raw.db.destroy();
    expect((await summary()).statusCode).toBe(401);
    expect((await summary(created.key)).statusCode).toBe(401);
  });
});
