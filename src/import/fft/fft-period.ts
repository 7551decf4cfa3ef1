/**
 * FFT periods. Raw monthly submissions name the financial year (`2025_26`) and the month (`AUGUST`);
 * April–December fall in the first calendar year, January–March in the second.
 */
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** `YYYY-MM` with a real month. */
export const isPeriod = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

function monthNumber(name: string): number | undefined {
  const v = name.trim().toLowerCase();
  if (v.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m === v || m.slice(0, 3) === v);
  return index < 0 ? undefined : index + 1;
}

/**
 * `Yearnumber` + `Periodname` → `YYYY-MM`, or a message saying what is wrong. `Yearnumber` is a
 * financial year (`2025_26`, `2025-26`, `2025/26`); a plain calendar year (`2025`) is taken as given.
 */
export function fftPeriodOf(yearnumber: string, periodname: string): { period: string } | { error: string } {
  const month = monthNumber(periodname);
  if (month === undefined) return { error: `Periodname "${periodname}" is not a month` };
  const y = yearnumber.trim();
  const financial = /^(\d{4})[_/-](\d{2}|\d{4})$/.exec(y);
  if (financial) {
    const start = Number(financial[1]);
    const end = Number(financial[2]!.length === 2 ? `${String(start + 1).slice(0, 2)}${financial[2]}` : financial[2]);
    if (end !== start + 1) return { error: `Yearnumber "${yearnumber}" is not a financial year like 2025_26` };
    const year = month >= 4 ? start : start + 1;
    return { period: `${year}-${String(month).padStart(2, '0')}` };
  }
  if (/^\d{4}$/.test(y)) return { period: `${y}-${String(month).padStart(2, '0')}` };
  return { error: `Yearnumber "${yearnumber}" is not a financial year like 2025_26` };
}
