/**
 * A comment batch's write bounded in time on PostgreSQL: the server limits each of its statements
 * after the comment write lock, and each wait for the lock, to the write idle timeout, and a writer
 * whose connection stays silent for 5 s past that drops it and fails the write as a store outage,
 * instead of waiting on TCP for 11–15 minutes. The cut comes from a proxy that stops passing bytes
 * (nothing reset or closed).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../src/storage/dialect-hooks.js';
import { StoreUnavailableError } from '../../../src/storage/errors/store-unavailable-error.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import { type CuttableProxy, startCuttableProxy } from '../../support/cuttable-proxy.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `answer_deadline_${randomBytes(4).toString('hex')}`;
const IDLE_TIMEOUT_MS = 1000;
/** The idle timeout and the 5 s given past it. */
const DEADLINE_MS = IDLE_TIMEOUT_MS + 5000;

let proxy: CuttableProxy;
/** Reaches the server through the proxy; one connection, so every transaction shares it. */
let cutOff: OpenedDatabase;
let direct: OpenedDatabase;
let secondDirect: OpenedDatabase;

beforeAll(async () => {
  proxy = await startCuttableProxy(databaseUrl);
  const common = { schema, poolSize: 1, writeIdleTimeoutMs: IDLE_TIMEOUT_MS };
  cutOff = await openPostgres({ ...common, connectionString: proxy.through(databaseUrl) });
  direct = await openPostgres({ ...common, connectionString: databaseUrl });
  secondDirect = await openPostgres({ ...common, connectionString: databaseUrl });
});
afterAll(async () => {
  proxy?.heal();
  for (const opened of [cutOff, direct, secondDirect]) await opened?.db.destroy();
  await proxy?.close();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

const limits = sql<{
  statement: string;
  lock: string;
}>`select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock`;
const limitsIn = async (run: Promise<{ rows: { statement: string; lock: string }[] }>) => (await run).rows[0]!;

/** The server process behind the pool's one connection: a new one means the connection was replaced. */
async function backendPid(db: OpenedDatabase['db']): Promise<number> {
  return (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
}

/**
 * Takes the comment write lock on the direct connection and keeps it `ms`, busy rather than idle (so
 * the server's idle limit does not end it); resolves once the lock is held.
 */
async function holdCommentWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const released = direct.hooks.writeTransaction(direct.db, async (trx) => {
    await direct.hooks.lockCommentWrites(trx);
    locked();
    await sql`select pg_sleep(${ms / 1000})`.execute(trx);
  });
  await lockTaken;
  return { released };
}

it('limits lock waits, and each statement after the lock, in a bounded write on the server, and no other', async () => {
  const { db, hooks } = direct;
  const server = await limitsIn(limits.execute(db));
  const [beforeLock, afterLock] = await hooks.writeTransaction(
    db,
    async (trx) => {
      const before = await limitsIn(limits.execute(trx));
      await hooks.lockCommentWrites(trx);
      return [before, await limitsIn(limits.execute(trx))];
    },
    { bounded: true },
  );
  expect(beforeLock).toEqual({ statement: server.statement, lock: '1s' });
  expect(afterLock).toEqual({ statement: '1s', lock: '1s' });
  const unbounded = hooks.writeTransaction(db, async (trx) => {
    await hooks.lockCommentWrites(trx);
    return limits.execute(trx);
  });
  expect(await limitsIn(unbounded)).toEqual(server);
  expect(await limitsIn(limits.execute(db))).toEqual(server);
});

it('lets the server cancel a slow statement of a bounded write, keeping the connection', async () => {
  const { db, hooks } = direct;
  const before = await backendPid(db);
  await expect(
    hooks.writeTransaction(
      db,
      async (trx) => {
        await hooks.lockCommentWrites(trx);
        await sql`select pg_sleep(3)`.execute(trx);
      },
      { bounded: true },
    ),
  ).rejects.toMatchObject({ code: '57014' });
  // An unbounded write may take its time.
  await hooks.writeTransaction(db, async (trx) => {
    await hooks.lockCommentWrites(trx);
    await sql`select pg_sleep(1.5)`.execute(trx);
  });
  expect(await backendPid(db)).toBe(before);
});

it('waits for the comment write lock as long as it is held, in slices each within the limit, past the deadline', async () => {
  const HELD_MS = DEADLINE_MS + 500;
  const holder = await holdCommentWriteLock(HELD_MS);
  const started = performance.now();
  await secondDirect.hooks.writeTransaction(secondDirect.db, (trx) => secondDirect.hooks.lockCommentWrites(trx), {
    bounded: true,
  });
  expect(performance.now() - started).toBeGreaterThan(HELD_MS - 1000);
  await holder.released;
}, 20_000);

it('gives up a bounded write whose connection goes silent, as a store outage, and goes on with a fresh connection once the network heals', async () => {
  const { db, hooks } = cutOff;
  const pidBefore = await backendPid(db);
  const started = performance.now();
  const stranded = hooks.writeTransaction(
    db,
    async (trx) => {
      await hooks.lockCommentWrites(trx);
      proxy.cut('silent');
      await sql`select 1`.execute(trx);
    },
    { bounded: true },
  );
  const error = await stranded.then(
    () => undefined,
    (e: unknown) => e,
  );
  const waited = performance.now() - started;
  expect(error).toBeInstanceOf(StoreUnavailableError);
  expect((error as Error).message).toBe(
    `PostgreSQL did not answer a statement within ${DEADLINE_MS} ms; its connection was dropped`,
  );
  expect(waited).toBeGreaterThan(DEADLINE_MS * 0.95);
  expect(waited).toBeLessThan(DEADLINE_MS + 3000);

  proxy.heal();
  const pidAfter = await backendPid(db);
  expect(pidAfter).not.toBe(pidBefore);
  await hooks.writeTransaction(db, (trx) => hooks.lockCommentWrites(trx), { bounded: true });
}, 20_000);

it('gives up a bounded write cut off while it waits for the lock', async () => {
  const holder = await holdCommentWriteLock(2000);
  const started = performance.now();
  const waiting = cutOff.hooks.writeTransaction(cutOff.db, (trx) => cutOff.hooks.lockCommentWrites(trx), {
    bounded: true,
  });
  waiting.catch(() => undefined);
  // Sent and waiting on the server by then; the server's lock_timeout answer then goes unheard.
  await new Promise((resolve) => setTimeout(resolve, 300));
  proxy.cut('silent');
  await expect(waiting).rejects.toThrow(
    `PostgreSQL did not answer a statement within ${DEADLINE_MS} ms; its connection was dropped`,
  );
  expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 3000);
  proxy.heal();
  await holder.released;
}, 20_000);

it('drops a silent connection under a probe within the time the probe allows', async () => {
  const { db, hooks } = cutOff;
  const pidBefore = await backendPid(db);
  proxy.cut('silent');
  const started = performance.now();
  await expect(hooks.answeringWithin!(500, () => sql`select 1`.execute(db))).rejects.toThrow(
    new StoreUnavailableError('PostgreSQL did not answer a statement within 500 ms; its connection was dropped'),
  );
  expect(performance.now() - started).toBeLessThan(2000);
  proxy.heal();
  // The pool's one connection was dropped, not left waiting: a fresh one answers at once.
  const pidAfter = await backendPid(db);
  expect(pidAfter).not.toBe(pidBefore);
});
