import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentWriteLockKey } from '../../src/storage/postgres/advisory-lock-keys.js';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../integration/cli/support/cli-workspace.js';
import { type CuttableProxy, startCuttableProxy } from '../support/cuttable-proxy.js';
import { goodLines } from './support/inbox-records.js';
import { expectRunning, killStillRunning, type NodeCli, stderrLinesWith } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  drained,
  dropFile,
  enqueueFrom,
  failedJobs,
  fileCollect,
  firstStored,
  idDiscrepancies,
  SMALL_BATCHES,
  startFileWorker,
  storedCount,
  storedIds,
  withStore,
  writeConfig,
} from './support/pipeline-harness.js';
import { createPostgresSchema, type PostgresSchema, TEST_DATABASE_URL } from './support/postgres-schema.js';

/**
 * A worker cut off from PostgreSQL, silently (bytes stop, nothing is closed), while it holds the
 * comment write lock in the middle of a batch, and a second worker still reaches the server. The
 * server ends the cut-off worker's idle transaction after `database.writeIdleTimeoutMs`, so the
 * second worker takes the lock and goes on; without that, it would wait until the server's TCP
 * keepalive gave up on the silent connection, hours with Linux's defaults.
 */

const COMMENTS = 3000;
const WRITE_IDLE_TIMEOUT_MS = 2000;
/** Long enough for the idle timeout to fire and the second worker to store batches after it. */
const PARTITION_MS = 6000;
/** How the cut-off worker's sessions name themselves to the server (pg_stat_activity.application_name). */
const CUT_OFF_APP = 'carevoice-cut-off';

let ws: CliWorkspace;
let pgSchema: PostgresSchema;
let proxy: CuttableProxy;
let observer: pg.Client;
const started: NodeCli[] = [];

beforeAll(async () => {
  ws = await createCliWorkspace();
  pgSchema = await createPostgresSchema();
  proxy = await startCuttableProxy(TEST_DATABASE_URL);
  observer = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await observer.connect();
});
afterAll(async () => {
  await killStillRunning(started);
  await observer.end();
  await proxy.close();
  await ws.cleanup();
  await pgSchema.drop();
});

/** The application name of the session holding the schema's comment write lock, if any. */
async function writeLockHolder(): Promise<string | undefined> {
  // A bigint advisory key shows in pg_locks as its high and low 32 bits.
  const key = BigInt.asUintN(64, BigInt(commentWriteLockKey(pgSchema.name)));
  const { rows } = await observer.query<{ application_name: string }>(
    `select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1 and l.classid = $1::oid and l.objid = $2::oid`,
    [String(key >> 32n), String(key & 0xffff_ffffn)],
  );
  return rows[0]?.application_name;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a worker cut off from PostgreSQL', () => {
  it('silently, while it holds the comment write lock: the server ends its transaction, the other worker goes on, every comment stored once', async () => {
    await timedCase(
      'worker partitioned from PostgreSQL',
      `${COMMENTS} comments in batches of 50, two workers; the first reaches PostgreSQL through a proxy that stops passing bytes either way (nothing closed) while that worker holds the comment write lock; database.writeIdleTimeoutMs ${WRITE_IDLE_TIMEOUT_MS}; the cut heals after ${PARTITION_MS / 1000} s`,
      async () => {
        const configPath = await writeConfig(ws, {
          queue: SMALL_BATCHES,
          database: { writeIdleTimeoutMs: WRITE_IDLE_TIMEOUT_MS },
        });
        await dropFile(ws, 'store-partition.jsonl', `${goodLines('store-partition', COMMENTS).join('\n')}\n`);
        const cutOffUrl = new URL(proxy.through(pgSchema.databaseUrl));
        cutOffUrl.searchParams.set('application_name', CUT_OFF_APP);
        const cutOff = startFileWorker(ws, configPath, started, { DATABASE_URL: cutOffUrl.toString() });
        const direct = startFileWorker(ws, configPath, started, { DATABASE_URL: pgSchema.databaseUrl });
        for (const worker of [cutOff, direct]) await worker.waitForStderr('"msg":"started"', 45_000);
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'collect', [fileCollect('store-partition')]);
        await firstStored(pgSchema.storeOptions, [cutOff, direct]);

        // Cut while the first worker holds the lock: read back after the cut, since a commit in flight
        // when it fell may have released the lock already. Held after the cut, it stays held.
        let tries = 0;
        let cutAt = 0;
        for (;;) {
          expectRunning(cutOff);
          expectRunning(direct);
          if ((await writeLockHolder()) !== CUT_OFF_APP) continue;
          tries += 1;
          proxy.cut('silent');
          cutAt = Date.now();
          await pause(200);
          if ((await writeLockHolder()) === CUT_OFF_APP) break;
          proxy.heal();
          if (tries === 50) throw new Error('the cut never fell while the first worker held the write lock');
        }
        const atCut = await storedCount(pgSchema.storeOptions);

        // The server ends the idle transaction and the lock goes, well within the cut.
        let releasedAfterMs: number | undefined;
        while (Date.now() - cutAt < PARTITION_MS) {
          if ((await writeLockHolder()) !== CUT_OFF_APP) {
            releasedAfterMs = Date.now() - cutAt;
            break;
          }
          await pause(20);
        }
        if (releasedAfterMs === undefined) {
          throw new Error(`the cut-off worker still held the write lock ${PARTITION_MS / 1000} s after the cut`);
        }
        await pause(Math.max(0, PARTITION_MS - (Date.now() - cutAt)));
        const beforeHeal = await storedCount(pgSchema.storeOptions);
        proxy.heal();

        await drained(TEST_REDIS_URL, ws.prefix, pgSchema.storeOptions, COMMENTS, [cutOff, direct]);
        const ids = Array.from({ length: COMMENTS }, (_, n) => `store-partition-${n}`);
        const stored = await withStore(pgSchema.storeOptions, (store) => storedIds(store, 'file'));
        expect(idDiscrepancies(stored, ids)).toEqual({ missing: [], unexpected: [], repeated: [] });
        expect(await failedJobs(TEST_REDIS_URL, ws.prefix)).toBe(0);
        // Ended by the server's idle timeout, which counts from the worker's last word before the cut.
        expect(releasedAfterMs).toBeGreaterThan(WRITE_IDLE_TIMEOUT_MS - 200);
        // The second worker stored batches while the first was still cut off.
        expect(beforeHeal).toBeGreaterThan(atCut);
        // The cut-off worker's batch failed once it was heard from again, and ran again.
        const failedAttempts = stderrLinesWith(cutOff, '"msg":"job attempt failed"').length;
        expect(failedAttempts).toBeGreaterThan(0);
        expect(cutOff.child.exitCode).toBeNull();
        expect(direct.child.exitCode).toBeNull();
        for (const worker of [cutOff, direct]) {
          worker.child.kill('SIGTERM');
          await worker.exited;
        }
        return `cut on try ${tries} with the first worker holding the write lock and ${atCut} stored; the server ended its transaction and the lock went ${(releasedAfterMs / 1000).toFixed(1)} s after the cut; the second worker stored ${beforeHeal - atCut} more before the cut healed; the cut-off worker's ${failedAttempts} failed attempt(s) ran again; ${stored.length}/${COMMENTS} stored, 0 missing, 0 repeated, 0 failed jobs, both workers still running`;
      },
    );
  });
});
