import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allQueueNames } from '../../src/queue/queue-names.js';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../integration/cli/support/cli-workspace.js';
import { type NodeCli, startNodeCli } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import { fileSourceEnv, writeConfig } from './support/pipeline-harness.js';

/** Several processes of a fleet starting at once, each upserting the job schedulers. */

const PROCESSES = 4;

let ws: CliWorkspace;
beforeAll(async () => {
  ws = await createCliWorkspace();
});
afterAll(async () => {
  await ws.cleanup();
});

/** Every job scheduler id on every CareVoice queue under the prefix, with repeats kept. */
async function schedulerIds(): Promise<string[]> {
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const ids: string[] = [];
  try {
    for (const name of allQueueNames(['file'])) {
      const queue = new Queue(name, { connection, prefix: ws.prefix });
      ids.push(...(await queue.getJobSchedulers(0, -1)).map((s) => `${name}/${s.key}`));
      await queue.close();
    }
  } finally {
    connection.disconnect();
  }
  return ids;
}

describe('schedulers upserted by several processes at once', () => {
  it(`${PROCESSES} \`carevoice scheduler\` processes at once leave one scheduler per schedule`, async () => {
    await timedCase(
      'schedules upserted concurrently',
      `${PROCESSES} \`carevoice scheduler\` processes started together on one prefix`,
      async () => {
        const configPath = await writeConfig(ws, {});
        const env = fileSourceEnv(ws, configPath);
        const runs: NodeCli[] = Array.from({ length: PROCESSES }, () => startNodeCli(['scheduler'], ws.dir, env));
        const results = await Promise.all(runs.map((run) => run.exited));
        for (const result of results) expect(result.code, result.stderr).toBe(0);
        const reports = results.map((result) => {
          const line = result.stderr.split('\n').find((l) => l.includes('"msg":"job schedulers in place"'));
          return JSON.parse(line ?? '{}') as { upserted: string[]; unchanged: string[] };
        });
        const planned = new Set([...reports[0]!.upserted, ...reports[0]!.unchanged]);
        const ids = await schedulerIds();
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(planned.size);
        // Every process planned the same schedules (they take turns under a Redis lock; upserts are idempotent).
        for (const report of reports) expect(new Set([...report.upserted, ...report.unchanged])).toEqual(planned);
        const upserts = reports.map((r) => r.upserted.length).join(' + ');
        return `${ids.length} schedulers for ${planned.size} schedules, 0 repeated (upserts per process: ${upserts}); all exited 0`;
      },
    );
  });
});
