/**
 * How long a transaction that holds locks may wait idle on its process between two statements
 * before the server ends its session (PostgreSQL's `idle_in_transaction_session_timeout`).
 *
 * A process cut off from the server mid-transaction (a silent network partition, a host gone
 * without closing its connections) leaves its session idle in the transaction, holding its locks:
 * the comment write lock, which every other comment writer then waits on, the planner statistics
 * lock, or the rows it changed. The server notices only when its TCP keepalive gives up: about 20 s
 * with the keepalive the store sets per session (session-settings.ts), two hours and more with
 * Linux's defaults where that is off (`database.clientCheckMs` 0), and never behind a pooler, whose
 * own connection to the server stays alive. With the timeout the server ends such a session and its
 * locks go, whatever the keepalive; the cut-off transaction fails when its process is heard from
 * again, and its job is retried.
 *
 * The timer runs only while the server waits for the next statement. A cut in the middle of a
 * statement's message, or while the server is sending a large result, is left to the keepalive and
 * `tcp_user_timeout` (session-settings.ts). Set for the transaction alone, so it also holds behind
 * a pooler that shares server connections, and a non-zero value replaces the server's or role's own
 * setting there; 0 sends nothing and leaves it.
 */
import { type RawBuilder, sql } from 'kysely';
import { checkOffOrWithin } from './off-or-within.js';

export const WRITE_IDLE_TIMEOUT_MS = {
  default: 60_000,
  /** Below a second, a healthy writer paused by a garbage collection could lose its transaction. */
  min: 1000,
  max: 86_400_000,
} as const;

export function checkWriteIdleTimeoutMs(ms: number): void {
  checkOffOrWithin('write idle timeout', ms, WRITE_IDLE_TIMEOUT_MS);
}

/**
 * A select-list item that sets the timeout for the current transaction, to send with the
 * transaction's first statement at no extra round trip; undefined for 0.
 */
export function idleTimeoutSetting(ms: number): RawBuilder<string> | undefined {
  return ms === 0 ? undefined : sql<string>`set_config('idle_in_transaction_session_timeout', ${String(ms)}, true)`;
}

/**
 * A select-list item that limits each later statement of the current transaction to `ms`
 * (`statement_timeout`): the server then answers every one within it, if only to cancel it, so a
 * process that hears nothing for longer knows the connection is gone (answer-deadline.ts). Sent
 * with a statement, it does not limit that statement itself.
 */
export function statementTimeoutSetting(ms: number): RawBuilder<string> {
  return sql<string>`set_config('statement_timeout', ${String(ms)}, true)`;
}

/**
 * A select-list item that limits each wait for a lock in the current transaction to `ms`
 * (`lock_timeout`), so that a wait, too, is answered within it (SQLSTATE 55P03 when it runs out).
 */
export function lockTimeoutSetting(ms: number): RawBuilder<string> {
  return sql<string>`set_config('lock_timeout', ${String(ms)}, true)`;
}

/** `select <setting>, <items>`, or `select <items>` where there is no setting; rows typed R. */
export function selectWithSetting<R>(
  setting: RawBuilder<string> | undefined,
  items: RawBuilder<unknown>,
): RawBuilder<R> {
  return setting === undefined ? sql<R>`select ${items}` : sql<R>`select ${setting}, ${items}`;
}
