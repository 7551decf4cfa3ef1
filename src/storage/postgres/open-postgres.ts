/**
 * Opens a PostgreSQL store. An optional schema becomes the connection's search_path, so tests and
 * tenants can share one server without seeing each other's tables.
 */
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { compactSimhashJournal } from '../compact-simhash-journal.js';
import type { DialectHooks, OpenedDatabase } from '../dialect-hooks.js';
import { InvalidStoreInputError } from '../errors/invalid-store-input-error.js';
import { StoreUnavailableError } from '../errors/store-unavailable-error.js';
import { JournalDuplicateCandidates } from '../journal-duplicate-candidates.js';
import type { Database } from '../schema.js';
import { commentWriteLockKey, plannerStatisticsLockKey } from './advisory-lock-keys.js';
import { statementLimitOfDeadline, watchAnswers, withAnswerDeadline } from './answer-deadline.js';
import { boundedFirstSetting, boundedWrite } from './bounded-write.js';
import { handleConnectionErrors } from './connection-errors.js';
import { InsertNames, namingInserts } from './named-inserts.js';
import { PlannerStatistics, type PlannerStatisticsTiming } from './planner-statistics.js';
import {
  CLIENT_CHECK_MS,
  checkClientCheckMs,
  clientCheckSettings,
  settleEverySession,
  statementTimeoutSettings,
} from './session-settings.js';
import { transactionLimitingIdle } from './transaction-limiting-idle.js';
import {
  checkWriteIdleTimeoutMs,
  idleTimeoutSetting,
  selectWithSetting,
  statementTimeoutSetting,
  WRITE_IDLE_TIMEOUT_MS,
} from './write-idle-timeout.js';

export interface OpenPostgresOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  /** Schema to create (if missing) and use as search_path. @defaultValue the server's default search_path */
  schema?: string;
  /** Connections in the pool. @defaultValue 10 */
  poolSize?: number;
  /** How long to wait for a connection before giving up, in ms. @defaultValue 5000 */
  connectTimeoutMs?: number;
  /**
   * Send repeated bulk inserts as named statements, parsed once per connection (named-inserts.ts).
   * Behind a pooler that cannot keep prepared statements, naming stops after one failed send; off
   * skips that failure. @defaultValue true
   */
  namedStatements?: boolean;
  /** Receives errors of pooled connections, idle or in use (which would otherwise crash the process), and planner statistics upkeep. */
  logger?: Logger;
  /** When the store checks whether its tables need analysing (see PlannerStatistics); tests shorten it. */
  plannerStatistics?: PlannerStatisticsTiming;
  /**
   * How long a transaction holding locks may wait idle on this process between two statements
   * before the server ends its session, in ms; 0 leaves the server's own setting
   * (write-idle-timeout.ts). @defaultValue 60,000
   */
  writeIdleTimeoutMs?: number;
  /**
   * A limit on every statement the store sends, in ms, for a handle whose every statement should be
   * short (the API's): the server cancels one that runs longer (`statement_timeout`), and a
   * connection that has not answered a second past it is dropped, so a silent network partition
   * fails the statement with a StoreUnavailableError instead of waiting on TCP. The wait for a
   * connection is then bounded by the same time, if that is shorter than `connectTimeoutMs`. Behind
   * a pooler in transaction mode the server's limit may not reach the statements, and then only that
   * watch bounds the wait. 0 or absent: none.
   */
  statementTimeoutMs?: number;
  /**
   * How often the server checks, while a statement runs, that this process is still there, and how
   * soon it starts probing a silent connection (session-settings.ts): a process killed or cut off
   * mid-statement then loses its session, and its locks, within about this time (four times it when
   * silent) rather than when the statement ends or TCP gives up. 0 leaves the server's own settings.
   * @defaultValue 5000
   */
  clientCheckMs?: number;
}

/** PostgreSQL's limit on bound parameters in one statement. */
const POSTGRES_MAX_BIND_PARAMETERS = 65_535;

/** Lower-case identifiers only: they need no quoting in search_path and match what introspection reports. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** How long past the server's statement limit a connection is given to answer with the cancellation. */
const STATEMENT_ANSWER_GRACE_MS = 1000;

/**
 * The journal's highest committed sequence number (migration 014). Every transaction that numbers
 * journal rows holds the comment write lock until it commits, so none below it can commit later.
 */
async function journalHighWaterMark(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ last: string | null }>`select max(seq) as last from simhash_journal`.execute(db);
  return Number(rows[0]?.last ?? 0);
}

/**
 * `statistics` absent: nothing after a comment upsert (no planner statistics upkeep). A write
 * transaction that rolls back rewinds the handle's reading of the journal to where it began, as on
 * SQLite; PostgreSQL never numbers two rows alike, but a lookup inside it may have raised the
 * reading past rows of its own that are gone, and the high-water mark then falls below it.
 */
