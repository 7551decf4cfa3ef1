import type { ColumnSpec } from '../header-map.js';

/**
 * The two FFT layouts (DATA.md §7). The `Trusts` / `Sites` sheets of NHS England's monthly workbook,
 * exported to CSV, carry title rows above the header; the raw monthly submission has its header first.
 */

const COUNT_COLUMNS = {
  veryGood: { names: ['Very Good'], required: true },
  good: { names: ['Good'], required: true },
  neither: { names: ['Neither Good nor Poor', 'Neither Good Nor Poor', 'Neither'], required: true },
  poor: { names: ['Poor'], required: true },
  veryPoor: { names: ['Very Poor'], required: true },
  dontKnow: { names: ["Don't Know", 'Dont Know', "Don't know"], required: true },
} as const;

export const FFT_SHEET_COLUMNS = {
  trustCode: { names: ['Trust Code', 'Org Code'], required: true },
  siteCode: { names: ['Site Code'], required: false },
  totalResponses: { names: ['Total Responses'], required: true },
  totalEligible: { names: ['Total Eligible'], required: true },
  percentagePositive: { names: ['Percentage Positive'], required: true },
  percentageNegative: { names: ['Percentage Negative'], required: true },
  ...COUNT_COLUMNS,
} as const satisfies ColumnSpec<string>;
export type FftSheetField = keyof typeof FFT_SHEET_COLUMNS;

/** The response sums are matched by their leading digit (`1 Very Good SUM`), see rawCountColumns. */
export const FFT_RAW_COLUMNS = {
  yearnumber: { names: ['Yearnumber', 'Year number'], required: true },
  periodname: { names: ['Periodname', 'Period name'], required: true },
  orgCode: { names: ['Org code', 'Organisation code'], required: true },
  totalResponses: { names: ['Total Responses'], required: true },
  totalEligible: { names: ['Total Eligible'], required: true },
} as const satisfies ColumnSpec<string>;
export type FftRawField = keyof typeof FFT_RAW_COLUMNS;

export const RESPONSE_FIELDS = ['veryGood', 'good', 'neither', 'poor', 'veryPoor', 'dontKnow'] as const;
export type ResponseField = (typeof RESPONSE_FIELDS)[number];

/**
 * Raw submissions name their sums `1 Very Good SUM` … `6 Dont Know SUM`; only the first spelling is
 * documented, so the digit before the words decides. Returns the field → column index map.
 */
export function rawCountColumns(header: readonly string[]): Partial<Record<ResponseField, number>> {
  const out: Partial<Record<ResponseField, number>> = {};
  header.forEach((h, i) => {
    const m = /^([1-6])\s+.*\bsum$/i.exec(h.trim());
    if (m) out[RESPONSE_FIELDS[Number(m[1]) - 1]!] = i;
  });
  return out;
}
