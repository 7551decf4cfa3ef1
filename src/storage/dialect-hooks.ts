/**
 * The few places where SQLite and PostgreSQL differ; everything else in KyselyStore is one code path.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { DuplicateCandidate } from './store.js';

export interface WriteTransactionOptions {
  /**
   * The transaction takes the comment write lock first (lockCommentWrites), and every statement
   * after it is short (a batch's upsert, not a purge of the whole store), so its waits may be
   * bounded: on PostgreSQL each wait for a lock is limited to the write idle limit
   * (`lock_timeout`, the transaction run again when it runs out), the lock statement limits each
   * later statement to it too (`statement_timeout`), and a connection that has not answered a
   * statement 5 s past that is dropped, failing the transaction with StoreUnavailableError
   * (postgres/bounded-write.ts). A slow statement before the lock would be taken for a silent
   * connection. SQLite has no network to wait on. @defaultValue false
   */
  bounded?: boolean;
}

export interface DialectHooks {
  readonly dialect: 'sqlite' | 'postgres';
  /** Most bound parameters one statement may carry (SQLite 32 766, PostgreSQL 65 535). */
  readonly maxBindParameters: number;
  /** Runs `fn` in one transaction that is allowed to write; rolled back if `fn` throws. */
  writeTransaction<T>(
    db: Kysely<Database>,
    fn: (trx: Kysely<Database>) => Promise<T>,
    options?: WriteTransactionOptions,
  ): Promise<T>;
  /**
   * Called first in every transaction that writes comments: serialises comment writers, so what one
   * reads before writing (forgotten keys, duplicate candidates) cannot change under it.
   */
  lockCommentWrites(trx: Kysely<Database>): Promise<void>;
  /**
   * As Store.findDuplicateCandidates, through band neighbours kept in memory from the SimHash journal
   * (migrations 013 and 014; src/storage/journal-duplicate-candidates.ts).
   */
  findDuplicateCandidates(
    db: Kysely<Database>,
    simhashes: readonly string[],
    maxHammingDistance?: number,
  ): Promise<DuplicateCandidate[]>;
  /**
   * Called before a comment write that will look up duplicates, outside its transaction, so that
   * reading what the SimHash journal gained since does not happen while holding the write lock.
   */
  warmDuplicateLookup(db: Kysely<Database>): Promise<void>;
  /**
   * Drops the SimHash journal's rows for comments that are gone or were rewritten; returns how many
   * it dropped.
   */
  compactDuplicateLookup(db: Kysely<Database>): Promise<number>;
  /** Whether an error is another writer holding a lock (worth retrying the whole transaction). */
  isLockContention(error: unknown): boolean;
  /**
   * Called once a comment upsert has committed, outside its transaction, for upkeep a bulk load
   * needs. Never rejects: the write has succeeded whatever it does. Absent where there is none.
   */
  afterCommentUpsert?(db: Kysely<Database>): Promise<void>;
  /**
   * Runs `work` with a connection that has not answered one of its statements within `ms` dropped
   * (postgres/answer-deadline.ts), for statements that answer at once, such as a probe's
   * `select 1`. Absent where there is no network to wait on.
   */
  answeringWithin?<T>(ms: number, work: () => Promise<T>): Promise<T>;
  /** Schema for Kysely's migration bookkeeping tables; undefined means the connection's default. */
  readonly migrationTableSchema?: string | undefined;
}

/** An open database and the hooks its dialect needs. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  hooks: DialectHooks;
}
