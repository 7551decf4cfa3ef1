/**
 * A comment batch's write bounded in time on PostgreSQL: the server limits each of its statements
 * after the comment write lock to the write idle timeout, and a writer whose connection stays silent
 * for 5 s past that drops it and fails the write as a store outage, instead of waiting on TCP for
 * 11–15 minutes. The wait for the lock is bounded by neither. The cut comes from a proxy that stops
 * passing bytes (nothing reset or closed).
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

const showStatementTimeout = sql<{ statement_timeout: string }>`show statement_timeout`;
const statementTimeoutIn = async (run: Promise<{ rows: { statement_timeout: string }[] }>) =>
  (await run).rows[0]!.statement_timeout;

it('limits each statement after the lock in a bounded write on the server, and no other', async () => {
  const { db, hooks } = direct;
  const serverDefault = await statementTimeoutIn(showStatementTimeout.execute(db));
  const [beforeLock, afterLock] = await hooks.writeTransaction(
    db,
    async (trx) => {
      const before = await statementTimeoutIn(showStatementTimeout.execute(trx));
      await hooks.lockCommentWrites(trx);
      return [before, await statementTimeoutIn(showStatementTimeout.execute(trx))];
    },
    { bounded: true },
  );
  expect([beforeLock, afterLock]).toEqual([serverDefault, '1s']);
  const unbounded = hooks.writeTransaction(db, async (trx) => {
    await hooks.lockCommentWrites(trx);
    return showStatementTimeout.execute(trx);
  });
  expect(await statementTimeoutIn(unbounded)).toBe(serverDefault);
  expect(await statementTimeoutIn(showStatementTimeout.execute(db))).toBe(serverDefault);
});

it('lets the server cancel a slow statement of a bounded write, keeping the connection', async () => {
  const { db, hooks } = direct;
  const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
  const before = await pid();
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
  expect(await pid()).toBe(before);
});

it('waits for the comment write lock as long as it is held, past both the limit and the deadline', async () => {
  const HELD_MS = DEADLINE_MS + 500;
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => {
    locked = resolve;
  });
  // Busy, not idle, while it holds the lock: the server's idle limit does not end it.
  const holder = direct.hooks.writeTransaction(direct.db, async (trx) => {
    await direct.hooks.lockCommentWrites(trx);
    locked();
    await sql`select pg_sleep(${HELD_MS / 1000})`.execute(trx);
  });
  await lockTaken;
  const started = performance.now();
  await secondDirect.hooks.writeTransaction(secondDirect.db, (trx) => secondDirect.hooks.lockCommentWrites(trx), {
    bounded: true,
  });
  expect(performance.now() - started).toBeGreaterThan(HELD_MS - 1000);
  await holder;
}, 20_000);

it('gives up a bounded write whose connection goes silent, as a store outage, and goes on with a fresh connection once the network heals', async () => {
  const { db, hooks } = cutOff;
  const pidBefore = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
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
  const pidAfter = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
  expect(pidAfter).not.toBe(pidBefore);
  await hooks.writeTransaction(db, (trx) => hooks.lockCommentWrites(trx), { bounded: true });
}, 20_000);

it('drops a silent connection under a probe within the time the probe allows', async () => {
  const { db, hooks } = cutOff;
  const pidBefore = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
  proxy.cut('silent');
  const started = performance.now();
  await expect(hooks.answeringWithin!(500, () => sql`select 1`.execute(db))).rejects.toThrow(
    new StoreUnavailableError('PostgreSQL did not answer a statement within 500 ms; its connection was dropped'),
  );
  expect(performance.now() - started).toBeLessThan(2000);
  proxy.heal();
  // The pool's one connection was dropped, not left waiting: a fresh one answers at once.
  const pidAfter = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
  expect(pidAfter).not.toBe(pidBefore);
});
