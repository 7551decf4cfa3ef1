/** API keys end to end: created with the CLI, then required on /v1 (401), limited per key (429). */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../../src/api/server.js';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';

const run = promisify(execFile);
const { DATABASE_URL: _ignored, ...cleanEnv } = process.env;
let dataDir: string;
let store: Store;
let app: FastifyInstance;
/** How often the API re-reads the data versions, which tell it a key was created or revoked. */
const VERSION_CHECK_MS = 50;

const cli = (...args: string[]) =>
  run('node_modules/.bin/tsx', ['src/cli/main.ts', 'api-keys', ...args], {
    env: { ...cleanEnv, CAREVOICE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'carevoice-api-keys-'));
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const request = (url: string, key?: string) =>
  app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('API keys', () => {
  let key: string;

  it('prints a new key once and lists it without the key', async () => {
    const created = await cli('create', 'dashboard');
    key = created.stdout.trim();
    expect(key).toMatch(/^cvk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const listed = JSON.parse((await cli('list', '--json')).stdout) as { id: string; name: string }[];
    expect(listed).toEqual([expect.objectContaining({ id: key.slice(4, 16), name: 'dashboard', revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(key.slice(17));
  }, 30_000);

  it('requires the key on /v1 once one exists, keeps health open, and limits each key', async () => {
    store = await openStore({ sqlitePath: join(dataDir, 'carevoice.sqlite') });
    app = await buildApi({
      store,
      readiness: [],
      status: () => Promise.reject(new Error('unused')),
      logger: pino({ level: 'silent' }),
      auth: { maxPerMinute: 3 },
      responseCache: { maxBytes: 1024 * 1024, versionCheckMs: VERSION_CHECK_MS },
    });
    expect((await request('/v1/triangulation/summary')).statusCode).toBe(401);
    expect((await request('/v1/triangulation/summary', `${key.slice(0, -1)}x`)).statusCode).toBe(401);
    expect((await request('/health/live')).statusCode).not.toBe(401);
    // The dashboard's page is open (it asks for the key); its data route is guarded like /v1.
    expect((await request('/')).statusCode).not.toBe(401);
    expect((await request('/dashboard/trusts')).statusCode).toBe(401);
    // Percent-encoded paths are routed to /v1 after decoding: the guard must see them too.
    expect((await request('/%761/triangulation/summary')).statusCode).toBe(401);
    expect((await request('/v1/%74riangulation/summary')).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) expect((await request('/v1/triangulation/summary', key)).statusCode).toBe(200);
    const limited = await request('/v1/triangulation/summary', key);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('refuses a revoked key, and keeps requiring a key once the last one is revoked', async () => {
    const id = key.slice(4, 16);
    expect((await cli('revoke', id)).stdout).toContain(`revoked ${id}`);
    await expect(cli('revoke', id)).rejects.toThrow(/no active API key/);
    await new Promise((resolve) => setTimeout(resolve, VERSION_CHECK_MS * 2));
    expect((await request('/v1/triangulation/summary', key)).statusCode).toBe(401);
    expect((await request('/v1/triangulation/summary')).statusCode).toBe(401);
  }, 30_000);
});
