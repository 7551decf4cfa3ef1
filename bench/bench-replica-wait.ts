/**
 * What `redis.waitForReplicas` costs the collect stage's hand-over: a page's process job added with
 * and without waiting for a replica (Redis WAIT), page after page in alternating order, on a
 * private primary and replica (redis-server processes on spare ports, no files kept) on this machine.
 * Each job carries one page of the sample source's items (200 by default), as a collect page does.
 *
 *   tsx bench/bench-replica-wait.ts [--pages 2000] [--page-size 200] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createSampleConnector } from '../src/connectors/sample/sample-connector.js';
import { enqueueStageJobs } from '../src/queue/enqueue.js';
import { QueueSet } from '../src/queue/queue-set.js';
import { startRedisServer } from '../src/queue/redis-server-process.js';
import { resolveRuntimeOptions } from '../src/queue/runtime-options.js';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '2000' },
    'page-size': { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
  },
});
const PAGES = Number(args.pages);
const PAGE_SIZE = Number(args['page-size']);

const dir = mkdtempSync(join(tmpdir(), 'carevoice-bench-replica-'));
const noSyncDelay = ['--repl-diskless-sync-delay', '0'];
const primary = await startRedisServer({ dir: join(dir, 'primary'), appendOnly: false, extraArgs: noSyncDelay });
const replica = await startRedisServer({
  dir: join(dir, 'replica'),
  appendOnly: false,
  extraArgs: ['--replicaof', '127.0.0.1', String(primary.port)],
});
const connection = new Redis(primary.url, { maxRetriesPerRequest: null });
try {
  const replicaClient = new Redis(replica.url);
  while (!/master_link_status:up/.test(await replicaClient.info('replication'))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  replicaClient.disconnect();

  // One page of sample items, reused under a new job id each time.
  const connector = createSampleConnector({ count: PAGE_SIZE, pageSize: PAGE_SIZE });
  const page = await connector.fetchPage(null, { now: () => new Date(), state: { get: async () => null } });
  const comments = page.items;
  const payloadKb = Buffer.byteLength(JSON.stringify(comments)) / 1024;
  const queues = new QueueSet(
    connection,
    resolveRuntimeOptions({ prefix: 'bench-replica', replicaWait: { replicas: 1, timeoutMs: 5000 } }),
    pino({ level: 'silent' }),
  );
  const spent = { plain: 0, replicated: 0 };
  for (let n = 0; n < PAGES; n++) {
    // Alternating, so both modes see the same machine.
    for (const mode of n % 2 === 0 ? (['plain', 'replicated'] as const) : (['replicated', 'plain'] as const)) {
      const started = performance.now();
      await enqueueStageJobs(
        queues,
        'process',
        [{ id: `${mode}-${n}`, payload: { source: 'sample', batchId: `${mode}-${n}`, comments } }],
        { replicated: mode === 'replicated' },
      );
      spent[mode] += performance.now() - started;
    }
  }
  await queues.close();
  const perSecond = (ms: number) => (PAGES / ms) * 1000;
  const result = {
    pages: PAGES,
    pageSize: PAGE_SIZE,
    payloadKb: Math.round(payloadKb),
    plainPagesPerSecond: Math.round(perSecond(spent.plain)),
    replicatedPagesPerSecond: Math.round(perSecond(spent.replicated)),
    plainMsPerPage: spent.plain / PAGES,
    replicatedMsPerPage: spent.replicated / PAGES,
    ratio: spent.plain / spent.replicated,
  };
  if (args.json) console.log(JSON.stringify(result));
  else {
    console.log(
      `${PAGES} pages of ${PAGE_SIZE} sample items (${result.payloadKb} KB a job), added alternately without and with a replica wait`,
    );
    console.log(
      `without ${result.plainPagesPerSecond} pages/s (${result.plainMsPerPage.toFixed(2)} ms)  with ${result.replicatedPagesPerSecond} pages/s (${result.replicatedMsPerPage.toFixed(2)} ms)  with÷without ${result.ratio.toFixed(2)}`,
    );
  }
} finally {
  connection.disconnect();
  await replica.stop();
  await primary.stop();
  rmSync(dir, { recursive: true, force: true });
}
