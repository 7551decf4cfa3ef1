/** The period (`YYYY-MM`, Europe/London) of an instant: the unit every aggregate is counted in. */

const LONDON_MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });

const HOUR_MS = 3_600_000;

export function londonPeriod(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError(`not a date: ${String(instant)}`);
  // Since 1972 London has been at UTC or UTC+1, so its month is UTC's except in the last hour of a
  // UTC month; only there (and for older or far-future instants) is the time-zone database asked.
  // Every comment is dated, so this runs once per comment and Intl costs microseconds a call.
  const utcYear = date.getUTCFullYear();
  const utcMonth = date.getUTCMonth();
  if (utcYear >= 1972 && utcYear <= 9999 && new Date(time + HOUR_MS).getUTCMonth() === utcMonth) {
    return `${utcYear}-${String(utcMonth + 1).padStart(2, '0')}`;
  }
  const parts = LONDON_MONTH.formatToParts(date);
  const year = parts.find((part) => part.type === 'year')?.value;
  const month = parts.find((part) => part.type === 'month')?.value;
  return `${year}-${month}`;
}

/** A comment's period: when it was posted, else when it was fetched. */
export function commentPeriod(comment: { postedAt?: string | undefined; fetchedAt: string }): string {
  return londonPeriod(comment.postedAt ?? comment.fetchedAt);
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (`YYYY-MM-DD`) of an instant in Europe/London: what "tonight's export" means. */
export function londonDate(instant: Date): string {
  return LONDON_DAY.format(instant);
}
