import { parse } from 'csv-parse/sync';
import type { SentimentLabel } from '../model.js';

/** FFT framework sentiment: 1 very positive … 5 very negative (3 = neutral or mixed). */
export type FftSentiment = 1 | 2 | 3 | 4 | 5;

/** One labelled answer from the FFT framework file. */
export interface FftLabelledComment {
  commentId: string;
  respondentId: string;
  question: string;
  text: string;
  label: FftSentiment;
}

/** One comment with a criticality label reduced to negative / not negative. */
export interface CriticalityComment {
  id: string;
  text: string;
  negative: boolean;
}

export class TrainingDataError extends Error {
  readonly code = 'training_data_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

function readRecords(csvText: string, required: readonly string[], what: string): Record<string, string>[] {
  const records = parse(csvText, {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  const first = records[0];
  if (first === undefined) throw new TrainingDataError(`${what}: the file has no data rows`);
  const missing = required.filter((column) => !(column in first));
  if (missing.length > 0) throw new TrainingDataError(`${what}: missing column(s) ${missing.join(', ')}`);
  return records;
}

/** FFT 5-point sentiment → CareVoice's three labels (1–2 positive, 3 neutral or mixed, 4–5 negative). */
export function fftSentimentToLabel(label: FftSentiment): SentimentLabel {
  return label <= 2 ? 'positive' : label === 3 ? 'neutral' : 'negative';
}

/**
 * Reads the FFT qualitative-framework layout (`Comment ID`, `Respondent ID`, `FFT question`, `FFT answer`,
 * `Comment sentiment`, …). Rows without a 1–5 sentiment or without text are left out.
 */
export function parseFftFrameworkCsv(csvText: string): FftLabelledComment[] {
  const required = ['Comment ID', 'Respondent ID', 'FFT question', 'FFT answer', 'Comment sentiment'];
  const out: FftLabelledComment[] = [];
  for (const record of readRecords(csvText, required, 'FFT framework CSV')) {
    const text = (record['FFT answer'] ?? '').trim();
    const label = Number((record['Comment sentiment'] ?? '').trim());
    if (text === '' || !Number.isInteger(label) || label < 1 || label > 5) continue;
    out.push({
      commentId: record['Comment ID'] ?? '',
      respondentId: record['Respondent ID'] ?? '',
      question: record['FFT question'] ?? '',
      text,
      label: label as FftSentiment,
    });
  }
  return out;
}

/**
 * Reads the criticality layout (`feedback`, `criticality` −5…5, `row_index`): ≥ 1 is not negative,
 * ≤ −1 negative; 0 (used as "not rated") and junk values are left out.
 */
export function parseCriticalityCsv(csvText: string): CriticalityComment[] {
  const out: CriticalityComment[] = [];
  for (const record of readRecords(csvText, ['feedback', 'criticality'], 'criticality CSV')) {
    const text = (record['feedback'] ?? '').trim();
    const raw = (record['criticality'] ?? '').trim();
    if (text === '' || !/^-?[1-5]$/.test(raw)) continue;
    out.push({ id: record['row_index'] ?? String(out.length), text, negative: Number(raw) < 0 });
  }
  return out;
}
