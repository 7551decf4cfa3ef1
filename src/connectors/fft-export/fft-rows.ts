import type { ParsedItem } from '../connector.js';
import { parsePostedAt } from '../file/posted-at.js';
import { trustOdsCode } from '../http/ods-code.js';
import { type FftColumns, isNonAnswer } from './fft-columns.js';

export interface RowContext {
  location: string;
  /** Id when the file has no `Comment ID` column: file hash and line, stable across re-reads. */
  fallbackId: string;
  /** The trust the export belongs to, when the file has no ODS column. */
  odsCode?: string | undefined;
}

const cell = (row: readonly string[], index: number | undefined) => (index === undefined ? undefined : row[index]);

/** One data row as an item; null for a row with no answer (not a comment at all). */
export function fftRow(row: readonly string[], columns: FftColumns, ctx: RowContext): ParsedItem | null {
  const text = cell(row, columns.text) ?? '';
  if (isNonAnswer(text)) return null;
  const externalId = cell(row, columns.id)?.trim() || ctx.fallbackId;
  const date = cell(row, columns.date)?.trim();
  let postedAt: string | undefined;
  if (date) {
    postedAt = parsePostedAt(date) ?? undefined;
    if (!postedAt) {
      const raw = Object.fromEntries(Object.entries(columns).map(([field, index]) => [field, row[index]]));
      return {
        ok: false,
        rejection: {
          externalId,
          code: 'invalid_date',
          reason: `Date "${date}" is not a date`,
          raw,
          location: ctx.location,
        },
      };
    }
  }
  const question = cell(row, columns.question)?.trim();
  return {
    ok: true,
    item: {
      externalId,
      text,
      question: question || undefined,
      postedAt,
      odsCode: trustOdsCode(cell(row, columns.odsCode)) ?? ctx.odsCode,
    },
  };
}
