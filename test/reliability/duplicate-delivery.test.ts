import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../integration/cli/support/cli-workspace.js';
import { eventually } from '../integration/queue/support/redis-kit.js';
import { goodText } from './support/inbox-records.js';
import { type NodeCli, startNodeCli, stderrLinesWith } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  dropGoodLines,
  enqueueFrom,
  failedJobs,
  fileCollect,
  fileSourceEnv,
  idDiscrepancies,
  lineIds,
  type StoreTarget,
  storedIds,
  unfinishedJobs,
  withStore,
  writeConfig,
} from './support/pipeline-harness.js';
import { createPostgresSchema, type PostgresSchema } from './support/postgres-schema.js';
import { isAlive, killTree } from './support/process-tree.js';

/** At-least-once delivery seen from the store: a batch delivered twice, a page fetched twice. */

const BATCH = 200;
const PAGE = 300;

/** The two stores, each with its own workspace (prefix, inbox, SQLite file) and worker. */
const STORES = [
  { store: 'SQLite', suffix: '' },
  { store: 'PostgreSQL', suffix: ', PostgreSQL' },
] as const;

/** A process batch as the collect stage would enqueue it: already redacted, with a page hash. */
function batchPayload() {
  const fetchedAt = '2026-03-06T09:00:00.000Z';
  const comments = Array.from({ length: BATCH }, (_, n) => ({
    source: 'file',
    externalId: `twice-${n}`,
    text: goodText(n + 10_000),
    fetchedAt,
    pageHash: 'f00dfeedf00dfeed',
    redactions: [],
  }));
  return { source: 'file', batchId: 'twice-0', comments };
}

describe.each(STORES)('the same work delivered twice, $store store', ({ store, suffix }) => {
  let ws: CliWorkspace;
  let worker: NodeCli;
  let pgSchema: PostgresSchema | undefined;
  let target: StoreTarget;

  beforeAll(async () => {
    ws = await createCliWorkspace();
    pgSchema = store === 'PostgreSQL' ? await createPostgresSchema() : undefined;
    target = pgSchema ? pgSchema.storeOptions : ws.sqlitePath;
    const configPath = await writeConfig(ws, { queue: { processBatchSize: 50, backoffMs: 100 } });
    const env = fileSourceEnv(ws, configPath, pgSchema ? { DATABASE_URL: pgSchema.databaseUrl } : {});
    worker = startNodeCli(['worker', 'collect', 'process'], ws.dir, env);
    await worker.waitForStderr('"msg":"started"');
  });
  afterAll(async () => {
    if (worker?.child.pid && isAlive(worker.child.pid)) {
      worker.child.kill('SIGTERM');
      const stopped = await Promise.race([worker.exited, new Promise((r) => setTimeout(r, 5_000, null))]);
      if (stopped === null) killTree(worker.child.pid);
    }
    await ws?.cleanup();
    await pgSchema?.drop();
  });

  async function settled(): Promise<void> {
    await eventually(async () => (await unfinishedJobs(TEST_REDIS_URL, ws.prefix)) === 0, 'queues empty', 30_000);
  }

  it('a process batch delivered twice (new job id, and the same id again) is stored once', async () => {
    await timedCase(
      `batch delivered twice${suffix}`,
      `${store} store; one ${BATCH}-comment process batch enqueued, then again under a new job id and again under the first id`,
      async () => {
        const payload = batchPayload();
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'process', [{ id: 'twice-a', payload }]);
        await settled();
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'process', [{ id: 'twice-b', payload }]);
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'process', [{ id: 'twice-a', payload }]);
        await settled();
        const ids = payload.comments.map((c) => c.externalId);
        const stored = await withStore(target, (store) => storedIds(store, 'file'));
        expect(idDiscrepancies(stored, ids)).toEqual({ missing: [], unexpected: [], repeated: [] });
        // Two runs of the batch: the first inserts, the redelivery finds everything unchanged.
        const runs = stderrLinesWith(worker, '"batchId":"twice-0"');
        expect(runs).toHaveLength(2);
        expect(runs[1]).toContain(`"updated":0,"unchanged":${BATCH}`);
        return `3 deliveries → ${stored.length} comments stored (the redelivery under a new id found all ${BATCH} unchanged; the repeated id was not run again)`;
      },
    );
  });

  it('the same source page fetched twice (a second run, and the same file dropped again) adds nothing', async () => {
    await timedCase(
      `page fetched twice${suffix}`,
      `${store} store; a ${PAGE}-record file collected, then a second collect run, then the same file dropped again under a new name and collected`,
      async () => {
        await dropGoodLines(ws, 'page', PAGE);
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'collect', [fileCollect('page-1')]);
        await settled();
        const first = await withStore(target, (store) => storedIds(store, 'file'));
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'collect', [fileCollect('page-2')]);
        await settled();
        await copyFile(join(ws.inboxDir, 'page.jsonl'), join(ws.inboxDir, 'page-again.jsonl'));
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'collect', [fileCollect('page-3')]);
        await settled();
        const stored = await withStore(target, (store) => storedIds(store, 'file'));
        const pageIds = lineIds('page', PAGE);
        const twiceIds = Array.from({ length: BATCH }, (_, n) => `twice-${n}`);
        expect(idDiscrepancies(stored, [...twiceIds, ...pageIds])).toEqual({
          missing: [],
          unexpected: [],
          repeated: [],
        });
        expect(stored).toEqual(first);
        expect(await failedJobs(TEST_REDIS_URL, ws.prefix)).toBe(0);
        return `3 collect runs over the same records → ${PAGE} stored once; store identical after the repeats; 0 failed jobs`;
      },
    );
  });
});
