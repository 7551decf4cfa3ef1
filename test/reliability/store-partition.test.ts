import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentWriteLockKey } from '../../src/storage/postgres/advisory-lock-keys.js';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../integration/cli/support/cli-workspace.js';
import { type CuttableProxy, startCuttableProxy } from '../support/cuttable-proxy.js';
import {
  expectRunning,
  killStillRunning,
  type NodeCli,
  startNodeCli,
  stderrLinesWith,
  stopAll,
} from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  dropGoodLines,
  enqueueFrom,
  expectEachStoredOnce,
  fileCollect,
  fileSourceEnv,
  firstStored,
  SMALL_BATCHES,
  startFileWorker,
  storedCount,
  writeConfig,
} from './support/pipeline-harness.js';
import { createPostgresSchema, type PostgresSchema, TEST_DATABASE_URL } from './support/postgres-schema.js';

/**
 * A worker cut off from PostgreSQL, silently (bytes stop, nothing is closed), while it holds the
 * comment write lock in the middle of a batch, and a second worker still reaches the server. The
 * server ends the cut-off worker's idle transaction after `database.writeIdleTimeoutMs`, so the
 * second worker takes the lock and goes on; without that, it would wait until the server's TCP
 * keepalive gave up on the silent connection, hours with Linux's defaults. The cut-off worker gives
 * up on its unanswered statement 5 s after that limit, hands its batch back unspent and holds
 * (answer-deadline.ts, store-outage-hold.ts), so the second worker stores that batch too while the
 * cut lasts, instead of it waiting 11–15 minutes for TCP to give up.
 */

const COMMENTS = 3000;
const WRITE_IDLE_TIMEOUT_MS = 2000;
/** The cut-off worker's wait for an answer: the write idle timeout, and 5 s past it. */
const ANSWER_DEADLINE_MS = WRITE_IDLE_TIMEOUT_MS + 5000;
/** Time for the second worker to store every comment, the cut-off worker's batch included. */
const PARTITION_LIMIT_MS = 60_000;
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

interface LockHolder {
  /** pg_stat_activity.application_name of the session holding the lock. */
  app: string;
  state: string;
  /** How long the session has been in that state, by the server's clock. */
  stateMs: number;
}

