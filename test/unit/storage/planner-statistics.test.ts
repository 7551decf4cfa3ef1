import type { Kysely } from 'kysely';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PlannerStatistics, tablesDueForAnalyze } from '../../../src/storage/postgres/planner-statistics.js';
import type { Database } from '../../../src/storage/schema.js';

const AUTOVACUUM_OFF = { autovacuum: false, threshold: 50, scaleFactor: 0.1 };

describe('tablesDueForAnalyze', () => {
  it('applies autovacuum’s rule: more rows modified than threshold + scale factor × live rows', () => {
    const tables = [
      { table: 'comments', liveRows: 10_000, modifiedSinceAnalyze: 1051 },
      { table: 'comment_themes', liveRows: 10_000, modifiedSinceAnalyze: 1050 },
      { table: 'comment_tumour_groups', liveRows: 0, modifiedSinceAnalyze: 51 },
    ];
    expect(tablesDueForAnalyze(tables, AUTOVACUUM_OFF).map((t) => t.table)).toEqual([
      'comments',
      'comment_tumour_groups',
    ]);
    expect(tablesDueForAnalyze(tables, { ...AUTOVACUUM_OFF, threshold: 500, scaleFactor: 0.2 })).toEqual([]);
  });

  it('leaves the tables to autovacuum where it is on', () => {
    const tables = [{ table: 'comments', liveRows: 0, modifiedSinceAnalyze: 1_000_000 }];
    expect(tablesDueForAnalyze(tables, { ...AUTOVACUUM_OFF, autovacuum: true })).toEqual([]);
  });
});

/** A database whose every transaction is counted and runs `body`. */
function countingDb(body: () => Promise<void>): { db: Kysely<Database>; transactions: () => number } {
  let transactions = 0;
  const db = {
    transaction: () => ({
      execute: async () => {
        transactions += 1;
        await body();
      },
    }),
  } as unknown as Kysely<Database>;
  return { db, transactions: () => transactions };
}

describe('PlannerStatistics', () => {
  it('checks at most once per interval, the first an interval after opening', async () => {
    let clock = 0;
    const statistics = new PlannerStatistics({ lockKey: '1', checkIntervalMs: 5000, now: () => clock });
    const { db, transactions } = countingDb(async () => undefined);
    await statistics.afterCommentUpsert(db);
    clock = 4999;
    await statistics.afterCommentUpsert(db);
    expect(transactions()).toBe(0);
    clock = 5000;
    await statistics.afterCommentUpsert(db);
    clock = 9999;
    await statistics.afterCommentUpsert(db);
    expect(transactions()).toBe(1);
  });

  it('skips while its own check is still running', async () => {
    let clock = 0;
    let finish = () => {};
    const unfinished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const statistics = new PlannerStatistics({ lockKey: '1', checkIntervalMs: 5000, now: () => clock });
    const { db, transactions } = countingDb(() => unfinished);
    clock = 5000;
    const first = statistics.afterCommentUpsert(db);
    clock = 20_000;
    const second = statistics.afterCommentUpsert(db);
    finish();
    await Promise.all([first, second]);
    expect(transactions()).toBe(1);
  });

  it('logs a failed check and resolves', async () => {
    const logs: { level: number; msg: string; err?: { message: string } }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    const statistics = new PlannerStatistics({ lockKey: '1', checkIntervalMs: 0, logger });
    const { db } = countingDb(async () => {
      throw new Error('connection terminated');
    });
    await expect(statistics.afterCommentUpsert(db)).resolves.toBeUndefined();
    expect(logs).toEqual([
      expect.objectContaining({ level: 40, err: expect.objectContaining({ message: 'connection terminated' }) }),
    ]);
  });
});
