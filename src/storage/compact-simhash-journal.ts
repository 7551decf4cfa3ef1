/**
 * Drops the SimHash journal rows (migrations 013 and 014) that name no comment as it is now: rows of deleted
 * comments and rows of SimHashes a comment has since been rewritten from. What is left names the
 * comments stored, each by its current SimHash (twice where a comment came back to an earlier one),
 * so the journal, and the band neighbours a new handle builds from it, follow the comments stored
 * rather than every SimHash ever written. Neither SQLite's AUTOINCREMENT nor PostgreSQL's identity
 * hands a dropped sequence number out again, and a handle that read a dropped row only loses a
 * candidate its check by current SimHash would have rejected.
 */
import { type Kysely, sql } from 'kysely';
import type { DialectHooks } from './dialect-hooks.js';
import type { Database } from './schema.js';

/**
 * Journal rows looked at per write transaction: each row is one primary-key lookup in `comments`,
 * so a chunk is a short transaction (on SQLite, the write lock held for a fraction of a second),
 * not one for the whole journal.
 */
const ROWS_PER_TRANSACTION = 100_000;

/**
 * Drops the stale rows, a range of sequence numbers per transaction; returns the rows dropped. The
 * newest row stays, whatever it names: on PostgreSQL the journal's high-water mark is its highest
 * number, and a mark fallen below what a handle has read makes the handle read the whole journal
 * again, perhaps while it holds the write lock.
 */
export async function compactSimhashJournal(
  db: Kysely<Database>,
  writeTransaction: DialectHooks['writeTransaction'],
): Promise<number> {
  const { rows } = await sql<{ last: number | string | null }>`select max(seq) as last from simhash_journal`.execute(
    db,
  );
  const last = Number(rows[0]?.last ?? 0);
  let dropped = 0;
  for (let after = 0; after < last; after += ROWS_PER_TRANSACTION) {
    dropped += await writeTransaction(db, async (trx) => {
      const result = await sql`
        delete from simhash_journal
        where seq > ${after} and seq <= ${Math.min(after + ROWS_PER_TRANSACTION, last - 1)}
          and not exists (
            select 1 from comments c
            where c.source = simhash_journal.source and c.external_id = simhash_journal.external_id
              and c.simhash = simhash_journal.simhash
          )`.execute(trx);
      return Number(result.numAffectedRows ?? 0n);
    });
  }
  return dropped;
}
