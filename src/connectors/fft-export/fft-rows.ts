import type { CommentAttributes } from '../../domain/model.js';
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

/** The respondent's FFT answer, 1 (very good) … 5 (very poor); the undocumented codes 6 and 7 and
 *  blanks are unknown and left out. `1.0` is read as 1 (older exports write floats). */
export function fftRatingOf(value: string | undefined): CommentAttributes['fftRating'] {
  const score = Number(value?.trim() || Number.NaN);
  return Number.isInteger(score) && score >= 1 && score <= 5 ? (score as 1 | 2 | 3 | 4 | 5) : undefined;
}

/** `Service type 1`, with `Service type 2` after a slash when the export has a sub-department. */
function serviceOf(row: readonly string[], columns: FftColumns): string | undefined {
  const names = [cell(row, columns.service), cell(row, columns.subService)].map((name) => name?.trim() ?? '');
  const [service, subService] = names;
  if (!service) return subService || undefined;
  return subService ? `${service} / ${subService}` : service;
}

function attributesOf(row: readonly string[], columns: FftColumns): CommentAttributes | undefined {
  const fftRating = fftRatingOf(cell(row, columns.rating));
  const service = serviceOf(row, columns);
  const attributes: CommentAttributes = {
    ...(fftRating !== undefined && { fftRating }),
    ...(service !== undefined && { service }),
  };
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}

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
      attributes: attributesOf(row, columns),
    },
  };
}
