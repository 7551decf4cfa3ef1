/**
 * A bound on how long a process waits for PostgreSQL to answer, for work whose every statement the
 * server itself bounds (`statement_timeout`). A process cut off from the server without a reset (a
 * silent network partition) otherwise waits on TCP for its answer: keepalive or retransmission gives
 * up after 11–15 minutes with Linux's defaults, and all that while its batch stays with it, its job
 * lock still renewed through Redis. Under a deadline a statement that has not answered in time means
 * the connection is gone: it is dropped, every query on it fails, and the work fails with a
 * StoreUnavailableError, so its job is handed back (src/queue/store-outage-hold.ts) and another
 * worker runs it.
 *
 * The deadline follows the work through AsyncLocalStorage, so the statements Kysely sends for it
 * (`begin` and `commit` included) are watched and the same connection's other users are not. A pool
 * may also be given a limit for every other query on it (watchAnswers' `poolLimit`; the API's pool),
 * whose connections then carry that `statement_timeout`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { StoreUnavailableError } from '../errors/store-unavailable-error.js';

interface Deadline {
  /** The server's limit on each statement. */
  readonly statementMs: number;
  /** How long a statement may go unanswered: the server's limit and a grace past it. */
  readonly ms: number;
  /** Why the work failed, once a statement went unanswered. */
  missed?: string;
}

const current = new AsyncLocalStorage<Deadline>();

/** A pg client's socket, which node-postgres does not expose in its types. */
type ClientWithSocket = pg.PoolClient & { connection: { stream: { destroy(): void } } };

const unanswered = (ms: number) => `PostgreSQL did not answer a statement within ${ms} ms; its connection was dropped`;

/** A limit on every statement of a pool: the server's (`statement_timeout`) and a grace past it. */
export interface PoolStatementLimit {
  readonly statementMs: number;
  readonly graceMs: number;
}

/**
 * The error work under `deadline` fails with: once one of its statements went unanswered, a
 * StoreUnavailableError saying so (whatever the dropped connection made the work throw is its
 * cause); before, the error itself.
 */
function toldApart(deadline: Deadline, error: unknown): unknown {
  if (deadline.missed === undefined || error instanceof StoreUnavailableError) return error;
  return new StoreUnavailableError(deadline.missed, { cause: error });
}

/**
 * Watches every connection `pool` opens from now on. A promise-style query (as Kysely sends them)
 * under a deadline (withAnswerDeadline) is bounded by it; any other by `poolLimit`, when given (the
 * pool's connections then carry that `statement_timeout`), as a deadline of its own. A query whose
 * deadline was missed fails with a StoreUnavailableError once its connection is dropped. Callback
 * and streamed queries pass unwatched.
 */
export function watchAnswers(pool: pg.Pool, poolLimit?: PoolStatementLimit): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const drop = () => (client as ClientWithSocket).connection.stream.destroy();
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const answer = query(...args);
      if (!(answer instanceof Promise)) return answer;
      const deadline: Deadline | undefined =
        current.getStore() ??
        (poolLimit && { statementMs: poolLimit.statementMs, ms: poolLimit.statementMs + poolLimit.graceMs });
      if (deadline === undefined) return answer;
      const timer = setTimeout(() => {
        deadline.missed ??= unanswered(deadline.ms);
        drop();
      }, deadline.ms);
      return answer.then(
        (result: unknown) => {
          clearTimeout(timer);
          return result;
        },
        (error: unknown) => {
          clearTimeout(timer);
          throw toldApart(deadline, error);
        },
      );
    };
  });
}

/**
 * Runs `work` with every statement it sends on a watched pool bounded: the server is to limit each to
 * `statementMs` (see statementLimitOfDeadline), and one still unanswered `graceMs` after that drops
 * its connection. When one did, fails with the StoreUnavailableError that says so.
 */
export async function withAnswerDeadline<T>(statementMs: number, graceMs: number, work: () => Promise<T>): Promise<T> {
  const deadline: Deadline = { statementMs, ms: statementMs + graceMs };
  try {
    return await current.run(deadline, work);
  } catch (error) {
    throw toldApart(deadline, error);
  }
}

/** The per-statement limit the server is to apply for the deadline this runs under, if any. */
export function statementLimitOfDeadline(): number | undefined {
  return current.getStore()?.statementMs;
}
