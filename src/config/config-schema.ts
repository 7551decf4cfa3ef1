import { z } from 'zod';

/**
 * The one schema for CareVoice's configuration. Every key has its default here and in
 * docs/configuration.md (a test checks the two agree). Objects are strict: an unknown key is an
 * error, so a typo never silently falls back to a default. Each error message is the "expected"
 * half of `key: expected …, found …`.
 */

function integer(expected: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, {
    error: expected,
  });
}
const positiveInteger = () => integer('a positive integer', 1);
const nonNegativeInteger = () => integer('a non-negative integer', 0);
const integerFrom = (min: number, max: number) => integer(`an integer from ${min} to ${max}`, min, max);
const flag = () => z.boolean({ error: 'true or false' });
const nonEmptyText = (expected: string) => z.string({ error: expected }).trim().min(1, { error: expected });

/** A group of settings: strict (unknown keys are errors) and filled with defaults when absent. */
function section<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.strictObject(shape, { error: 'an object of settings' }).prefault({} as never);
}

const CRON_FIELD = /^[\d*/,\-A-Za-z?LW#]+$/;
function isCron(value: string): boolean {
  const fields = value.trim().split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((field) => CRON_FIELD.test(field));
}
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const cronExpected = 'a cron expression with 5 or 6 fields, e.g. "0 2 * * *"';
const timeZoneExpected = 'an IANA time zone such as "Europe/London"';

/** A repeating job. Times are wall-clock times in `tz`, so 02:00 stays 02:00 across clock changes. */
const schedule = (cron: string) =>
  section({
    /** Cron pattern (minute hour day-of-month month day-of-week, optional leading seconds). */
    cron: z.string({ error: cronExpected }).refine(isCron, { error: cronExpected }).default(cron),
    /** @defaultValue `Europe/London` */
    tz: z.string({ error: timeZoneExpected }).refine(isTimeZone, { error: timeZoneExpected }).default('Europe/London'),
  });

/** At most `max` collect jobs per `durationMs` for one source (BullMQ's queue rate limiter). */
const limiter = (max: number, durationMs: number) =>
  section({
    max: positiveInteger().default(max),
    durationMs: positiveInteger().default(durationMs),
  });

const redisUrlExpected = 'a redis:// or rediss:// URL';
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
        .regex(/^rediss?:\/\/\S+$/, { error: redisUrlExpected })
        .optional(),
      /** Queue key prefix; braces make it a Redis Cluster hash tag. @defaultValue `{carevoice}` */
      prefix: nonEmptyText('a non-empty key prefix').default('{carevoice}'),
      /** Start a local redis-server when no REDIS_URL answers and the binary exists. @defaultValue true */
      startLocal: flag().default(true),
    }),

    database: section({
      /** Secret: only from DATABASE_URL. Absent means the embedded SQLite store. */
      url: z
        .string({ error: databaseUrlExpected })
        .regex(/^postgres(ql)?:\/\/\S+$/, { error: databaseUrlExpected })
        .optional(),
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
      /** Tries per job before it is kept as failed. @defaultValue 5 */
      attempts: positiveInteger().default(5),
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
    }),

    /** Periodic jobs that are not tied to one source (each source's collect schedule is under `sources`). */
    schedules: section({
      /** Recompute aggregates. @defaultValue `15 * * * *` (hourly, quarter past) */
      aggregate: schedule('15 * * * *'),
      /** Write the nightly export. @defaultValue `0 2 * * *` (02:00) */
      export: schedule('0 2 * * *'),
    }),

    sources: section({
      /** Operators drop JSON Lines or CSV files into a folder. */
      file: section({
        /** @defaultValue false */
        enabled: flag().default(false),
        /** The inbox folder. @defaultValue `./inbox` */
        dir: nonEmptyText('a folder path').default('./inbox'),
        /** Lines read per page (one collect job). @defaultValue 500 */
        pageSize: integerFrom(1, 100_000).default(500),
        /** Pages per scheduled run; the rest waits for the next run. @defaultValue 200 */
        maxPagesPerRun: positiveInteger().default(200),
        /** @defaultValue `*\/5 * * * *` (every five minutes) */
        schedule: schedule('*/5 * * * *'),
        /** @defaultValue 20 pages per 1000 ms */
        limiter: limiter(20, 1000),
      }),
      /** Seeded synthetic comments for demos and tests. */
      sample: section({
        /** @defaultValue true */
        enabled: flag().default(true),
        /** The same seed gives the same comments. @defaultValue 42 */
        seed: integer('an integer from 0 to 4294967295', 0, 0xffff_ffff).default(42),
        /** Comments in the whole sample. @defaultValue 2000 */
        count: positiveInteger().default(2000),
        /** Comments per page. @defaultValue 200 */
        pageSize: integerFrom(1, 10_000).default(200),
        /** @defaultValue 100 */
        maxPagesPerRun: positiveInteger().default(100),
        /** Comments are dated over the 18 months before this instant. @defaultValue `2026-11-01T00:00:00Z` */
        referenceDate: z.iso
          .datetime({ offset: true, error: 'an ISO-8601 instant such as "2026-11-01T00:00:00Z"' })
          .default('2026-11-01T00:00:00Z'),
        /** @defaultValue `0 3 * * *` (03:00) */
        schedule: schedule('0 3 * * *'),
        /** @defaultValue 50 pages per 1000 ms */
        limiter: limiter(50, 1000),
      }),
    }),

    export: section({
      /** Exports older than this are deleted. @defaultValue 30 */
      retentionDays: positiveInteger().default(30),
      /** Cells with fewer comments are suppressed in exports (disclosure control). @defaultValue 5 */
      minCellCount: positiveInteger().default(5),
    }),

    api: section({
      /** @defaultValue `127.0.0.1` (local only; set 0.0.0.0 behind a proxy) */
      host: nonEmptyText('a host name or IP address').default('127.0.0.1'),
      /** @defaultValue 8080 */
      port: integerFrom(1, 65_535).default(8080),
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
};
