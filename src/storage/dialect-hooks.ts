/**
 * The few places where SQLite and PostgreSQL differ; everything else in KyselyStore is one code path.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { DuplicateCandidate } from './store.js';

export interface DialectHooks {
  readonly dialect: 'sqlite' | 'postgres';
  /** Most bound parameters one statement may carry (SQLite 32 766, PostgreSQL 65 535). */
  readonly maxBindParameters: number;
  /** Runs `fn` in one transaction that is allowed to write; rolled back if `fn` throws. */
  writeTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Called first in every transaction that writes comments: serialises comment writers, so what one
   * reads before writing (forgotten keys, duplicate candidates) cannot change under it.
   */
  lockCommentWrites(trx: Kysely<Database>): Promise<void>;
  /**
   * As Store.findDuplicateCandidates: PostgreSQL through its SimHash band indexes, SQLite through
   * band neighbours it keeps in memory (migration 013).
   */
  findDuplicateCandidates(
    db: Kysely<Database>,
    simhashes: readonly string[],
    maxHammingDistance?: number,
  ): Promise<DuplicateCandidate[]>;
  /**
   * Called before a comment write that will look up duplicates, outside its transaction and so
   * without the write lock, with the SimHashes the write may ask about. Whatever can be read ahead
   * is read here (SQLite catches up on the SimHash journal; PostgreSQL reads the band neighbours
   * through its indexes), and the returned lookup, used inside the transaction, reads only what was
   * committed since.
   */
  prepareDuplicateLookup(db: Kysely<Database>, simhashes: readonly string[]): Promise<PreparedDuplicateLookup>;
  /** Whether an error is another writer holding a lock (worth retrying the whole transaction). */
  isLockContention(error: unknown): boolean;
  /**
   * Called once a comment upsert has committed, outside its transaction, for upkeep a bulk load
   * needs. Never rejects: the write has succeeded whatever it does. Absent where there is none.
   */
  afterCommentUpsert?(db: Kysely<Database>): Promise<void>;
  /** Schema for Kysely's migration bookkeeping tables; undefined means the connection's default. */
  readonly migrationTableSchema?: string | undefined;
}

/** A duplicate-candidate lookup prepared ahead of one comment write (DialectHooks.prepareDuplicateLookup). */
export interface PreparedDuplicateLookup {
  /** As Store.findDuplicateCandidates, inside the write transaction `trx`. */
  find(trx: Kysely<Database>, simhashes: readonly string[], maxHammingDistance?: number): Promise<DuplicateCandidate[]>;
}

/** An open database and the hooks its dialect needs. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  hooks: DialectHooks;
}
