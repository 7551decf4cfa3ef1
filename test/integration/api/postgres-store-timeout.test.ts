/**
 * The API on PostgreSQL with its statements limited (api.storeTimeoutMs): a request the server is
 * too slow for, or cut off from silently, answers 503 store_unavailable within the limit and a
 * second, rather than after TCP gives up; the readiness probe says so within its second; and the same
 * API answers again by itself once the server does. The cut comes from a proxy that stops passing
 * bytes (nothing reset or closed); the slow statement from a lock held on `comments`.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import { type CuttableProxy, startCuttableProxy } from '../../support/cuttable-proxy.js';
import { freshPrefix, TEST_REDIS_URL } from '../cli/support/cli-workspace.js';
import { type ApiUnderTest, apiOver, getJson } from './support/api-harness.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `api_store_timeout_${randomBytes(4).toString('hex')}`;
const STATEMENT_LIMIT_MS = 1000;
/** The limit and the second a connection is given past it before it is dropped. */
const DROPPED_AFTER_MS = STATEMENT_LIMIT_MS + 1000;
/** Room for a busy machine on top of the bounds under test. */
const SLACK_MS = 1500;

let proxy: CuttableProxy;
let store: Store;
let api: ApiUnderTest;
let admin: pg.Client;

beforeAll(async () => {
  proxy = await startCuttableProxy(databaseUrl);
  store = await openStore({
    databaseUrl: proxy.through(databaseUrl),
    sqlitePath: '',
    postgresSchema: schema,
    poolSize: 2,
    postgresStatementTimeoutMs: STATEMENT_LIMIT_MS,
  });
  api = await apiOver({ store, redisUrl: TEST_REDIS_URL, prefix: freshPrefix() });
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});
afterAll(async () => {
  proxy?.heal();
  await api?.close();
  await store?.close();
  await proxy?.close();
  await admin?.query(`drop schema if exists ${schema} cascade`);
  await admin?.end();
});

/** A comments page through the API, with how long it took to answer. */
async function commentsPage() {
  const started = Date.now();
  const response = await api.app.inject({ method: 'GET', url: '/v1/comments?limit=5' });
  return { status: response.statusCode, body: response.body, headers: response.headers, ms: Date.now() - started };
}

async function readiness() {
  const started = Date.now();
  const { status, body } = await getJson(api.app, '/health/ready');
  return { status, body, ms: Date.now() - started };
}

/** Asks again until a page answers 200, for up to 15 s after the server answers again. */
async function pageOnceBack() {
  const healedAt = Date.now();
  let back = await commentsPage();
  while (back.status !== 200 && Date.now() - healedAt < 15_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    back = await commentsPage();
  }
  return back;
}

describe('API store statements limited on PostgreSQL', () => {
  it('answers 503 with Retry-After when a statement runs past the limit, and 200 once none does', async () => {
    await admin.query('begin');
    await admin.query(`lock table ${schema}.comments in access exclusive mode`);
    let blocked: Awaited<ReturnType<typeof commentsPage>>;
    try {
      blocked = await commentsPage();
    } finally {
      await admin.query('rollback');
    }
    expect(blocked.status, blocked.body).toBe(503);
    expect(blocked.headers['retry-after']).toBe('5');
    expect(JSON.parse(blocked.body)).toEqual({
      error: 'store_unavailable',
      message: 'the store is unavailable; try again shortly',
    });
    // The server cancelled it at the limit and said so: nothing waited for the grace past it.
    expect(blocked.ms).toBeGreaterThanOrEqual(STATEMENT_LIMIT_MS - 50);
    expect(blocked.ms).toBeLessThan(DROPPED_AFTER_MS);
    expect((await commentsPage()).status).toBe(200);
  });

  it('answers 503 within the limit and a second when cut off silently, says so on /health/ready, and recovers by itself', async () => {
    expect((await commentsPage()).status).toBe(200);
    proxy.cut('silent');
    let cutOff: Awaited<ReturnType<typeof commentsPage>>;
    let ready: Awaited<ReturnType<typeof readiness>>;
    try {
      cutOff = await commentsPage();
      ready = await readiness();
    } finally {
      proxy.heal();
    }
    expect(cutOff.status, cutOff.body).toBe(503);
    expect(JSON.parse(cutOff.body)).toMatchObject({ error: 'store_unavailable' });
    expect(cutOff.ms).toBeGreaterThanOrEqual(DROPPED_AFTER_MS - 50);
    expect(cutOff.ms).toBeLessThan(DROPPED_AFTER_MS + SLACK_MS);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', checks: { store: { ok: false } } });
    expect(ready.ms).toBeLessThan(1000 + SLACK_MS);

    const back = await pageOnceBack();
    expect(back.status, back.body).toBe(200);
    expect((await readiness()).status).toBe(200);
  });

  it('answers 503 when the server refuses every connection, and 200 once it takes them again', async () => {
    proxy.cut('reset');
    let refused: Awaited<ReturnType<typeof commentsPage>>;
    try {
      refused = await commentsPage();
    } finally {
      proxy.heal();
    }
    expect(refused.status, refused.body).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'store_unavailable' });
    expect(refused.ms).toBeLessThan(1000 + SLACK_MS);
    const back = await pageOnceBack();
    expect(back.status, back.body).toBe(200);
  });
});

describe('a failure that is not the store', () => {
  it('still answers 500 internal_error, with the store up', async () => {
    // The same store, but listing comments fails as a bug would.
    const broken = new Proxy(store, {
      get: (target, key, receiver) =>
        key === 'listComments'
          ? () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'odsCode')"))
          : Reflect.get(target, key, receiver),
    });
    const other = await apiOver({ store: broken, redisUrl: TEST_REDIS_URL, prefix: freshPrefix() });
    try {
      const response = await other.app.inject({ method: 'GET', url: '/v1/comments?limit=5' });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: 'internal_error', message: 'internal error' });
      expect(response.headers['retry-after']).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
