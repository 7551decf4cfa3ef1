import { normaliseHeader } from '../file/csv-columns.js';

/**
 * Columns of a trust's FFT free-text export in the national framework layout (`Comment ID`,
 * `Date`, `Service type 1`, `Service type 2`, `FFT categorical answer`, `FFT question`, `FFT answer`),
 * with plain names accepted too. Matching ignores case and spacing; other columns are ignored.
 */
export const FFT_FIELDS = ['id', 'text', 'question', 'rating', 'service', 'subService', 'date', 'odsCode'] as const;
export type FftField = (typeof FFT_FIELDS)[number];

const NAMES: Record<FftField, readonly string[]> = {
  id: ['comment id', 'id'],
  text: ['fft answer', 'text', 'comment', 'free text'],
  question: ['fft question', 'question'],
  rating: ['fft categorical answer', 'rating'],
  service: ['service type 1', 'service'],
  subService: ['service type 2'],
  date: ['date', 'response date'],
  odsCode: ['ods code', 'org code', 'organisation code', 'trust code'],
};

export type FftColumns = Partial<Record<FftField, number>>;

export function mapFftColumns(header: readonly string[]): FftColumns {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    if (!positions.has(key)) positions.set(key, index);
  });
  const columns: FftColumns = {};
  for (const field of FFT_FIELDS) {
    const index = NAMES[field].map((name) => positions.get(name)).find((i) => i !== undefined);
    if (index !== undefined) columns[field] = index;
  }
  return columns;
}

/** Answers that are not comments: nothing written, or the survey's own placeholder. */
export function isNonAnswer(text: string): boolean {
  const clean = text.trim().toLowerCase();
  return clean === '' || clean === 'did not answer' || clean === 'n/a - did not answer';
}