export function postgresHooks(
  schema: string | undefined,
  statistics?: PlannerStatistics,
  writeIdleTimeoutMs: number = WRITE_IDLE_TIMEOUT_MS.default,
): DialectHooks {
  const candidates = new JournalDuplicateCandidates(journalHighWaterMark);
  const idleTimeout = idleTimeoutSetting(writeIdleTimeoutMs);
  // 0 leaves the server its own settings: there is then no limit of ours to bound an answer by.
  const boundedFirst = idleTimeout === undefined ? undefined : boundedFirstSetting(idleTimeout, writeIdleTimeoutMs);
  const writeTransaction: DialectHooks['writeTransaction'] = (db, fn, options) => {
    const transaction = (first: RawBuilder<string> | undefined) =>
      candidates.rewindingOnFailure(() => transactionLimitingIdle(db, first, fn));
    return options?.bounded === true && boundedFirst !== undefined
      ? boundedWrite(writeIdleTimeoutMs, () => transaction(boundedFirst))
      : transaction(idleTimeout);
  };
  return {
    dialect: 'postgres',
    maxBindParameters: POSTGRES_MAX_BIND_PARAMETERS,
    writeTransaction,
    // Read committed would otherwise let a forget or a duplicate's original commit between a
    // writer's check and its insert. An advisory lock rather than a table lock: a table lock strong
    // enough to exclude other writers also waits for autovacuum and autoanalyze of the table, which
    // a bulk load triggers again and again. Held to commit; readers never take it. Every holder
    // limits its idle time, migrations included, which take it outside writeTransaction.
    // In a bounded write the lock statement also limits the statements after it; its own wait is
    // limited by lock_timeout, set at the transaction's start.
    lockCommentWrites: async (trx) => {
      const lock = sql`pg_advisory_xact_lock(${commentWriteLockKey(schema)}::bigint)`;
      const statementLimit = statementLimitOfDeadline();
      const items = statementLimit === undefined ? lock : sql`${lock}, ${statementTimeoutSetting(statementLimit)}`;
      await selectWithSetting(idleTimeout, items).execute(trx);
    },
    findDuplicateCandidates: (db, simhashes, maxHammingDistance) => candidates.find(db, simhashes, maxHammingDistance),
    warmDuplicateLookup: (db) => candidates.warm(db),
    compactDuplicateLookup: (db) => compactSimhashJournal(db, writeTransaction),
    ...(statistics !== undefined && { afterCommentUpsert: (db) => statistics.afterCommentUpsert(db) }),
    answeringWithin: (ms, work) => withAnswerDeadline(ms, 0, work),
    // Concurrent migrators queue on Kysely's lock row, so there is nothing to retry.
    isLockContention: () => false,
    // Kysely's migrator looks for its tables across every schema; pinning it to ours keeps tenants apart.
    migrationTableSchema: schema,
  };
}

/** Said once per pool, when naming stops (see named-inserts.ts). */
const warnNamingStopped = (logger: Logger | undefined) => (error: Error) =>
  logger?.warn(
    { err: error },
    'PostgreSQL did not keep a prepared statement (a connection pooler in between?): bulk inserts go unnamed from now on; ' +
      'set CAREVOICE_DATABASE_NAMED_STATEMENTS=false to skip that failed send',
  );

/** The connection string with any password masked, for error messages and logs. */
export function describeConnection(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'an unparsable PostgreSQL URL';
  }
}

export async function openPostgres(options: OpenPostgresOptions): Promise<OpenedDatabase> {
  const {
    connectionString,
    schema,
    poolSize = 10,
    connectTimeoutMs = 5000,
    namedStatements = true,
    logger,
    plannerStatistics,
    writeIdleTimeoutMs = WRITE_IDLE_TIMEOUT_MS.default,
    statementTimeoutMs = 0,
    clientCheckMs = CLIENT_CHECK_MS.default,
  } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new InvalidStoreInputError(
      `PostgreSQL schema name must match ${SCHEMA_NAME} (lower-case letters, digits, _), got ${JSON.stringify(schema)}`,
    );
  }
  checkWriteIdleTimeoutMs(writeIdleTimeoutMs);
  if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs < 0) {
    throw new InvalidStoreInputError(`statementTimeoutMs must be 0 or a whole number of ms, got ${statementTimeoutMs}`);
  }
  checkClientCheckMs(clientCheckMs);
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis:
      statementTimeoutMs > 0
        ? Math.min(connectTimeoutMs, statementTimeoutMs + STATEMENT_ANSWER_GRACE_MS)
        : connectTimeoutMs,
    // A connection whose peer went silent (no reset, no close) is otherwise waited on for ever: with
    // probes the kernel gives up on it, and the query on it fails and its job is retried.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  handleConnectionErrors(pool, logger);
  watchAnswers(
    pool,
    statementTimeoutMs > 0 ? { statementMs: statementTimeoutMs, graceMs: STATEMENT_ANSWER_GRACE_MS } : undefined,
  );
  let activeSchema: string | undefined;
  try {
    const client = await pool.connect();
    try {
      const settings = [...clientCheckSettings(clientCheckMs), ...statementTimeoutSettings(statementTimeoutMs)];
      await settleEverySession(pool, client, settings, logger);
      if (schema !== undefined) await client.query(`create schema if not exists ${schema}`);
      activeSchema = await currentSchema(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreUnavailableError(
      `cannot reach PostgreSQL at ${describeConnection(connectionString)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: namedStatements ? namingInserts(pool, new InsertNames(), { onStopped: warnNamingStopped(logger) }) : pool,
    }),
  });
  const statistics = new PlannerStatistics({
    ...plannerStatistics,
    lockKey: plannerStatisticsLockKey(activeSchema),
    idleTimeoutMs: writeIdleTimeoutMs,
    logger,
  });
  return { db, hooks: postgresHooks(activeSchema, statistics, writeIdleTimeoutMs) };
}

/**
 * The schema the connection's tables are created in. Without an explicit schema it may still be set
 * by the URL (`?options=-c search_path=...`) or the role; the migrator must be pinned to it, or it
 * finds another schema's migration tables on the same server and skips this one.
 */
async function currentSchema(client: pg.PoolClient): Promise<string | undefined> {
  const result = await client.query<{ schema: string | null }>('select current_schema() as schema');
  return result.rows[0]?.schema ?? undefined;
}
