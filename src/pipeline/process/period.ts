/** The period (`YYYY-MM`, Europe/London) of an instant: the unit every aggregate is counted in. */

const LONDON_MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });

export function londonPeriod(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(instant)}`);
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
