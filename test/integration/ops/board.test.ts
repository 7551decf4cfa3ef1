import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BoardQueues, boardCredentialsFromEnv, openBoardQueues } from '../../../src/api/board.js';
import { storeReadiness } from '../../../src/api/routes/health.js';
import { buildApi } from '../../../src/api/server.js';
import { openTempStore, type TempStore } from '../pipeline/support/pipeline-fixtures.js';
import { createRedisKit, quietLogger, type RedisKit } from '../queue/support/redis-kit.js';

const CREDENTIALS = { user: 'operator', password: 'correct horse battery' };
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

let kit: RedisKit;
let temp: TempStore;
let app: FastifyInstance | undefined;
let board: BoardQueues | undefined;

beforeEach(async () => {
  kit = createRedisKit();
  temp = await openTempStore();
});
afterEach(async () => {
  await app?.close();
  await board?.close();
  app = undefined;
  board = undefined;
  await temp.cleanup();
  await kit.cleanup();
});

async function api(withBoard: boolean): Promise<FastifyInstance> {
  if (withBoard) board = await openBoardQueues(kit.connection, kit.prefix, ['sample']);
  app = await buildApi({
    store: temp.store,
    logger: quietLogger(),
    readiness: [{ name: 'redis', check: async () => void (await kit.connection.ping()) }, storeReadiness(temp.store)],
    status: async () => Promise.reject(new Error('not used here')),
    ...(board ? { board: { credentials: CREDENTIALS, queues: board.queues } } : {}),
  });
  return app;
}

describe('queue board', () => {
  it('asks for credentials and refuses wrong ones', async () => {
    const server = await api(true);
    const anonymous = await server.inject({ method: 'GET', url: '/board' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="CareVoice queue board"/);
    expect(anonymous.json()).toEqual({ error: 'unauthorized', message: 'queue board credentials required' });
    const wrong = await server.inject({
      method: 'GET',
      url: '/board/api/queues',
      headers: { authorization: basic('operator', 'guess') },
    });
    expect(wrong.statusCode).toBe(401);
    const wrongUser = await server.inject({
      method: 'GET',
      url: '/board',
      headers: { authorization: basic('admin', CREDENTIALS.password) },
    });
    expect(wrongUser.statusCode).toBe(401);
  });

  it('serves the board and its queue API with the right credentials', async () => {
    const server = await api(true);
    const authorization = basic(CREDENTIALS.user, CREDENTIALS.password);
    const page = await server.inject({ method: 'GET', url: '/board', headers: { authorization } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    // The board's own scripts, which its static file plugin serves.
    const scripts = [...page.body.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const url = src.startsWith('/') ? src : `/board/${src.replace(/^\.\//, '')}`;
      const script = await server.inject({ method: 'GET', url, headers: { authorization } });
      expect({ url, status: script.statusCode }).toEqual({ url, status: 200 });
      expect(script.headers['content-type']).toMatch(/javascript/);
    }
    const queues = await server.inject({ method: 'GET', url: '/board/api/queues', headers: { authorization } });
    expect(queues.statusCode).toBe(200);
    const names = (queues.json() as { queues: { name: string }[] }).queues.map((queue) => queue.name).sort();
    // Every CareVoice queue, whichever stages the runtime has (alert queues included).
    expect(names).toEqual(expect.arrayContaining(['collect-sample', 'process', 'aggregate', 'export']));
  });

  it('is not mounted without credentials, and the health endpoints stay', async () => {
    const server = await api(false);
    expect((await server.inject({ method: 'GET', url: '/board' })).statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: '/board/api/queues' })).statusCode).toBe(404);
    const live = await server.inject({ method: 'GET', url: '/health/live' });
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await server.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { redis: { ok: true }, store: { ok: true } } });
  });
});

describe('boardCredentialsFromEnv', () => {
  it('is off when neither variable is set', () => {
    expect(boardCredentialsFromEnv({})).toBeNull();
    expect(boardCredentialsFromEnv({ CAREVOICE_BOARD_USER: '', CAREVOICE_BOARD_PASSWORD: '' })).toBeNull();
  });

  it('reads both, and refuses half a configuration or a short password', () => {
    expect(
      boardCredentialsFromEnv({ CAREVOICE_BOARD_USER: 'ops', CAREVOICE_BOARD_PASSWORD: 'a long passphrase' }),
    ).toEqual({ user: 'ops', password: 'a long passphrase' });
    expect(() => boardCredentialsFromEnv({ CAREVOICE_BOARD_USER: 'ops' })).toThrow(/both CAREVOICE_BOARD_USER/);
    expect(() => boardCredentialsFromEnv({ CAREVOICE_BOARD_PASSWORD: 'a long passphrase' })).toThrow(/both/);
    expect(() => boardCredentialsFromEnv({ CAREVOICE_BOARD_USER: 'ops', CAREVOICE_BOARD_PASSWORD: 'short' })).toThrow(
      /at least 12/,
    );
  });
});
