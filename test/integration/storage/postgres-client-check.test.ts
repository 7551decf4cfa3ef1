/**
 * A worker whose connection closes in the middle of a long statement (the process killed, its socket
 * closed by the kernel) while it holds the comment write lock: with the client check the server ends
 * that session within the interval, so the next writer gets the lock instead of waiting until the
 * statement ends. The close comes from a proxy that drops every connection it carries.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../src/storage/dialect-hooks.js';
import { commentWriteLockKey } from '../../../src/storage/postgres/advisory-lock-keys.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import { settleEverySession } from '../../../src/storage/postgres/session-settings.js';
import type { Database } from '../../../src/storage/schema.js';
import { type CuttableProxy, startCuttableProxy } from '../../support/cuttable-proxy.js';

const run = promisify(execFile);
const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `client_check_${randomBytes(4).toString('hex')}`;
const CHECK_MS = 1000;
/** Longer than any wait below: a session still there after it was not ended by the check. */
const LONG_STATEMENT_S = 30;
/** The sessions running that statement, as pg_stat_activity shows them to the admin connection. */
const LONG_STATEMENT_SESSIONS = `query like '%pg_sleep(${LONG_STATEMENT_S})%' and pid <> pg_backend_pid()`;

let admin: pg.Client;
const opened: OpenedDatabase[] = [];
const proxies: CuttableProxy[] = [];

async function open(clientCheckMs: number, through?: CuttableProxy): Promise<OpenedDatabase> {
  const connectionString = through ? through.through(databaseUrl) : databaseUrl;
  const handle = await openPostgres({ connectionString, schema, poolSize: 1, clientCheckMs });
  opened.push(handle);
  return handle;
}

/** client_connection_check_interval came with PostgreSQL 14: the cases that need it skip on older servers. */
let hasClientCheck = false;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const { rows } = await admin.query<{ version: string }>(`select current_setting('server_version_num') as version`);
  hasClientCheck = Number(rows[0]!.version) >= 140_000;
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  for (const handle of opened) await handle.db.destroy();
  // A control case's statement may still be running: end it rather than wait for it.
  await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where ${LONG_STATEMENT_SESSIONS}`);
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

const settingsOf = async (db: Kysely<Database>) => {
  const { rows } = await sql<Record<string, string>>`
    select current_setting('client_connection_check_interval') as check_interval,
           current_setting('tcp_keepalives_idle') as idle,
           current_setting('tcp_keepalives_interval') as interval,
           current_setting('tcp_keepalives_count') as count,
           current_setting('tcp_user_timeout') as user_timeout`.execute(db);
  return rows[0];
};

it('sets the client check and the TCP keepalive for every session, and leaves the server its own when 0', async (context) => {
  if (!hasClientCheck) context.skip();
  const checked = await open(2000);
  expect(await settingsOf(checked.db)).toEqual({
    check_interval: '2s',
    // The TCP settings read back without their unit: seconds, and milliseconds for the user timeout.
    idle: '2',
    interval: '2',
    count: '3',
    user_timeout: '8000',
  });
  // The same connection (a pool of one) keeps them after a transaction.
  await checked.hooks.writeTransaction(checked.db, (trx) => checked.hooks.lockCommentWrites(trx));
  expect((await settingsOf(checked.db))?.['check_interval']).toBe('2s');

  const serverOwn = await admin.query<Record<string, string>>(
    `select current_setting('client_connection_check_interval') as check_interval, current_setting('tcp_user_timeout') as user_timeout`,
  );
  const unchecked = await open(0);
  expect(await settingsOf(unchecked.db)).toMatchObject(serverOwn.rows[0]!);
});

it('leaves out a setting the server lacks or refuses, said once, and applies the rest to every connection', async () => {
  const warned: unknown[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warned.push(JSON.parse(line)) });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  try {
    const first = await pool.connect();
    await settleEverySession(
      pool,
      first,
      [
        ['carevoice_no_such_setting', '1'],
        ['tcp_keepalives_count', '-1'],
        ['statement_timeout', '4321'],
      ],
      logger,
    );
    const [second, third] = await Promise.all([pool.connect(), pool.connect()]);
    for (const client of [first, second!, third!]) {
      expect((await client.query('show statement_timeout')).rows[0]).toEqual({ statement_timeout: '4321ms' });
      client.release();
    }
  } finally {
    await pool.end();
  }
  expect(warned).toEqual([
    expect.objectContaining({ setting: 'carevoice_no_such_setting', msg: expect.stringContaining('has no') }),
    expect.objectContaining({ setting: 'tcp_keepalives_count', msg: expect.stringContaining('refused') }),
  ]);
});

it('queues one statement of settings per new connection, so no query waits behind another of ours', async () => {
  // pg says so once per process, hence a process of its own: a store opened, then queried at once
  // on several new connections, the API's statement limit and the client check both set.
  const script = `
    import { sql } from 'kysely';
    import { openPostgres } from './src/storage/postgres/open-postgres.ts';
    const { db } = await openPostgres({ connectionString: ${JSON.stringify(databaseUrl)}, statementTimeoutMs: 5000 });
    await Promise.all([1, 2, 3, 4].map(() => sql\`select pg_sleep(0.05)\`.execute(db)));
    await db.destroy();
  `;
  const { stderr } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  expect(stderr).not.toContain('DeprecationWarning');
});

