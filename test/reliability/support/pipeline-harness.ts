import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { expect } from 'vitest';
import type { EnqueueRequest, StageName } from '../../../src/pipeline/stage.js';
import { createProducerConnection } from '../../../src/queue/connections.js';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { collectQueueName, queueNameFor } from '../../../src/queue/queue-names.js';
import { QueueSet } from '../../../src/queue/queue-set.js';
import { resolveRuntimeOptions } from '../../../src/queue/runtime-options.js';
import { type OpenStoreOptions, openStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/store.js';
import type { CliWorkspace } from '../../integration/cli/support/cli-workspace.js';
import { eventually } from '../../integration/queue/support/redis-kit.js';
import { goodLines } from './inbox-records.js';
import { expectRunning, type NodeCli, startNodeCli } from './node-cli.js';

/** What the reliability cases share: a worker configuration file, enqueueing from outside, and reading back. */

/** Settings that make a dead worker's job come back in about a second rather than a minute. */
export const FAST_STALL = { lockDurationMs: 1500, stalledIntervalMs: 500 } as const;

/**
 * Queue settings for the cases that break something mid-run: batches of 50 one at a time, so a run
 * of thousands of comments has many batches for a kill or a cut to land among, quick retries, and
 * FAST_STALL.
 */
export const SMALL_BATCHES = {
  processBatchSize: 50,
  concurrency: { process: 1 },
  backoffMs: 100,
  ...FAST_STALL,
} as const;

/** Writes `name` (default `reliability.json`) (layered over the defaults) into the workspace and returns its path. */
export async function writeConfig(
  ws: CliWorkspace,
  settings: Record<string, unknown>,
  name = 'reliability.json',
): Promise<string> {
  const path = join(ws.dir, name);
  await writeFile(path, JSON.stringify(settings));
  return path;
}

/** The environment of a worker that reads only the file source. */
export function fileSourceEnv(ws: CliWorkspace, configPath: string, extra: Record<string, string> = {}) {
  return ws.env({
    CAREVOICE_CONFIG: configPath,
    CAREVOICE_FILE_ENABLED: 'true',
    CAREVOICE_SAMPLE_ENABLED: 'false',
    LOG_LEVEL: 'info',
    ...extra,
  });
}

/** Starts `carevoice worker collect process` on `ws`'s file source and adds it to `started`, for cleanup. */
export function startFileWorker(
  ws: CliWorkspace,
  configPath: string,
  started: NodeCli[],
  extraEnv: Record<string, string> = {},
): NodeCli {
  const cli = startNodeCli(['worker', 'collect', 'process'], ws.dir, fileSourceEnv(ws, configPath, extraEnv));
  started.push(cli);
  return cli;
}

export async function dropFile(ws: CliWorkspace, name: string, content: string | Buffer): Promise<void> {
  await mkdir(ws.inboxDir, { recursive: true });
  await writeFile(join(ws.inboxDir, name), content);
}

/** Enqueues jobs as a producer on `url` would, then closes its connection. */
export async function enqueueFrom<S extends StageName>(
  url: string,
  prefix: string,
  stage: S,
  requests: readonly EnqueueRequest<S>[],
): Promise<void> {
  const connection = createProducerConnection({ url, name: `${prefix}:reliability-producer` });
  const queues = new QueueSet(connection, resolveRuntimeOptions({ prefix }), pino({ level: 'silent' }));
  try {
    await enqueueStageJobs(queues, stage, requests);
  } finally {
    await queues.close();
    await connection.quit();
  }
}

/** A collect run of the file source from its stored cursor. */
export function fileCollect(runId: string): EnqueueRequest<'collect'> {
  return { id: `collect-file-${runId}-0`, payload: { source: 'file', cursor: null, pageNumber: 0, runId } };
}

const PIPELINE_QUEUES = [collectQueueName('file'), queueNameFor('process')];

/** Jobs not yet finished (waiting, delayed, active, prioritised) on the file collect and process queues. */
export async function unfinishedJobs(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let total = 0;
    for (const queue of PIPELINE_QUEUES) {
      const base = `${prefix}:${queue}`;
      total +=
        (await redis.llen(`${base}:wait`)) +
        (await redis.llen(`${base}:active`)) +
        (await redis.zcard(`${base}:delayed`)) +
        (await redis.zcard(`${base}:prioritized`));
    }
    return total;
  } finally {
    redis.disconnect();
  }
}

