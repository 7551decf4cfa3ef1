import { z } from 'zod';

/**
 * Building blocks of the configuration schema. Each error message is the "expected" half of
 * `key: expected …, found …`.
 */

export function integer(expected: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, {
    error: expected,
  });
}
export const positiveInteger = () => integer('a positive integer', 1);
export const nonNegativeInteger = () => integer('a non-negative integer', 0);
export const integerFrom = (min: number, max: number) => integer(`an integer from ${min} to ${max}`, min, max);
/** 0 (off), or an integer from min to max. */
export function zeroOrIntegerFrom(min: number, max: number) {
  const expected = `0, or an integer from ${min} to ${max}`;
  return z
    .number({ error: expected })
    .int({ error: expected })
    .refine((n) => n === 0 || (n >= min && n <= max), { error: expected });
}
export const flag = () => z.boolean({ error: 'true or false' });
export const nonEmptyText = (expected: string) => z.string({ error: expected }).trim().min(1, { error: expected });

/** A list of non-empty strings with at least one entry (an empty list would make a source collect nothing). */
export const textList = (expected: string) =>
  z.array(nonEmptyText(expected), { error: `a list of ${expected}s` }).min(1, { error: `at least one ${expected}` });

const httpUrlExpected = 'an http:// or https:// URL';
/** An http(s) URL such as an API base; a trailing slash is dropped. */
export const httpUrl = () =>
  z
    .string({ error: httpUrlExpected })
    .trim()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: httpUrlExpected })
    .transform((url) => url.replace(/\/+$/, ''));

/** A group of settings: strict (unknown keys are errors) and filled with defaults when absent. */
export function section<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
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
export const schedule = (cron: string) =>
  section({
    /** Cron pattern (minute hour day-of-month month day-of-week, optional leading seconds). */
    cron: z.string({ error: cronExpected }).refine(isCron, { error: cronExpected }).default(cron),
    /** @defaultValue `Europe/London` */
    tz: z.string({ error: timeZoneExpected }).refine(isTimeZone, { error: timeZoneExpected }).default('Europe/London'),
  });

/** At most `max` collect jobs per `durationMs` for one source (BullMQ's queue rate limiter). */
export const limiter = (max: number, durationMs: number) =>
  section({
    max: positiveInteger().default(max),
    durationMs: positiveInteger().default(durationMs),
  });
