import { DATE_FOLDER } from './export-folders.js';

/**
 * Which dates a scheduled export writes. A night the scheduler missed (machine off, Redis down) is
 * caught up on the next run: every date after the last successful export up to today, oldest
 * first, so `latest.json` ends on today. Each date's export is idempotent, so overlap is harmless.
 */

const DAY_MS = 86_400_000;

/** Throws unless `date` is a real calendar date written `YYYY-MM-DD`. */
export function assertExportDate(date: string): void {
  dayNumber(date);
}

function dayNumber(date: string): number {
  if (!DATE_FOLDER.test(date)) throw new RangeError(`a date is YYYY-MM-DD; got "${date}"`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: "${date}"`);
  }
  return Math.round(ms / DAY_MS);
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Dates to export, oldest first, always ending with `today` (re-exporting today is idempotent).
 * With no earlier export only today is written; a gap longer than `maxDays` is cut to the newest
 * `maxDays` dates (older folders would fall to retention at once anyway).
 */
export function datesToCatchUp(lastExported: string | null, today: string, maxDays: number): string[] {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`maxDays must be ≥ 1; got ${maxDays}`);
  const end = dayNumber(today);
  if (lastExported === null) return [today];
  const last = dayNumber(lastExported);
  const start = Math.max(last + 1, end - maxDays + 1);
  if (start > end) return [today];
  return Array.from({ length: end - start + 1 }, (_, i) => dateOfDay(start + i));
}

/** The newest of several `YYYY-MM-DD` dates (null when there is none). */
export function newestDate(dates: readonly (string | null | undefined)[]): string | null {
  let newest: string | null = null;
  for (const date of dates) if (date && DATE_FOLDER.test(date) && (newest === null || date > newest)) newest = date;
  return newest;
}
