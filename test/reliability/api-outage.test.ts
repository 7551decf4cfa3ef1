import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningRedisServer, startRedisServer } from '../../src/queue/redis-server-process.js';
import { type CliWorkspace, createCliWorkspace } from '../integration/cli/support/cli-workspace.js';
import { type NodeCli, startNodeCli } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import { isAlive, killTree } from './support/process-tree.js';

/** The API process while its Redis disappears and returns, and under hostile query parameters. */

let ws: CliWorkspace;
let redisDir: string;
let redisPort: number;
let redis: RunningRedisServer | undefined;
let api: NodeCli;
let base: string;

beforeAll(async () => {
  ws = await createCliWorkspace();
  redisDir = await mkdtemp(join(tmpdir(), 'carevoice-redis-'));
  redisPort = await freePort();
  redis = await startRedisServer({ dir: redisDir, port: redisPort });
  const apiPort = await freePort();
  base = `http://127.0.0.1:${apiPort}`;
  api = startNodeCli(
    ['api', '--port', String(apiPort)],
    ws.dir,
    ws.env({ REDIS_URL: redis.url, CAREVOICE_SAMPLE_ENABLED: 'false', LOG_LEVEL: 'info' }),
  );
  await api.waitForStderr('API listening');
});
afterAll(async () => {
  if (api.child.pid && isAlive(api.child.pid)) {
    api.child.kill('SIGTERM');
    const stopped = await Promise.race([api.exited, new Promise((resolve) => setTimeout(resolve, 5_000, null))]);
    if (stopped === null) killTree(api.child.pid);
  }
  await redis?.stop();
  await ws.cleanup();
  await rm(redisDir, { recursive: true, force: true });
});

async function ready(): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, ms: Date.now() - started, body: await response.text() };
}

describe('API while Redis is down', () => {
  it('answers /health/ready 503 within a second, and 200 again by itself when Redis returns', async () => {
    await timedCase(
      'Redis down under the API',
      '`carevoice api` on a private Redis; stop Redis (SIGTERM), probe /health/ready; start Redis again on the same port',
      async () => {
        expect((await ready()).status).toBe(200);
        await redis!.stop();
        const probes = [];
        for (let i = 0; i < 3; i++) probes.push(await ready());
        for (const probe of probes) {
          expect(probe.status, probe.body).toBe(503);
          expect(probe.ms).toBeLessThan(1_000);
          expect(JSON.parse(probe.body)).toMatchObject({ status: 'unavailable', checks: { redis: { ok: false } } });
        }
        const restartedAt = Date.now();
        redis = await startRedisServer({ dir: redisDir, port: redisPort });
        let back: Awaited<ReturnType<typeof ready>> | undefined;
        while (Date.now() - restartedAt < 20_000) {
          back = await ready();
          if (back.status === 200) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(back?.status, back?.body).toBe(200);
        expect(api.child.exitCode).toBeNull();
        const slowest = Math.max(...probes.map((p) => p.ms));
        return `3 probes while down: 503 in at most ${slowest} ms; ready (200) again ${Date.now() - restartedAt} ms after Redis restarted, same API process`;
      },
    );
  });
});

/** Parameter values an attacker or a fuzzer would try; each must be refused with 400 and a plain message. */
const HOSTILE: readonly string[] = [
  "/v1/comments?odsCode=RBV'%20OR%201%3D1%20--",
  '/v1/comments?source=x%27%3B%20DROP%20TABLE%20comments%3B%20--',
  '/v1/comments?theme=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '/v1/comments?tumourGroup=..%2F..%2F..%2Fetc%2Fpasswd',
  '/v1/comments?limit=99999999999999999999',
  '/v1/comments?limit=-1',
  '/v1/comments?limit=NaN',
  '/v1/comments?periodFrom=2025-13',
  '/v1/comments?periodTo=%00',
  '/v1/comments?after=%7B%22%24ne%22%3Anull%7D',
  '/v1/comments?after=AAAA',
  `/v1/comments?source=${'a'.repeat(5000)}`,
  '/v1/comments?odsCode=RBV&odsCode=RPY',
  '/v1/comments?__proto__%5Bpolluted%5D=1',
  '/v1/comments?constructor%5Bprototype%5D%5Bx%5D=1',
  '/v1/scores?theme=all%27--',
  '/v1/scores?periodTo=9999-99',
  '/v1/scores?odsCode=%E2%80%AE',
];

/** What a 400 must never carry: stack frames, file paths, driver or SQL error text, environment values. */
function leaks(body: string): string[] {
  const found: string[] = [];
  if (/\n\s+at |at [\w.<>]+ \(/.test(body)) found.push('a stack trace');
  if (body.includes(ws.dir) || /\/(work|home|usr|tmp)\//.test(body)) found.push('a file path');
  if (/sqlite|SQLITE_|syntax error|relation "|kysely|postgres/i.test(body)) found.push('database error text');
  if (body.includes(ws.prefix) || /redis:\/\//.test(body)) found.push('Redis details');
  return found;
}

describe('hostile API parameters', () => {
  it('every one is refused with 400 and nothing leaks', async () => {
    await timedCase(
      'hostile API parameters',
      `${HOSTILE.length} hostile query strings (SQL and NoSQL injection, script, path traversal, NUL, huge, prototype pollution, RTL override) against the running API`,
      async () => {
        for (const path of HOSTILE) {
          const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5_000) });
          const body = await response.text();
          expect({ path, status: response.status }).toEqual({ path, status: 400 });
          expect(JSON.parse(body)).toMatchObject({ error: 'bad_request' });
          expect({ path, leaks: leaks(body) }).toEqual({ path, leaks: [] });
        }
        // The process is unharmed and Object.prototype was not polluted in the response shape.
        const ok = await fetch(`${base}/v1/comments?limit=1`);
        expect(ok.status).toBe(200);
        expect(JSON.stringify(await ok.json())).not.toContain('polluted');
        return `${HOSTILE.length}/${HOSTILE.length} answered 400 bad_request with no stack, path, SQL or Redis detail; API still answers 200`;
      },
    );
  });
});
