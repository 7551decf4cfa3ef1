/**
 * What `redis.waitForReplicas` costs the collect stage's hand-over: a page's process job added with
 * and without waiting for a replica (Redis WAIT), page after page in alternating order, on a
 * private primary and replica (redis-server processes on spare ports, no files kept) on this machine.
 * Each job carries one page of the sample source's items (200 by default), as a collect page does,
 * and is removed again, untimed, so the servers do not grow as the run goes on.
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
import { type RunningRedisServer, startRedisServer } from '../src/queue/redis-server-process.js';
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

if (!(Number.isInteger(PAGES) && PAGES > 0)) throw new Error(`--pages must be a positive integer, not ${args.pages}`);
if (!(Number.isInteger(PAGE_SIZE) && PAGE_SIZE > 0 && PAGE_SIZE <= 500)) {
  throw new Error(`--page-size must be an integer from 1 to 500 (a process job's most), not ${args['page-size']}`);
}

/** Nothing kept on disk, and no delay before the replica's first sync. */
const EPHEMERAL = ['--save', '', '--repl-diskless-sync-delay', '0'];
const dir = mkdtempSync(join(tmpdir(), 'carevoice-bench-replica-'));
const servers: RunningRedisServer[] = [];
const clients: Redis[] = [];
try {
  const primary = await startRedisServer({ dir: join(dir, 'primary'), appendOnly: false, extraArgs: EPHEMERAL });
  servers.push(primary);
  const replica = await startRedisServer({
    dir: join(dir, 'replica'),
    appendOnly: false,
    extraArgs: [...EPHEMERAL, '--replicaof', '127.0.0.1', String(primary.port)],
  });
  servers.push(replica);
  const connection = new Redis(primary.url, { maxRetriesPerRequest: null });
  const replicaClient = new Redis(replica.url);
  clients.push(connection, replicaClient);
  const syncedBy = Date.now() + 30_000;
  while (!/master_link_status:up/.test(await replicaClient.info('replication'))) {
    if (Date.now() > syncedBy) throw new Error('the replica did not come in step with the primary within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

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
  const add = (id: string, replicated: boolean) =>
    enqueueStageJobs(queues, 'process', [{ id, payload: { source: 'sample', batchId: id, comments } }], { replicated });
  // Untimed: loads BullMQ's scripts and warms both paths.
  await add('warm-plain', false);
  await add('warm-replicated', true);
  const spent = { plain: 0, replicated: 0 };
  for (let n = 0; n < PAGES; n++) {
    // Alternating, so both modes see the same machine.
    for (const mode of n % 2 === 0 ? (['plain', 'replicated'] as const) : (['replicated', 'plain'] as const)) {
      const id = `${mode}-${n}`;
      // Each timed wait covers its own add only: everything before it is on the replica already.
      if (mode === 'replicated') await connection.call('WAIT', 1, 5000);
      const started = performance.now();
      await add(id, mode === 'replicated');
      spent[mode] += performance.now() - started;
      // Untimed: the servers do not grow by a page each time.
      await queues.get('process').remove(id);
    }
  }
  await queues.close();
  const msPerPage = { plain: spent.plain / PAGES, replicated: spent.replicated / PAGES };
  const result = {
    bench: 'replica-wait',
    pages: PAGES,
    pageSize: PAGE_SIZE,
    payloadKb: Math.round(payloadKb),
    plainMsPerPage: msPerPage.plain,
    replicatedMsPerPage: msPerPage.replicated,
    waitMsPerPage: msPerPage.replicated - msPerPage.plain,
    /** Time a replicated hand-over takes for each unit a plain one takes. */
    timeRatio: msPerPage.replicated / msPerPage.plain,
  };
  if (args.json) console.log(JSON.stringify(result));
  else {
    console.log(
      `${PAGES} pages of ${PAGE_SIZE} sample items (${result.payloadKb} KB a job), each added without and with a replica wait, alternately`,
    );
    console.log(
      `without ${msPerPage.plain.toFixed(2)} ms a page  with ${msPerPage.replicated.toFixed(2)} ms  the wait adds ${result.waitMsPerPage.toFixed(2)} ms (time with÷without ${result.timeRatio.toFixed(2)})`,
    );
  }
} finally {
  for (const client of clients) client.disconnect();
  for (const server of servers.reverse()) await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