it.each([1, 999, 32_767_001, 1.5, -1])('refuses a client check interval of %s ms', async (ms) => {
  await expect(openPostgres({ connectionString: databaseUrl, schema, clientCheckMs: ms })).rejects.toThrow(
    `client check interval must be 0, or a whole number of milliseconds from 1000 to 32767000, got ${ms}`,
  );
});

/**
 * Takes the comment write lock through a proxy, starts a long statement, and closes the connection
 * once the server is running it. The transaction's own failure is left to the caller.
 */
async function closedMidStatement(clientCheckMs: number): Promise<{ stranded: Promise<unknown>; closedAt: number }> {
  const proxy = await startCuttableProxy(databaseUrl);
  proxies.push(proxy);
  const writer = await open(clientCheckMs, proxy);
  const stranded = writer.hooks.writeTransaction(writer.db, async (trx) => {
    await writer.hooks.lockCommentWrites(trx);
    await sql`select pg_sleep(${sql.raw(String(LONG_STATEMENT_S))})`.execute(trx);
  });
  stranded.catch(() => undefined);
  for (;;) {
    const { rows } = await admin.query(
      `select 1 from pg_stat_activity where state = 'active' and ${LONG_STATEMENT_SESSIONS}`,
    );
    if (rows.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  proxy.cut('reset');
  const closedAt = performance.now();
  // Wrapped: an async function returning the promise itself would wait for it.
  return { stranded, closedAt };
}

it('ends the session of a writer whose connection closed mid-statement, so the next writer takes the lock within the interval', async (context) => {
  if (!hasClientCheck) context.skip();
  const other = await open(CHECK_MS);
  const { stranded, closedAt } = await closedMidStatement(CHECK_MS);
  // Its own process hears of the close at once: the transaction fails, and its job would be retried.
  await expect(stranded).rejects.toThrow();
  await other.hooks.writeTransaction(other.db, (trx) => other.hooks.lockCommentWrites(trx));
  expect(performance.now() - closedAt).toBeLessThan(CHECK_MS + 2000);
});

it('without the check, the closed writer keeps the lock while its statement runs', async (context) => {
  if (!hasClientCheck) context.skip();
  // The server's own setting, which 0 leaves in place, must not check either.
  expect((await admin.query('show client_connection_check_interval')).rows[0]).toEqual({
    client_connection_check_interval: '0',
  });
  const { stranded } = await closedMidStatement(0);
  await expect(stranded).rejects.toThrow();
  await new Promise((resolve) => setTimeout(resolve, CHECK_MS + 2000));
  const { rows } = await admin.query<{ taken: boolean }>('select pg_try_advisory_lock($1::bigint) as taken', [
    commentWriteLockKey(schema),
  ]);
  expect(rows[0]?.taken).toBe(false);
});
