/**
 * Keeps PostgreSQL's planner statistics of the tables ingestion grows fresh where autovacuum is off.
 * Without statistics the duplicate lookup through the band indexes (before migration 014) was
 * planned as a scan of `comments` once per batch, so a bulk load slowed as the table grew
 * (docs/BENCHMARKS.md); the API's queries over the same tables need them as much.
 *
 * The rule is autovacuum's own, with the server's own parameters: a table is analysed once the rows
 * modified since its last analyse exceed autovacuum_analyze_threshold + autovacuum_analyze_scale_factor
 * × live rows (50 + 0.1 × live rows by default). Where autovacuum is on it does this itself, and the
 * store leaves it alone rather than analyse the same tables twice (a table whose own
 * autovacuum_enabled is off on such a server is not covered).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../schema.js';
import { idleTimeoutSetting, selectWithSetting, WRITE_IDLE_TIMEOUT_MS } from './write-idle-timeout.js';

/**
 * The tables an ingestion grows, by one to several rows per comment. The write path's statements are
 * primary-key probes, planned as such with or without statistics; the API's filters and the
 * duplicate lookup's joins (journal rows to their comments) are planned from them, and analysing
 * them costs little.
 */
export const INGESTED_TABLES = ['comments', 'comment_themes', 'comment_tumour_groups', 'simhash_journal'] as const;

export interface TableActivity {
  table: string;
  liveRows: number;
  modifiedSinceAnalyze: number;
}

export interface AnalyzeRule {
  /** Whether the server's autovacuum is on (it then analyses the tables itself). */
  autovacuum: boolean;
  threshold: number;
  scaleFactor: number;
}

/** The tables autovacuum would analyse now, were it on; none when it is. */
export function tablesDueForAnalyze(tables: readonly TableActivity[], rule: AnalyzeRule): TableActivity[] {
  if (rule.autovacuum) return [];
  return tables.filter((t) => t.modifiedSinceAnalyze > rule.threshold + rule.scaleFactor * t.liveRows);
}

export interface PlannerStatisticsTiming {
  /**
   * Least time between two checks, in ms. A check is a few round trips; the rule lets a table grow
   * by a tenth between analyses, which at about a thousand comments a second is 10 s of writes once
   * `comments` holds 100,000 rows (smaller tables scan cheaply anyway), so 5 s keeps the statistics
   * at most a few seconds behind the rule for the cost of a check per 5 s per process.
   * @defaultValue 5000
   */
  checkIntervalMs?: number;
  /**
   * How long an ANALYZE waits for a lock another session holds on the table (a VACUUM, a migration)
   * before this check gives up; the next check tries again. Writers never conflict with it.
   * @defaultValue 1000
   */
  lockTimeoutMs?: number;
  /** Milliseconds on a monotonic clock. @defaultValue performance.now */
  now?: () => number;
}

export interface PlannerStatisticsOptions extends PlannerStatisticsTiming {
  /** Advisory lock key (bigint as a string) shared by every process that writes the schema. */
  lockKey: string;
  /** The transaction's idle limit while it holds the lock (write-idle-timeout.ts). @defaultValue 60,000 */
  idleTimeoutMs?: number;
  logger?: Logger | undefined;
}

/**
 * One per open store. Call `afterCommentUpsert` once a comment upsert has committed: at most once
 * per interval it reads the tables' activity and analyses those the rule says are due.
 */
export class PlannerStatistics {
  readonly #lockKey: string;
  readonly #idleTimeout: RawBuilder<string> | undefined;
  readonly #logger: Logger | undefined;
  readonly #checkIntervalMs: number;
  readonly #lockTimeoutMs: number;
  readonly #now: () => number;
  // The first check waits an interval from opening: a table that needs analysing still will then.
  #lastCheck: number;
  #checking = false;

  constructor(options: PlannerStatisticsOptions) {
    this.#lockKey = options.lockKey;
    this.#idleTimeout = idleTimeoutSetting(options.idleTimeoutMs ?? WRITE_IDLE_TIMEOUT_MS.default);
    this.#logger = options.logger;
    this.#checkIntervalMs = options.checkIntervalMs ?? 5000;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 1000;
    this.#now = options.now ?? (() => performance.now());
    this.#lastCheck = this.#now();
  }

  /** Never rejects: the write has committed whatever happens here, so a failure is only logged. */
  async afterCommentUpsert(db: Kysely<Database>): Promise<void> {
    const now = this.#now();
    if (this.#checking || now - this.#lastCheck < this.#checkIntervalMs) return;
    this.#checking = true;
    this.#lastCheck = now;
    try {
      await this.#analyzeDueTables(db);
    } catch (error) {
      this.#logger?.warn({ err: error }, 'planner statistics: check or ANALYZE failed; writes are unaffected');
    } finally {
      this.#checking = false;
    }
  }

  async #analyzeDueTables(db: Kysely<Database>): Promise<void> {
    await db.transaction().execute(async (trx) => {
      // Another process analysing the schema right now: skip rather than queue behind it (its
      // ANALYZE resets the counts this one would act on).
      const { rows } = await selectWithSetting<{ locked: boolean }>(
        this.#idleTimeout,
        sql`pg_try_advisory_xact_lock(${this.#lockKey}::bigint) as locked`,
      ).execute(trx);
      if (!rows[0]?.locked) {
        this.#logger?.debug('planner statistics: another process is analysing these tables; check skipped');
        return;
      }
      const due = tablesDueForAnalyze(...(await readActivity(trx)));
      if (due.length === 0) return;
      await sql`select set_config('lock_timeout', ${`${this.#lockTimeoutMs}ms`}, true)`.execute(trx);
      for (const { table, liveRows, modifiedSinceAnalyze } of due) {
        const started = performance.now();
        await sql`analyze ${sql.id(table)}`.execute(trx);
        this.#logger?.info(
          { table, liveRows, modifiedSinceAnalyze, ms: Math.round(performance.now() - started) },
          'planner statistics: analysed (autovacuum is off)',
        );
      }
    });
  }
}

/**
 * The ingested tables' counts from the statistics system (kept in shared memory since PostgreSQL
 * 15; a backend publishes its counts when a transaction ends, at most once a second) and the
 * server's autovacuum settings. Unqualified names, like every other store query: the search_path
 * decides the schema. `comments` comes first: if a later ANALYZE gives up, the one that matters most is done.
 */
async function readActivity(trx: Kysely<Database>): Promise<[TableActivity[], AnalyzeRule]> {
  const settings = await sql<{ autovacuum: boolean; threshold: number; scale_factor: number }>`
    select current_setting('autovacuum')::boolean as autovacuum,
      current_setting('autovacuum_analyze_threshold')::float8 as threshold,
      current_setting('autovacuum_analyze_scale_factor')::float8 as scale_factor`.execute(trx);
  const { autovacuum, threshold, scale_factor } = settings.rows[0]!;
  const counts = await sql<{ table: string; live_rows: string; modified: string }>`
    select relname as table, n_live_tup as live_rows, n_mod_since_analyze as modified
    from pg_stat_user_tables
    where schemaname = current_schema() and relname in (${sql.join(INGESTED_TABLES)})`.execute(trx);
  const tables = INGESTED_TABLES.flatMap((table) => {
    const row = counts.rows.find((r) => r.table === table);
    return row === undefined
      ? []
      : [{ table, liveRows: Number(row.live_rows), modifiedSinceAnalyze: Number(row.modified) }];
  });
  return [tables, { autovacuum, threshold, scaleFactor: scale_factor }];
}
