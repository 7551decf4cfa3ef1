/**
 * A write transaction whose every wait is bounded (WriteTransactionOptions.bounded): each lock wait
 * limited to the write idle limit by the server (`lock_timeout`, set with the transaction's first
 * statement) and retried when it runs out; the statements after the comment write lock limited the
 * same way (`statement_timeout`, set by lockCommentWrites under the deadline); and the whole watched
 * by an answer deadline that much plus a grace (answer-deadline.ts).
 */
import { type RawBuilder, sql } from 'kysely';
import { withAnswerDeadline } from './answer-deadline.js';
import { lockTimeoutSetting } from './write-idle-timeout.js';

/** How long past the server's own limit a silent connection is given before it is dropped. */
const ANSWER_GRACE_MS = 5000;

/** PostgreSQL's lock_not_available: a wait for a lock ran past `lock_timeout`. */
const LOCK_NOT_AVAILABLE = '55P03';

/** The first statement's settings for a bounded transaction: the idle limit's, and `lock_timeout`. */
export function boundedFirstSetting(idleTimeout: RawBuilder<string>, limitMs: number): RawBuilder<string> {
  return sql<string>`${idleTimeout}, ${lockTimeoutSetting(limitMs)}`;
}

/**
 * Runs `transaction` (which sends boundedFirstSetting first) under the answer deadline, and again
 * for as long as it fails on a lock wait that ran past `lock_timeout`: a bounded write waits for the
 * comment write lock in such slices, each answered within the limit, rather than in one wait as long
 * as a purge or a migration holds the lock, which no deadline could tell from a silent connection.
 */
export function boundedWrite<T>(limitMs: number, transaction: () => Promise<T>): Promise<T> {
  return withAnswerDeadline(limitMs, ANSWER_GRACE_MS, async () => {
    for (;;) {
      try {
        return await transaction();
      } catch (error) {
        if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
      }
    }
  });
}
