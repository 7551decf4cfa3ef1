/** Calendar-month arithmetic on `YYYY-MM` periods. */

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthIndex(period: string): number {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`a period is YYYY-MM; got "${period}"`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** The period `months` after `period` (before it when negative). */
export function addMonths(period: string, months: number): string {
  const index = monthIndex(period) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export interface PeriodWindow {
  periodFrom: string;
  periodTo: string;
}

/** The `months` months that end with `periodTo` (inclusive). */
export function windowEnding(periodTo: string, months: number): PeriodWindow {
  if (!(Number.isInteger(months) && months >= 1)) throw new RangeError(`a window is 1 or more months; got ${months}`);
  return { periodFrom: addMonths(periodTo, -(months - 1)), periodTo };
}

export function inWindow(period: string, window: PeriodWindow): boolean {
  return period >= window.periodFrom && period <= window.periodTo;
}
