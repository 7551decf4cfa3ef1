/**
 * A better-sqlite3 handle as Kysely's SqliteDialect sees it, with prepared statements kept for reuse.
 * Kysely prepares every query afresh, and the process stage sends the same few statements batch
 * after batch (a 200-row upsert is one 6,000-parameter INSERT): SQLite re-parsing and re-planning
 * them cost about a tenth of a batch's store time. Statements are keyed by their SQL text, least
 * recently used first out.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';
import { setMostRecent } from '../recently-used.js';

/** Enough for every statement shape the write path repeats; rarer shapes are simply prepared again. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 64;

export function cachingStatements(
  handle: SqliteDatabase.Database,
  capacity = DEFAULT_STATEMENT_CACHE_SIZE,
): KyselySqliteDatabase {
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`statement cache capacity must be a non-negative integer, got ${capacity}`);
  }
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      handle.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        setMostRecent(cache, sql, cached, capacity);
        // A statement mid-iteration (a streamed read) cannot be run again until it finishes.
        return (cached.busy ? handle.prepare(sql) : cached) as SqliteStatement;
      }
      const statement = handle.prepare(sql);
      setMostRecent(cache, sql, statement, capacity);
      return statement as SqliteStatement;
    },
  };
}
