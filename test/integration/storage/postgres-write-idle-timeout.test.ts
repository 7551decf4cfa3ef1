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

const idleTimeoutSetting = async ({ db, hooks }: OpenedDatabase, inWriteTransaction: boolean): Promise<string> => {
  const show = sql<{ idle_in_transaction_session_timeout: string }>`show idle_in_transaction_session_timeout`;
  const { rows } = inWriteTransaction
    ? await hooks.writeTransaction(db, (trx) => show.execute(trx))
    : await show.execute(db);
  return rows[0]!.idle_in_transaction_session_timeout;
};

it('limits idle time in write transactions only, and leaves the server its own setting when 0', async () => {
  expect(await idleTimeoutSetting(other, true)).toBe('1s');
  // Set for the transaction alone: the same connection (a pool of one) is back to the server's default after it.
  expect(await idleTimeoutSetting(other, false)).toBe('0');
  expect(await idleTimeoutSetting(unlimited, true)).toBe('0');
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

  // Once heard from again, the cut-off writer's transaction fails (its job would be retried), and its
  // pool goes on with a fresh connection. Whether the server's goodbye gets through before the proxy
  // closes the pair is a matter of timing.
  proxy.heal();
  await expect(stranded).rejects.toThrow(/idle-in-transaction timeout|Connection terminated unexpectedly/);
  await cutOff.hooks.writeTransaction(cutOff.db, (trx) => cutOff.hooks.lockCommentWrites(trx));
});
