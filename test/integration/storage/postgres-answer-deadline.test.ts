/**
 * A comment batch's write bounded in time on PostgreSQL: the server limits each of its statements to
 * the write idle timeout, and a writer whose connection stays silent for 5 s past that drops it and
 * fails the write as a store outage, instead of waiting on TCP for 11–15 minutes. The cut comes from
 * a proxy that stops passing bytes (nothing reset or closed).
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

beforeAll(async () => {
  proxy = await startCuttableProxy(databaseUrl);
  const common = { schema, poolSize: 1, writeIdleTimeoutMs: IDLE_TIMEOUT_MS };
  cutOff = await openPostgres({ ...common, connectionString: proxy.through(databaseUrl) });
  direct = await openPostgres({ ...common, connectionString: databaseUrl });
});
afterAll(async () => {
  proxy?.heal();
  for (const opened of [cutOff, direct]) await opened?.db.destroy();
  await proxy?.close();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

const showStatementTimeout = sql<{ statement_timeout: string }>`show statement_timeout`;
const statementTimeoutIn = async (run: Promise<{ rows: { statement_timeout: string }[] }>) =>
  (await run).rows[0]!.statement_timeout;

it('limits each statement of a bounded write on the server, and no other', async () => {
  const { db, hooks } = direct;
  const serverDefault = await statementTimeoutIn(showStatementTimeout.execute(db));
  expect(
    await statementTimeoutIn(hooks.writeTransaction(db, (trx) => showStatementTimeout.execute(trx), { bounded: true })),
  ).toBe('1s');
  expect(await statementTimeoutIn(hooks.writeTransaction(db, (trx) => showStatementTimeout.execute(trx)))).toBe(
    serverDefault,
  );
  expect(await statementTimeoutIn(showStatementTimeout.execute(db))).toBe(serverDefault);
});

it('lets the server cancel a slow statement of a bounded write, keeping the connection', async () => {
  const { db, hooks } = direct;
  await expect(
    hooks.writeTransaction(db, (trx) => sql`select pg_sleep(3)`.execute(trx), { bounded: true }),
  ).rejects.toMatchObject({ code: '57014' });
  const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
  const before = await pid();
  // An unbounded write may take its time.
  await hooks.writeTransaction(db, (trx) => sql`select pg_sleep(1.5)`.execute(trx));
  expect(await pid()).toBe(before);
});

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
