/**
 * A PostgreSQL write transaction whose idle time is limited from its first statement
 * (write-idle-timeout.ts), and which fails with the error that failed it.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';

export async function transactionLimitingIdle<T>(
  db: Kysely<Database>,
  idleTimeout: RawBuilder<string> | undefined,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  let failure: { error: unknown } | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      if (idleTimeout !== undefined) await sql`select ${idleTimeout}`.execute(trx);
      try {
        return await fn(trx);
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
  } catch (error) {
    // When the rollback fails too (the connection is gone), Kysely throws the rollback's error
    // ("Connection terminated unexpectedly"), which would hide why the transaction failed: the
    // server ending a session left idle too long, a constraint, a lost lock.
    throw failure !== undefined ? failure.error : error;
  }
}
