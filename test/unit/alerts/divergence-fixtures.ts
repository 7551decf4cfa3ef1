import { addMonths } from '../../../src/alerts/divergence/periods.js';
import type { ThemeId } from '../../../src/domain/model.js';
import type { AggregateCounts } from '../../../src/storage/store.js';

/** Synthetic trust × theme counts for the divergence rules (every tumour group together). */
export function cell(odsCode: string, theme: ThemeId, period: string, n: number, positive: number): AggregateCounts {
  return {
    odsCode,
    theme,
    tumourGroup: 'all',
    period,
    n,
    positive,
    neutral: 0,
    negative: n - positive,
    meanScore: 0,
  };
}

/** `months` months of the same counts, ending with `periodTo`. */
export function months(
  odsCode: string,
  theme: ThemeId,
  periodTo: string,
  count: number,
  perMonth: { n: number; positive: number },
): AggregateCounts[] {
  return Array.from({ length: count }, (_, i) =>
    cell(odsCode, theme, addMonths(periodTo, -i), perMonth.n, perMonth.positive),
  );
}