/** The session holding the schema's comment write lock, if any. */
async function writeLockHolder(): Promise<LockHolder | undefined> {
  // A bigint advisory key shows in pg_locks as its high and low 32 bits.
  const key = BigInt.asUintN(64, BigInt(commentWriteLockKey(pgSchema.name)));
  const { rows } = await observer.query<{ app: string; state: string; state_ms: number }>(
    `select a.application_name as app, a.state,
            extract(epoch from clock_timestamp() - a.state_change) * 1000 as state_ms
       from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1 and l.classid = $1::oid and l.objid = $2::oid`,
    [String(key >> 32n), String(key & 0xffff_ffffn)],
  );
  const row = rows[0];
  return row && { app: row.app, state: row.state, stateMs: Number(row.state_ms) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a worker cut off from PostgreSQL', () => {
  it('silently, while it holds the comment write lock: the server ends its transaction, the cut-off worker hands its batch back, the other worker stores everything, once', async () => {
    await timedCase(
      'worker partitioned from PostgreSQL',
      `${COMMENTS} comments in batches of 50, two workers; the first (process jobs only) reaches PostgreSQL through a proxy that stops passing bytes either way (nothing closed) while that worker holds the comment write lock; database.writeIdleTimeoutMs ${WRITE_IDLE_TIMEOUT_MS}; the cut heals once every comment is stored`,
      async () => {
        const configPath = await writeConfig(ws, {
          queue: SMALL_BATCHES,
          database: { writeIdleTimeoutMs: WRITE_IDLE_TIMEOUT_MS },
        });
        await dropGoodLines(ws, 'store-partition', COMMENTS);
        const cutOffUrl = new URL(proxy.through(pgSchema.databaseUrl));
        cutOffUrl.searchParams.set('application_name', CUT_OFF_APP);
        // Process jobs only: a collect page it held during the cut would hold up the second worker's supply.
        const cutOff = startNodeCli(
          ['worker', 'process'],
          ws.dir,
          fileSourceEnv(ws, configPath, { DATABASE_URL: cutOffUrl.toString() }),
        );
        started.push(cutOff);
        const direct = startFileWorker(ws, configPath, started, { DATABASE_URL: pgSchema.databaseUrl });
        for (const worker of [cutOff, direct]) await worker.waitForStderr('"msg":"started"', 45_000);
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'collect', [fileCollect('store-partition')]);
        await firstStored(pgSchema.storeOptions, [cutOff, direct]);

        // Cut while the first worker holds the lock: read back after the cut, since a commit in flight
        // when it fell may have released the lock already. Held after the cut, it stays held, and the
        // server counts the transaction's idle time from the worker's last statement before the cut.
        let tries = 0;
        let held: LockHolder | undefined;
        let cutAt = 0;
        const givingUpAt = Date.now() + 30_000;
        while (held === undefined) {
          expectRunning(cutOff);
          expectRunning(direct);
          if (Date.now() > givingUpAt)
            throw new Error(`the cut never fell while the first worker held the write lock (${tries} tries)`);
          if ((await writeLockHolder())?.app !== CUT_OFF_APP) {
            await pause(5);
            continue;
          }
          tries += 1;
          cutAt = Date.now();
          proxy.cut('silent');
          await pause(200);
          const after = await writeLockHolder();
          if (after?.app === CUT_OFF_APP && after.state === 'idle in transaction') held = after;
          else proxy.heal();
        }
        const confirmedAt = Date.now();
        const atCut = await storedCount(pgSchema.storeOptions);

        // The server ends the idle transaction, and the lock goes, once it has been idle for the timeout.
        let idleWhenEndedMs: number | undefined;
        while (Date.now() - confirmedAt < PARTITION_LIMIT_MS) {
          if ((await writeLockHolder())?.app !== CUT_OFF_APP) {
            idleWhenEndedMs = held.stateMs + (Date.now() - confirmedAt);
            break;
          }
          await pause(20);
        }
        if (idleWhenEndedMs === undefined) {
          throw new Error(`the cut-off worker still held the write lock ${PARTITION_LIMIT_MS / 1000} s after the cut`);
        }
        // The cut lasts until every comment is stored: the cut-off worker's batch too, by the second worker.
        let stillCut = await storedCount(pgSchema.storeOptions);
        while (stillCut < COMMENTS) {
          if (Date.now() - confirmedAt > PARTITION_LIMIT_MS) {
            throw new Error(
              `${stillCut} of ${COMMENTS} stored ${PARTITION_LIMIT_MS / 1000} s into the cut: the cut-off worker's batch did not come back`,
            );
          }
          await pause(200);
          stillCut = await storedCount(pgSchema.storeOptions);
        }
        const cutMs = Date.now() - confirmedAt;
        proxy.heal();

        const stored = await expectEachStoredOnce(
          TEST_REDIS_URL,
          ws.prefix,
          pgSchema.storeOptions,
          'store-partition',
          COMMENTS,
          [cutOff, direct],
        );
        // Ended by the server's idle timeout, not before (20 ms polls, and a few ms between the two clocks' readings).
        expect(idleWhenEndedMs).toBeGreaterThan(WRITE_IDLE_TIMEOUT_MS - 50);
        // The cut-off worker gave its batch up at its answer deadline, without spending an attempt,
        // and held until the store answered it again.
        const handedBack = stderrLinesWith(cutOff, '"msg":"store unreachable; job handed back unspent"');
        expect(handedBack.length).toBeGreaterThan(0);
        expect(handedBack[0]).toContain(`PostgreSQL did not answer a statement within ${ANSWER_DEADLINE_MS} ms`);
        // Its statement's deadline, then a probe that got no answer either (5 s), after the cut.
        const handedBackAfterMs = Date.parse(String((JSON.parse(handedBack[0]!) as { time?: unknown }).time)) - cutAt;
        expect(handedBackAfterMs).toBeGreaterThan(ANSWER_DEADLINE_MS);
        expect(stderrLinesWith(cutOff, '"code":"store_unreachable"')).toHaveLength(1);
        await cutOff.waitForStderr('"code":"store_answers"', 45_000);
        for (const worker of [cutOff, direct])
          expect(stderrLinesWith(worker, '"msg":"job attempt failed"')).toEqual([]);
        expect(cutOff.child.exitCode).toBeNull();
        expect(direct.child.exitCode).toBeNull();
        await stopAll([cutOff, direct]);
        return `cut on try ${tries} with the first worker holding the write lock and ${atCut} stored; the server ended its transaction, and the lock went, once it had been idle ${(idleWhenEndedMs / 1000).toFixed(1)} s; the cut-off worker handed ${handedBack.length} batch(es) back unspent ${(handedBackAfterMs / 1000).toFixed(1)} s after the cut (its statement unanswered for ${ANSWER_DEADLINE_MS / 1000} s, then a probe for 5 s) and held; the second worker stored the other ${stored - atCut}, that batch included, while the cut lasted (${(cutMs / 1000).toFixed(1)} s); once it healed the cut-off worker resumed; 0 attempts failed; ${stored}/${COMMENTS} stored, 0 missing, 0 repeated, 0 failed jobs, both workers still running`;
      },
    );
  });
});
