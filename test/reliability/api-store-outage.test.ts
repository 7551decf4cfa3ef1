import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/queue/redis-server-process.js';
import { type CliWorkspace, createCliWorkspace } from '../integration/cli/support/cli-workspace.js';
import { type CuttableProxy, startCuttableProxy } from '../support/cuttable-proxy.js';
import { killStillRunning, type NodeCli, startNodeCli } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import { writeConfig } from './support/pipeline-harness.js';
import { createPostgresSchema, type PostgresSchema, TEST_DATABASE_URL } from './support/postgres-schema.js';

/**
 * The API process while PostgreSQL is cut off from it silently (bytes stop, nothing is closed) and
 * then refuses it outright. With its statements limited (api.storeTimeoutMs), a request answers 503
 * within the limit and a second instead of waiting on TCP for minutes, and the same process answers
 * again by itself once the server does.
 */

const STORE_TIMEOUT_MS = 1000;
/** The limit and the second past it: a silent connection is dropped then, and a wait for a new one given up. */
const DROPPED_AFTER_MS = STORE_TIMEOUT_MS + 1000;
/** The readiness probe's own bound. */
const PROBE_MS = 1000;
/** Room for a busy machine on top of the bounds under test. */
const SLACK_MS = 2000;
const REQUESTS = ['/v1/comments?limit=5', '/v1/scores?odsCode=RBV'] as const;

let ws: CliWorkspace;
let pgSchema: PostgresSchema;
let proxy: CuttableProxy;
let api: NodeCli;
let base: string;

beforeAll(async () => {
  ws = await createCliWorkspace();
  pgSchema = await createPostgresSchema();
  proxy = await startCuttableProxy(TEST_DATABASE_URL);
  const apiPort = await freePort();
  base = `http://127.0.0.1:${apiPort}`;
  // No cached answers: a trust's scores would otherwise be served from memory for up to a second
  // (api.dataVersionCheckMs) into the cut, and this case is about what reaches the store.
  const configPath = await writeConfig(ws, { api: { cacheMegabytes: 0 } });
  api = startNodeCli(
    ['api', '--port', String(apiPort)],
    ws.dir,
    ws.env({
      CAREVOICE_CONFIG: configPath,
      DATABASE_URL: proxy.through(pgSchema.databaseUrl),
      CAREVOICE_API_STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS),
      CAREVOICE_SAMPLE_ENABLED: 'false',
      LOG_LEVEL: 'info',
    }),
  );
  await api.waitForStderr('API listening');
});
afterAll(async () => {
  proxy?.heal();
  await killStillRunning([api]);
  await proxy?.close();
  await ws.cleanup();
  await pgSchema.drop();
});

interface Answer {
  path: string;
  status: number;
  ms: number;
  body: string;
  retryAfter: string | null;
}

async function get(path: string): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  return {
    path,
    status: response.status,
    ms: Date.now() - started,
    body,
    retryAfter: response.headers.get('retry-after'),
  };
}

/** Every request in turn, then the readiness probe. */
async function askAll(): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const path of [...REQUESTS, '/health/ready']) answers.push(await get(path));
  return answers;
}

/** Asks every request until each answers 200; how long that took after the server answered again. */
async function backWithin(limitMs: number): Promise<number> {
  const from = Date.now();
  for (;;) {
    const answers = await askAll();
    if (answers.every((a) => a.status === 200)) return Date.now() - from;
    if (Date.now() - from > limitMs) throw new Error(`still ${JSON.stringify(answers)} ${limitMs} ms after healing`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectStoreUnavailable(answers: Answer[], boundMs: number): void {
  for (const answer of answers) {
    expect(answer.status, `${answer.path}: ${answer.body}`).toBe(503);
    expect(answer.ms, answer.path).toBeLessThan(boundMs);
    if (answer.path === '/health/ready') {
      expect(JSON.parse(answer.body)).toMatchObject({ status: 'unavailable', checks: { store: { ok: false } } });
    } else {
      expect(JSON.parse(answer.body), answer.path).toMatchObject({ error: 'store_unavailable' });
      expect(answer.retryAfter, answer.path).toBe('5');
    }
  }
}

const describeAnswers = (answers: Answer[]) => answers.map((a) => `${a.path} ${a.status} in ${a.ms} ms`).join(', ');

describe('API while PostgreSQL is cut off or refuses it', () => {
  it('answers 503 within the statement limit and a second, and 200 again by itself', async () => {
    await timedCase(
      'PostgreSQL cut off from the API',
      `\`carevoice api\` on PostgreSQL through a proxy, api.storeTimeoutMs ${STORE_TIMEOUT_MS}; a comments page, a trust's scores and /health/ready asked in turn while the proxy stops passing bytes either way (nothing closed), then while it closes every connection; healed after each`,
      async () => {
        expect((await askAll()).map((a) => a.status)).toEqual([200, 200, 200]);

        proxy.cut('silent');
        let silent: Answer[];
        try {
          silent = [...(await askAll()), ...(await askAll())];
        } finally {
          proxy.heal();
        }
        expectStoreUnavailable(silent, DROPPED_AFTER_MS + SLACK_MS);
        const backAfterSilence = await backWithin(20_000);

        proxy.cut('reset');
        let refused: Answer[];
        try {
          refused = await askAll();
        } finally {
          proxy.heal();
        }
        expectStoreUnavailable(refused, PROBE_MS + SLACK_MS);
        const backAfterRefusal = await backWithin(20_000);
        expect(api.child.exitCode).toBeNull();
        const slowest = (answers: Answer[]) => Math.max(...answers.map((a) => a.ms));
        return (
          `cut silently: every answer 503 (${describeAnswers(silent)}), the slowest in ${slowest(silent)} ms; ` +
          `every request 200 again ${backAfterSilence} ms after the heal; ` +
          `connections refused: 503 in at most ${slowest(refused)} ms; 200 again ${backAfterRefusal} ms after; same API process`
        );
      },
    );
  });
});
