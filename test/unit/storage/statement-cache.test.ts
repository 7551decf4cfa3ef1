import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingStatements } from '../../../src/storage/sqlite/statement-cache.js';

describe('cachingStatements', () => {
  let handle: SqliteDatabase.Database;
  beforeEach(() => {
    handle = new SqliteDatabase(':memory:');
    handle.exec('create table t (n integer)');
    handle.exec('insert into t values (1), (2), (3)');
  });
  afterEach(() => {
    if (handle.open) handle.close();
  });

  it('hands out the same prepared statement for the same SQL, with fresh parameters each run', () => {
    const db = cachingStatements(handle);
    const first = db.prepare('select n from t where n >= ?');
    const second = db.prepare('select n from t where n >= ?');
    expect(second).toBe(first);
    expect(first.all([2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(second.all([3])).toEqual([{ n: 3 }]);
    expect(db.prepare('select n from t where n < ?')).not.toBe(first);
  });

  it('drops the least recently used statement once full', () => {
    const db = cachingStatements(handle, 2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // now "select 2" is the least recent
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('prepares a fresh statement while the cached one is mid-iteration', () => {
    const db = cachingStatements(handle);
    const streaming = db.prepare('select n from t order by n');
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const again = db.prepare('select n from t order by n');
    expect(again).not.toBe(streaming);
    expect(again.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('caches nothing with capacity 0, rejects a bad capacity, and closes the handle', () => {
    const uncached = cachingStatements(handle, 0);
    expect(uncached.prepare('select 1')).not.toBe(uncached.prepare('select 1'));
    expect(() => cachingStatements(handle, -1)).toThrow(/non-negative integer/);
    uncached.close();
    expect(handle.open).toBe(false);
  });
});
