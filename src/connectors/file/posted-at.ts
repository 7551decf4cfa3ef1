/**
 * Reads the posting date of a dropped record into an ISO-8601 instant. Accepted: ISO dates and
 * date-times (no offset means UTC) and the UK `dd/mm/yyyy` of FFT exports. A date that is impossible
 * as day/month but valid as month/day (`5/31/2022`, found in real FFT exports) is read as month/day.
 * Returns null for anything else, including impossible calendar dates.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function utcMidnight(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString();
}

export function parsePostedAt(value: string): string | null {
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, fraction, offset] = iso;
    const [year, month, day] = [Number(y), Number(mo), Number(d)];
    if (!isCalendarDate(year, month, day)) return null;
    if (h === undefined) return utcMidnight(year, month, day);
    if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
    const zone =
      offset === undefined || offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const instant = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${(fraction ?? '').slice(0, 4)}${zone}`);
    return Number.isNaN(instant) ? null : new Date(instant).toISOString();
  }
  const uk = UK.exec(text);
  if (uk) {
    const [first, second, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
    if (isCalendarDate(year, second, first)) return utcMidnight(year, second, first);
    if (isCalendarDate(year, first, second)) return utcMidnight(year, first, second);
  }
  return null;
}
