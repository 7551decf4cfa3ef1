import { z } from 'zod';
import {
  flag,
  integer,
  integerFrom,
  limiter,
  nonEmptyText,
  positiveInteger,
  schedule,
  section,
} from './schema-parts.js';
import { WEB_SOURCE_SECRET_KEYS, webSourceSchemas } from './web-source-schemas.js';

/**
 * `sources.<id>`: one group per source id (which names its `collect-<id>` queue). Each has `enabled`,
 * its connector's options, a collect `schedule`, a `limiter` and a page budget per run.
 */
export const sourcesSchema = section({
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
  ...webSourceSchemas,
});

export const SOURCE_SECRET_KEYS: Readonly<Record<string, string>> = WEB_SOURCE_SECRET_KEYS;
