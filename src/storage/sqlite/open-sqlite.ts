/**
 * Opens the embedded SQLite store file. WAL lets readers (API) run beside the writer (workers).
 * synchronous=FULL syncs the WAL at every commit, so a committed batch survives a crash of the
 * host, not only of the process: Redis marks the batch's job done once the commit returns, and a
 * batch lost after that would never be written again. It cost 2% of the store work in
 * `bench/compare-store-writes.ts` against NORMAL (docs/RELIABILITY.md).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { compactSimhashJournal } from '../compact-simhash-journal.js';
import type { DialectHooks, OpenedDatabase } from '../dialect-hooks.js';
import { StoreUnavailableError } from '../errors/store-unavailable-error.js';
import { JournalDuplicateCandidates } from '../journal-duplicate-candidates.js';
import type { Database } from '../schema.js';
import { cachingStatements } from './statement-cache.js';

export interface OpenSqliteOptions {
  /** Database file; its folder is created when missing. `:memory:` gives a private in-memory store. */
  path: string;
  /** How long a writer waits for another writer's lock before failing, in ms. @defaultValue 5000 */
  busyTimeoutMs?: number;
  /**
   * WAL pages written before a commit copies them into the database file (a checkpoint, with two
   * fsyncs). Each upsert batch dirties index pages all over the file, so SQLite's 1000 checkpoints
   * after nearly every batch; 10 000 (~40 MB of WAL) lets a page rewritten by many batches be copied once.
   * @defaultValue 10000
   */
  walAutocheckpointPages?: number;
}

/** SQLite's limit in the bundled build (SQLITE_MAX_VARIABLE_NUMBER). */
const SQLITE_MAX_BIND_PARAMETERS = 32_766;

const isBusy = (error: unknown): boolean => /^SQLITE_BUSY/.test(String((error as { code?: unknown })?.code ?? ''));

/** AUTOINCREMENT's high-water mark: every journal row has a sequence number at or below it, committed or not. */
async function journalHighWaterMark(db: Kysely<Database>): Promise<number> {
  const mark = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'simhash_journal'`.execute(db);
  return mark.rows[0]?.seq ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the write lock with BEGIN IMMEDIATE, waiting for it on the event loop. SQLite's own
 * busy_timeout would block the thread instead (better-sqlite3 is synchronous), so a second handle in
 * the same process could never release the lock it waits for. Taking the lock up front also avoids
 * the SQLITE_BUSY a deferred read-then-write transaction gets when another writer commits in between.
 */
async function beginImmediate(conn: Kysely<Database>, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      await sql`begin immediate`.execute(conn);
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) {
        if (isBusy(error)) {
          throw new StoreUnavailableError(`SQLite store stayed locked by another writer for ${busyTimeoutMs} ms`, {
            cause: error,
          });
        }
        throw error;
      }
      await sleep(delay + Math.random() * delay);
    }
  }
}

/**
 * No afterCommentUpsert: SQLite needs no planner statistics for the comment writes, and its
 * duplicate lookup reads no index (band neighbours are kept in memory, `candidates`). A write
 * transaction that rolls back rewinds the handle's reading of the journal to where it began: a
 * lookup inside it may have read journal rows of its own that no longer exist, under sequence
 * numbers another writer will reuse.
 */
export function sqliteHooks(busyTimeoutMs: number): DialectHooks {
  const candidates = new JournalDuplicateCandidates(journalHighWaterMark);
  const writeTransaction: DialectHooks['writeTransaction'] = (db, fn) =>
    db.connection().execute(async (conn) => {
      await beginImmediate(conn, busyTimeoutMs);
      try {
        return await candidates.rewindingOnFailure(async () => {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        });
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  return {
    dialect: 'sqlite',
    maxBindParameters: SQLITE_MAX_BIND_PARAMETERS,
    isLockContention: isBusy,
    // BEGIN IMMEDIATE already gives every write transaction the database's single write lock.
    lockCommentWrites: async () => undefined,
    findDuplicateCandidates: (db, simhashes, maxHammingDistance) => candidates.find(db, simhashes, maxHammingDistance),
    warmDuplicateLookup: (db) => candidates.warm(db),
    compactDuplicateLookup: (db) => compactSimhashJournal(db, writeTransaction),
    writeTransaction,
  };
}

export function openSqlite(options: OpenSqliteOptions): OpenedDatabase {
  const { path, busyTimeoutMs = 5000, walAutocheckpointPages = 10_000 } = options;
  if (!Number.isInteger(walAutocheckpointPages) || walAutocheckpointPages < 1) {
    throw new RangeError(`walAutocheckpointPages must be a positive integer, got ${walAutocheckpointPages}`);
  }
  let handle: SqliteDatabase.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    handle = new SqliteDatabase(path);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = FULL');
    handle.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
    // Zero: waits for the write lock happen in writeTransaction, on the event loop (see beginImmediate).
    handle.pragma('busy_timeout = 0');
    handle.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StoreUnavailableError(`cannot open SQLite store at ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(handle) }) });
  return { db, hooks: sqliteHooks(Math.max(0, busyTimeoutMs)) };
}
