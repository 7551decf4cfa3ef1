/**
 * Duplicate candidates on SQLite, from band neighbours kept in memory (migration 013 explains why).
 * A handle reads `simhash_journal` from where it stopped at the start of every lookup. Inside a
 * comment write that lookup runs after BEGIN IMMEDIATE and before the transaction writes anything,
 * so it has seen every SimHash committed by any process, and nothing another writer could commit
 * before this transaction does. A journal row names the comment's rowid; the rows of the neighbours
 * are then read by rowid and checked again by their current SimHash, so entries left behind by a
 * deleted or rewritten comment (or a reused rowid) fall out there.
 */
import { type Kysely, sql } from 'kysely';
import { simhashHalves } from '../../domain/dedupe/simhash.js';
import { chunk } from '../chunk.js';
import { RequestedSimhashes, sortByKey } from '../requested-simhashes.js';
import type { Database } from '../schema.js';
import type { DuplicateCandidate } from '../store.js';
import { SimhashBandIndex } from './simhash-band-index.js';

/** Journal rows read per statement while catching up: bounds the objects held at once. */
const JOURNAL_PAGE = 20_000;

/** Rowids per fetch statement, well under SQLite's bound-parameter limit. */
const ROWIDS_PER_STATEMENT = 10_000;

export class JournalDuplicateCandidates {
  #index: SimhashBandIndex | undefined;
  /** Highest journal sequence number read into #index. */
  #readUpTo = 0;

  /** Drops what was read; the next lookup reads the journal from its start. */
  forget(): void {
    this.#index = undefined;
    this.#readUpTo = 0;
  }

  /** As Store.findDuplicateCandidates. */
  async find(
    db: Kysely<Database>,
    simhashes: readonly string[],
    maxHammingDistance?: number,
  ): Promise<DuplicateCandidate[]> {
    const requested = new RequestedSimhashes(simhashes);
    if (requested.texts.length === 0) return [];
    const index = await this.#caughtUp(db);
    const rowIds = new Set<number>();
    for (const hash of requested.hashes) index.forEachNeighbour(hash, maxHammingDistance, (rowId) => rowIds.add(rowId));
    const found: DuplicateCandidate[] = [];
    for (const part of chunk([...rowIds], ROWIDS_PER_STATEMENT)) {
      const rows = await db
        .selectFrom('comments')
        .select(['source', 'external_id', 'content_hash', 'simhash', 'duplicate_of'])
        .where(sql<number>`rowid`, 'in', part)
        .execute();
      for (const r of rows) {
        if (!requested.accepts(simhashHalves(r.simhash), maxHammingDistance)) continue;
        found.push({
          key: `${r.source}:${r.external_id}`,
          contentHash: r.content_hash,
          simhash: r.simhash,
          duplicateOf: r.duplicate_of,
        });
      }
    }
    return sortByKey(found);
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
   * read into; the index is started afresh only by forget() or a journal lower than what was read.
   */
  async #caughtUp(db: Kysely<Database>): Promise<SimhashBandIndex> {
    const known = this.#index;
    const readBefore = this.#readUpTo;
    // AUTOINCREMENT's high-water mark: every journal row has a sequence number at or below it.
    const mark = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'simhash_journal'`.execute(db);
    const last = mark.rows[0]?.seq ?? 0;
    // Below what this handle had read means a different journal (a store file replaced or restored).
    if (this.#index === undefined || (this.#index === known && last < readBefore)) {
      this.#index = new SimhashBandIndex();
      this.#readUpTo = 0;
    }
    const index = this.#index;
    while (this.#index === index && this.#readUpTo < last) {
      const rows = await db
        .selectFrom('simhash_journal')
        .select(['seq', 'comment_rowid', 'simhash'])
        .where('seq', '>', this.#readUpTo)
        .where('seq', '<=', last)
        .orderBy('seq')
        .limit(JOURNAL_PAGE)
        .execute();
      for (const row of rows) index.add(row.comment_rowid, simhashHalves(row.simhash));
      const upTo = rows.length < JOURNAL_PAGE ? last : rows[rows.length - 1]!.seq;
      if (this.#index === index && upTo > this.#readUpTo) this.#readUpTo = upTo;
    }
    // Forgotten while reading: what was read went into an index no longer kept, so read again.
    return this.#index === index ? index : this.#caughtUp(db);
  }
}
