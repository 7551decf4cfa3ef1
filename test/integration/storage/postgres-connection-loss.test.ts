/**
 * A PostgreSQL connection that breaks while checked out (the server restarted, the network failed),
 * between two queries of a transaction or during one: the transaction fails, the process lives on,
 * and the pool serves the next write on a fresh connection. The break comes from a proxy that closes
 * every connection it carries.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import type { Database } from '../../../src/storage/schema.js';
import { type CuttableProxy, startCuttableProxy } from '../../support/cuttable-proxy.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `connection_loss_${randomBytes(4).toString('hex')}`;

let proxy: CuttableProxy;
let db: Kysely<Database>;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  proxy = await startCuttableProxy(databaseUrl);
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  ({ db } = await openPostgres({ connectionString: proxy.through(databaseUrl), schema, poolSize: 2, logger }));
  await sql`create table items (id integer primary key)`.execute(db);
});
afterAll(async () => {
  await db?.destroy();
  await proxy?.close();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

it('fails the transaction whose connection broke between queries, and writes again once the server is back', async () => {
  const items = sql.table('items');
  const transaction = db.transaction().execute(async (trx) => {
    await sql`insert into ${items} (id) values (1)`.execute(trx);
    // The break arrives as an 'error' event on the checked-out client, which must not go unheard.
    proxy.cut('reset');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sql`insert into ${items} (id) values (2)`.execute(trx);
  });
  await expect(transaction).rejects.toThrow();
  expect(logged.map((line) => line['msg'])).toContain('PostgreSQL connection lost while in use');

  proxy.heal();
  await sql`insert into ${items} (id) values (3)`.execute(db);
  const rows = await sql<{ id: number }>`select id from ${items} order by id`.execute(db);
  // The broken transaction left nothing behind.
  expect(rows.rows.map((row) => row.id)).toEqual([3]);
});

it('fails a query whose connection breaks while it runs, and runs the next on a fresh connection', async () => {
  logged.length = 0;
  const running = sql`select pg_sleep(1)`.execute(db);
  await new Promise((resolve) => setTimeout(resolve, 200));
  proxy.cut('reset');
  await expect(running).rejects.toThrow();
  expect(logged.map((line) => line['msg'])).toContain('PostgreSQL connection lost while in use');
  proxy.heal();
  const answer = await sql<{ one: number }>`select 1 as one`.execute(db);
  expect(answer.rows).toEqual([{ one: 1 }]);
});
