/**
 * Duplicate candidates from band neighbours kept in memory (migrations 013 and 014 explain why).
 * A handle reads `simhash_journal` from where it stopped before a comment write takes the write lock,
 * then again at the start of the lookup inside it: that lookup runs after the lock is taken (SQLite's
 * BEGIN IMMEDIATE, PostgreSQL's advisory lock) and before the transaction writes anything, so it has
 * seen every SimHash committed by any process, and no other writer can commit before this
 * transaction does. The index holds journal sequence numbers; the comments they name are then read
 * by key through the journal and checked again by their current SimHash, so an entry left behind by
 * a deleted or rewritten comment falls out there.
 *
 * Reading up to a high-water mark is only safe if no journal row below the mark can still commit
 * after it is read. SQLite has one writer at a time; on PostgreSQL every transaction that adds journal
 * rows holds the comment write lock from before it numbers them until it commits (migration 014).
 */
import type { Kysely } from 'kysely';
import { simhashHalves } from '../domain/dedupe/simhash.js';
import { chunk } from './chunk.js';
import { candidateOf, RequestedSimhashes, sortByKey } from './requested-simhashes.js';
import type { Database } from './schema.js';
import { SimhashBandIndex } from './simhash-band-index.js';
import type { DuplicateCandidate } from './store.js';

/** Journal rows read per statement while catching up: bounds the objects held at once. */
const JOURNAL_PAGE = 20_000;

/** Sequence numbers per fetch statement, well under either database's bound-parameter limit. */
const SEQS_PER_STATEMENT = 10_000;

/**
 * A sequence number every committed journal row has at or below it, read in `db`'s transaction if
 * it is one. It may fall back only when the journal is started afresh or its newest rows are deleted.
 */
export type JournalHighWaterMark = (db: Kysely<Database>) => Promise<number>;

export class JournalDuplicateCandidates {
  readonly #highWaterMark: JournalHighWaterMark;
  #index: SimhashBandIndex | undefined;
  /** Every journal row with a sequence number up to this one is in #index. */
  #readUpTo = 0;

  constructor(highWaterMark: JournalHighWaterMark) {
    this.#highWaterMark = highWaterMark;
  }

  /**
   * Runs a write transaction (`transaction` begins after the write lock is taken and ends with its
   * commit). If it fails, a lookup inside it may have read the transaction's own journal rows, whose
   * sequence numbers the rollback may give back for another writer to reuse (SQLite does): reading
   * goes back to where the transaction began. Entries already added from those rows only go stale,
   * which the check by current SimHash allows for; an index first built inside the transaction is
   * dropped instead.
   */
  async rewindingOnFailure<T>(transaction: () => Promise<T>): Promise<T> {
    const index = this.#index;
    const readUpTo = this.#readUpTo;
    try {
      return await transaction();
    } catch (error) {
      if (this.#index === index) {
        this.#readUpTo = Math.min(this.#readUpTo, readUpTo);
      } else {
        this.#index = undefined;
        this.#readUpTo = 0;
      }
      throw error;
    }
  }

  /** As Store.findDuplicateCandidates. */
  async find(
    db: Kysely<Database>,
    simhashes: readonly string[],
    maxHammingDistance?: number,
  ): Promise<DuplicateCandidate[]> {
    const requested = new RequestedSimhashes(simhashes);
    if (requested.hashes.length === 0) return [];
    const index = await this.#caughtUp(db);
    const seqs = new Set<number>();
    for (const hash of requested.hashes) index.forEachNeighbour(hash, maxHammingDistance, (seq) => seqs.add(seq));
    const found = new Map<string, DuplicateCandidate>();
    for (const part of chunk([...seqs], SEQS_PER_STATEMENT)) {
      const rows = await db
        .selectFrom('simhash_journal as j')
        .innerJoin('comments as c', (join) =>
          join.onRef('c.source', '=', 'j.source').onRef('c.external_id', '=', 'j.external_id'),
        )
        .select(['c.source', 'c.external_id', 'c.content_hash', 'c.simhash', 'c.duplicate_of'])
        .where('j.seq', 'in', part)
        .execute();
      for (const r of rows) {
        if (!requested.accepts(simhashHalves(r.simhash), maxHammingDistance)) continue;
        // A rewritten comment is named by several journal rows.
        const candidate = candidateOf(r);
        found.set(candidate.key, candidate);
      }
    }
    return sortByKey([...found.values()]);
  }

  /**
   * Reads what was committed to the journal since the last call, outside any transaction: a handle
   * starting on a large store reads it all here (about 2 s a million rows), not while it holds the
   * write lock that every other writer is waiting for.
   */
  async warm(db: Kysely<Database>): Promise<void> {
    await this.#caughtUp(db);
  }

  /**
   * The index with every journal row up to the journal's high-water mark as read at the start. Calls
   * may overlap within a process (a worker's concurrent jobs warm up outside transactions while
   * another job looks up inside one), so progress is only ever raised, and only on the index it was
   * read into; the index is started afresh only when dropped or when the journal is lower than what
   * was read (a store file replaced under the handle, or the newest rows compacted away).
   */
  async #caughtUp(db: Kysely<Database>): Promise<SimhashBandIndex> {
    const known = this.#index;
    const readBefore = this.#readUpTo;
    const last = await this.#highWaterMark(db);
    if (this.#index === undefined || (this.#index === known && last < readBefore)) {
      this.#index = new SimhashBandIndex();
      this.#readUpTo = 0;
    }
    const index = this.#index;
    while (this.#index === index && this.#readUpTo < last) {
      const rows = await db
        .selectFrom('simhash_journal')
        .select(['seq', 'simhash'])
        .where('seq', '>', this.#readUpTo)
        .where('seq', '<=', last)
        .orderBy('seq')
        .limit(JOURNAL_PAGE)
        .execute();
      // Another call may have read some of these while this page waited for the connection.
      const from = this.#index === index ? this.#readUpTo : Number.POSITIVE_INFINITY;
      // PostgreSQL's driver gives 64-bit integers as strings.
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq > from) index.add(seq, simhashHalves(row.simhash));
      }
      const upTo = rows.length < JOURNAL_PAGE ? last : Number(rows[rows.length - 1]!.seq);
      if (this.#index === index && upTo > this.#readUpTo) this.#readUpTo = upTo;
    }
    // Dropped while reading: what was read went into an index no longer kept, so read again.
    return this.#index === index ? index : this.#caughtUp(db);
  }
}