/** Failed jobs on the file collect and process queues. */
export async function failedJobs(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let total = 0;
    for (const queue of PIPELINE_QUEUES) total += await redis.zcard(`${prefix}:${queue}:failed`);
    return total;
  } finally {
    redis.disconnect();
  }
}

/** A SQLite file path, or full options (PostgreSQL with a schema). */
export type StoreTarget = string | OpenStoreOptions;

export async function withStore<T>(target: StoreTarget, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(typeof target === 'string' ? { sqlitePath: target } : target);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Every stored external id of a source, read page by page, in store order (a repeated id would show twice). */
export async function storedIds(store: Store, source: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page = await store.listComments({ source, includeDuplicates: true }, { limit: 500, after });
    ids.push(...page.items.map((c) => c.externalId));
    after = page.next;
  } while (after !== null);
  return ids;
}

export async function storedCount(target: StoreTarget): Promise<number> {
  return withStore(target, (store) => store.countComments({ includeDuplicates: true }));
}

/** Stored ids compared with the expected ones: missing, unexpected and repeated. */
export function idDiscrepancies(stored: readonly string[], expected: readonly string[]) {
  const want = new Set(expected);
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const id of stored) {
    if (seen.has(id)) repeated.push(id);
    seen.add(id);
  }
  return {
    missing: expected.filter((id) => !seen.has(id)),
    unexpected: [...seen].filter((id) => !want.has(id)),
    repeated,
  };
}

/** Ids of the process jobs being worked on right now. */
export async function activeProcessJobs(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await redis.lrange(`${prefix}:${queueNameFor('process')}:active`, 0, -1);
  } finally {
    redis.disconnect();
  }
}

/** Those of `jobIds` on the process queue that have not completed. */
export async function unfinishedOf(url: string, prefix: string, jobIds: readonly string[]): Promise<string[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const completed = `${prefix}:${queueNameFor('process')}:completed`;
    const open: string[] = [];
    for (const id of jobIds) if ((await redis.zscore(completed, id)) === null) open.push(id);
    return open;
  } finally {
    redis.disconnect();
  }
}

/** Waits until `target` holds a comment, and returns how many it holds then; fails at once if one of `running` exits. */
export async function firstStored(target: StoreTarget, running: readonly NodeCli[] = []): Promise<number> {
  let count = 0;
  await eventually(
    async () => {
      for (const cli of running) expectRunning(cli);
      count = await storedCount(target);
      return count > 0;
    },
    'a worker stored something',
    30_000,
  );
  return count;
}

/** Waits until `target` holds `expected` comments and the prefix's queues are empty; fails at once if one of `running` exits. */
export async function drained(
  url: string,
  prefix: string,
  target: StoreTarget,
  expected: number,
  running: readonly NodeCli[] = [],
): Promise<void> {
  await eventually(
    async () => {
      for (const cli of running) expectRunning(cli);
      return (await unfinishedJobs(url, prefix)) === 0 && (await storedCount(target)) >= expected;
    },
    `all ${expected} comments stored and the queues empty`,
    60_000,
  );
}

/** Drops `<runId>.jsonl` into the inbox: `count` good records, ids `<runId>-0` onwards (goodLines). */
export async function dropGoodLines(ws: CliWorkspace, runId: string, count: number): Promise<void> {
  await dropFile(ws, `${runId}.jsonl`, `${goodLines(runId, count).join('\n')}\n`);
}

/** The external ids of the `count` records `goodLines(runId, count)` wrote. */
export function lineIds(runId: string, count: number): string[] {
  return Array.from({ length: count }, (_, n) => `${runId}-${n}`);
}

/**
 * What every case that breaks something mid-run promises, once the run has drained: each of the
 * `count` comments `dropGoodLines(ws, runId, count)` dropped stored exactly once, nothing else, and no job
 * failed. Returns how many are stored.
 */
export async function expectEachStoredOnce(
  url: string,
  prefix: string,
  target: StoreTarget,
  runId: string,
  count: number,
  running: readonly NodeCli[],
): Promise<number> {
  await drained(url, prefix, target, count, running);
  const stored = await withStore(target, (store) => storedIds(store, 'file'));
  expect(idDiscrepancies(stored, lineIds(runId, count))).toEqual({ missing: [], unexpected: [], repeated: [] });
  expect(await failedJobs(url, prefix)).toBe(0);
  return stored.length;
}
