/**
 * A writer cut off from PostgreSQL mid-transaction while it holds the comment write lock, the network
 * silent rather than reset (packets lost, a host gone): the server ends the idle session after the
 * write idle timeout, so the next writer gets the lock instead of waiting until the server's TCP
 * keepalive notices, hours later. The cut comes from a proxy that stops passing bytes.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../src/storage/dialect-hooks.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import { type CuttableProxy, startCuttableProxy } from '../../support/cuttable-proxy.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `write_idle_${randomBytes(4).toString('hex')}`;
const IDLE_TIMEOUT_MS = 1000;

let proxy: CuttableProxy;
/** Reaches the server through the proxy; one connection, so every transaction shares it. */
let cutOff: OpenedDatabase;
let other: OpenedDatabase;
let unlimited: OpenedDatabase;

beforeAll(async () => {
  proxy = await startCuttableProxy(databaseUrl);
  const common = { schema, poolSize: 1, writeIdleTimeoutMs: IDLE_TIMEOUT_MS };
  cutOff = await openPostgres({ ...common, connectionString: proxy.through(databaseUrl) });
  other = await openPostgres({ ...common, connectionString: databaseUrl });
  unlimited = await openPostgres({ ...common, connectionString: databaseUrl, writeIdleTimeoutMs: 0 });
});
afterAll(async () => {
  proxy?.heal();
  for (const opened of [cutOff, other, unlimited]) await opened?.db.destroy();
  await proxy?.close();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

const show = sql<{ idle_in_transaction_session_timeout: string }>`show idle_in_transaction_session_timeout`;
const settingIn = async (run: Promise<{ rows: { idle_in_transaction_session_timeout: string }[] }>) =>
  (await run).rows[0]!.idle_in_transaction_session_timeout;

it('limits idle time in write transactions and wherever the comment write lock is taken, and leaves the server its own setting when 0', async () => {
  const serverDefault = await settingIn(show.execute(other.db));
  expect(await settingIn(other.hooks.writeTransaction(other.db, (trx) => show.execute(trx)))).toBe('1s');
  // A migration takes the write lock in Kysely's own transaction, not through writeTransaction.
  const locked = other.db.transaction().execute(async (trx) => {
    await other.hooks.lockCommentWrites(trx);
    return show.execute(trx);
  });
  expect(await settingIn(locked)).toBe('1s');
  // Set for the transaction alone: the same connection (a pool of one) is back to the server's setting after it.
  expect(await settingIn(show.execute(other.db))).toBe(serverDefault);
  expect(await settingIn(unlimited.hooks.writeTransaction(unlimited.db, (trx) => show.execute(trx)))).toBe(
    serverDefault,
  );
});

it.each([1, 999, 86_400_001, 1.5, -1])('refuses a write idle timeout of %s ms', async (ms) => {
  await expect(openPostgres({ connectionString: databaseUrl, schema, writeIdleTimeoutMs: ms })).rejects.toThrow(
    `write idle timeout must be 0, or a whole number of milliseconds from 1000 to 86400000, got ${ms}`,
  );
});

it('ends the session of a writer cut off while holding the comment write lock, so the next writer goes on', async () => {
  let lockHeld!: () => void;
  const held = new Promise<void>((resolve) => {
    lockHeld = resolve;
  });
  const stranded = cutOff.hooks.writeTransaction(cutOff.db, async (trx) => {
    await cutOff.hooks.lockCommentWrites(trx);
    proxy.cut('silent');
    lockHeld();
    // Never reaches the server while the cut lasts: the transaction sits idle there, holding the lock.
    await sql`select 1`.execute(trx);
  });
  stranded.catch(() => undefined);
  await held;

  const started = performance.now();
  await other.hooks.writeTransaction(other.db, (trx) => other.hooks.lockCommentWrites(trx));
  const waited = performance.now() - started;
  // It did wait on the cut-off writer's lock, and only until the server ended that session.
  expect(waited).toBeGreaterThan(IDLE_TIMEOUT_MS * 0.8);
  expect(waited).toBeLessThan(IDLE_TIMEOUT_MS + 5000);

  // Once heard from again, the cut-off writer's transaction fails with the server's reason (its job
  // would be retried), and its pool goes on with a fresh connection.
  proxy.heal();
  await expect(stranded).rejects.toMatchObject({ code: '25P03' });
  await cutOff.hooks.writeTransaction(cutOff.db, (trx) => cutOff.hooks.lockCommentWrites(trx));
});
