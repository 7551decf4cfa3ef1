import { z } from 'zod';
import { CLIENT_CHECK_MS } from '../storage/postgres/session-settings.js';
import { WRITE_IDLE_TIMEOUT_MS } from '../storage/postgres/write-idle-timeout.js';
import { ALERT_SECRET_KEYS, alertsSchema } from './alert-schema.js';
import {
  flag,
  integerFrom,
  nonEmptyText,
  nonNegativeInteger,
  positiveInteger,
  schedule,
  section,
  zeroOrIntegerFrom,
} from './schema-parts.js';
import { SOURCE_SECRET_KEYS, sourcesSchema } from './source-schemas.js';

/**
 * The one schema for CareVoice's configuration. Every key has its default here and in
 * docs/configuration.md (a test checks the two agree). Objects are strict: an unknown key is an
 * error, so a typo never silently falls back to a default. Each error message is the "expected"
 * half of `key: expected …, found …`.
 */

const redisUrlExpected = 'a redis://, rediss:// or redis+sentinel:// URL';
const databaseUrlExpected = 'a postgres:// or postgresql:// URL';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z.strictObject(
  {
    /** Where the embedded store lives; SQLite is `<dataDir>/carevoice.sqlite`. @defaultValue `./data` */
    dataDir: nonEmptyText('a folder path').default('./data'),
    /** Where nightly exports are written. @defaultValue `./exports` */
    exportDir: nonEmptyText('a folder path').default('./exports'),

    redis: section({
      /** Secret (may carry a password): only from the REDIS_URL environment variable. */
      url: z
        .string({ error: redisUrlExpected })
        .regex(/^(rediss?|redis\+sentinel):\/\/\S+$/i, { error: redisUrlExpected })
        .optional(),
      /** Queue key prefix; braces make it a Redis Cluster hash tag. @defaultValue `{carevoice}` */
      prefix: nonEmptyText('a non-empty key prefix').default('{carevoice}'),
      /** Start a local redis-server when no REDIS_URL answers and the binary exists. @defaultValue true */
      startLocal: flag().default(true),
      /** Replicas that must have a page's process jobs before its collect job moves the source's
       *  cursor, so a failover right after cannot lose them. 0 waits for none. @defaultValue 0 */
      waitForReplicas: nonNegativeInteger().default(0),
      /** Longest wait for those replicas; the collect job fails and is retried after it. @defaultValue 5000 */
      replicaWaitMs: positiveInteger().default(5000),
    }),

    database: section({
      /** Secret: only from DATABASE_URL. Absent means the embedded SQLite store. */
      url: z
        .string({ error: databaseUrlExpected })
        .regex(/^postgres(ql)?:\/\/\S+$/, { error: databaseUrlExpected })
        .optional(),
      /** PostgreSQL: send repeated bulk inserts as named (prepared) statements, parsed once per
       *  connection. Behind a pooler that cannot keep them (PgBouncer in transaction mode before
       *  1.21, or with max_prepared_statements = 0) the store stops naming after one failed send;
       *  off skips that failure. @defaultValue true */
      namedStatements: flag().default(true),
      /** PostgreSQL: how long a transaction holding locks may wait idle on its process between two
       *  statements before the server ends it and its locks go (a worker cut off mid-write would
       *  otherwise hold up every other writer until the server's TCP keepalive notices, hours). 0
       *  leaves the server's own idle_in_transaction_session_timeout. @defaultValue 60000 */
      writeIdleTimeoutMs: zeroOrIntegerFrom(WRITE_IDLE_TIMEOUT_MS.min, WRITE_IDLE_TIMEOUT_MS.max).default(
        WRITE_IDLE_TIMEOUT_MS.default,
      ),
      /** PostgreSQL: how often the server checks, while a statement runs, that the process that sent
       *  it is still there, and the base of its TCP keepalive for the session: a worker killed
       *  mid-statement loses its session and its locks within this time, one cut off silently within
       *  about four times it, instead of when the statement ends or TCP gives up. 0 leaves the
       *  server's own settings. @defaultValue 5000 */
      clientCheckMs: zeroOrIntegerFrom(CLIENT_CHECK_MS.min, CLIENT_CHECK_MS.max).default(CLIENT_CHECK_MS.default),
    }),

    /** Secret: HMAC key for author handles, only from CAREVOICE_AUTHOR_HASH_KEY. */
    authorHashKey: z
      .string({ error: 'a key of at least 32 characters' })
      .min(32, { error: 'a key of at least 32 characters' })
      .optional(),

    queue: section({
      /** Comments per `process` job: bigger batches mean fewer Redis round trips. @defaultValue 200 */
      processBatchSize: integerFrom(50, 500).default(200),
      /** Jobs each worker process runs at once, per stage. */
      concurrency: section({
        /** @defaultValue 1 (a source is fetched one page at a time) */
        collect: positiveInteger().default(1),
        /** @defaultValue 2 (CPU-bound; one per core on a small machine) */
        process: positiveInteger().default(2),
        /** @defaultValue 1 */
        aggregate: positiveInteger().default(1),
        /** @defaultValue 1 */
        export: positiveInteger().default(1),
      }),
      /** Tries per job before it is kept as failed; with the doubling backoff, 14 spans about 4.5 hours,
       *  so a store outage does not strand a batch in the failed set. @defaultValue 14 */
      attempts: positiveInteger().default(14),
      /** First retry delay; doubles each attempt (exponential backoff). @defaultValue 2000 */
      backoffMs: nonNegativeInteger().default(2000),
      /** How many finished jobs Redis keeps, and for how long: enough to inspect, not enough to fill memory. */
      retention: section({
        /** @defaultValue 1000 */
        completedCount: nonNegativeInteger().default(1000),
        /** @defaultValue 86400 (one day) */
        completedAgeSeconds: nonNegativeInteger().default(86_400),
        /** @defaultValue 5000 */
        failedCount: nonNegativeInteger().default(5000),
        /** @defaultValue 604800 (one week) */
        failedAgeSeconds: nonNegativeInteger().default(604_800),
      }),
      /** Approximate cap on each queue's event stream. @defaultValue 10000 */
      eventsMaxLen: positiveInteger().default(10_000),
      /** How long a worker holds a job before it counts as stalled. @defaultValue 60000 */
      lockDurationMs: positiveInteger().default(60_000),
      /** How often stalled jobs are looked for. @defaultValue 30000 */
      stalledIntervalMs: positiveInteger().default(30_000),
      /** On SIGTERM, how long running jobs may take to finish before workers close anyway. @defaultValue 20000 */
      shutdownGraceMs: nonNegativeInteger().default(20_000),
      /** Collect holds off while process lags, so Redis memory stays flat as volume grows. Every source
       *  feeds the one process queue, so every source's collect holds off together. */
      backpressure: section({
        /** @defaultValue true */
        enabled: flag().default(true),
        /** Process jobs waiting or delayed at which collect holds off (500 × 200-comment batches is
         *  100,000 comments). @defaultValue 500 */
        highWaterJobs: positiveInteger().default(500),
        /** Collect resumes once the backlog is at or below this; must be below highWaterJobs.
         *  @defaultValue half of highWaterJobs */
        lowWaterJobs: nonNegativeInteger().optional(),
        /** How long held collect waits before looking again; also how long a backlog count is reused.
         *  @defaultValue 1000 */
        checkIntervalMs: positiveInteger().default(1000),
      }).refine((b) => b.lowWaterJobs === undefined || b.lowWaterJobs < b.highWaterJobs, {
        error: 'lowWaterJobs below highWaterJobs',
        path: ['lowWaterJobs'],
      }),
      /** A job that fails while the store does not answer a probe is handed back with its attempts
       *  unspent, and the process's workers hold until the store answers (store-outage-hold.ts). */
      storeOutage: section({
        /** A probe that has not answered by then counts as the store being down. @defaultValue 5000 */
        probeTimeoutMs: positiveInteger().default(5000),
        /** First wait before probing a down store again; doubles up to maxRecheckMs. @defaultValue 1000 */
        firstRecheckMs: positiveInteger().default(1000),
        /** @defaultValue 30000 */
        maxRecheckMs: positiveInteger().default(30_000),
        /** Hand-backs after which a job's failures on a down store spend its attempts again, in case
         *  the job is what takes the store down. @defaultValue 50 */
        maxHandBacks: positiveInteger().default(50),
      }).refine((o) => o.maxRecheckMs >= o.firstRecheckMs, {
        error: 'maxRecheckMs at least firstRecheckMs',
        path: ['maxRecheckMs'],
      }),
    }),

    /** Periodic jobs that are not tied to one source (each source's collect schedule is under `sources`). */
    schedules: section({
      /** Recompute aggregates. @defaultValue `15 * * * *` (hourly, quarter past) */
      aggregate: schedule('15 * * * *'),
      /** Write the nightly export. @defaultValue `0 2 * * *` (02:00) */
      export: schedule('0 2 * * *'),
      /** Purge comment text past `retention.commentTextDays`. @defaultValue `30 1 * * *` (01:30) */
      retention: schedule('30 1 * * *'),
    }),

    sources: sourcesSchema,

    /** Data minimisation: how long personal content is kept. */
    retention: section({
      /** Comment text older than this (by posted date, else fetch date) is emptied; analysis fields,
       *  aggregates and provenance hashes stay. @defaultValue 365 */
      commentTextDays: positiveInteger().default(365),
    }),

    export: section({
      /** Exports older than this are deleted. @defaultValue 30 */
      retentionDays: positiveInteger().default(30),
      /** Cells with fewer comments are suppressed in exports (disclosure control). @defaultValue 5 */
      minCellCount: positiveInteger().default(5),
    }),

    /** Safety and divergence alerts: webhook delivery and the divergence rules. */
    alerts: alertsSchema,

    api: section({
      /** @defaultValue `127.0.0.1` (local only; set 0.0.0.0 behind a proxy) */
      host: nonEmptyText('a host name or IP address').default('127.0.0.1'),
      /** @defaultValue 8080 */
      port: integerFrom(1, 65_535).default(8080),
      /** Require an API key on /v1 even before any key is created (`carevoice api-keys create`); once a
       *  key has been created it is required anyway, revoked or not. @defaultValue false */
      requireKey: flag().default(false),
      /** Requests per minute per API key on /v1 (per client address while no key is needed). @defaultValue 120 */
      rateLimitPerMinute: positiveInteger().default(120),
      /** Memory for cached answers of /v1/scores and /v1/triangulation, in MiB (least recently used
       *  evicted; 0 keeps none). @defaultValue 64 */
      cacheMegabytes: integerFrom(0, 4096).default(64),
      /** How often each API process re-reads the store's data versions: a cached answer may be this
       *  old after an aggregate or triangulation run commits, and a key created or revoked takes
       *  effect within it. @defaultValue 1000 */
      dataVersionCheckMs: integerFrom(50, 60_000).default(1000),
      /** PostgreSQL: the longest any one of the API's store statements may run, in ms: the server
       *  cancels it, and a connection silent a second past it is dropped, and the request answers
       *  503. Without it a request cut off from the server silently waits on TCP for minutes. 0
       *  leaves the server's own statement_timeout. @defaultValue 10000 */
      storeTimeoutMs: zeroOrIntegerFrom(100, 600_000).default(10_000),
    }),

    log: section({
      /** @defaultValue `info` */
      level: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
      /** Human-readable lines instead of JSON. @defaultValue false */
      pretty: flag().default(false),
    }),
  },
  { error: 'an object of settings' },
);

/** The validated settings before secrets are resolved and paths made absolute. */
export type ConfigSettings = z.output<typeof configSchema>;

/** Key paths whose values are secrets: they come only from the environment and are never echoed. */
export const SECRET_KEYS: Readonly<Record<string, string>> = {
  'redis.url': 'REDIS_URL',
  'database.url': 'DATABASE_URL',
  authorHashKey: 'CAREVOICE_AUTHOR_HASH_KEY',
  ...SOURCE_SECRET_KEYS,
  ...ALERT_SECRET_KEYS,
};
