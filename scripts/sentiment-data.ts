import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CriticalityComment,
  type FftLabelledComment,
  parseCriticalityCsv,
  parseFftFrameworkCsv,
  type SplitOptions,
  splitTrainTest,
} from '../src/domain/sentiment/index.js';
import { textKey } from '../src/domain/text/normalise.js';

/** The split every sentiment script uses, so training and evaluation hold out the same comments. */
export const SENTIMENT_SPLIT: Required<SplitOptions> = { seed: 20240617, testShare: 0.2, maxTestGroupShare: 0.02 };

export const FFT_FILE = 'fft-comments-labelled.csv';
export const PHASE1_FILE = 'fft-comments-phase1-criticality.csv';
/** CC BY-NC-SA: evaluation only, never training. */
export const CARE_OPINION_FILE = 'care-opinion-comments-criticality.csv';

export interface DataFile {
  file: string;
  sha256: string;
  text: string;
}

export function readDataFile(dataDir: string, file: string): DataFile {
  const path = join(dataDir, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(
      `cannot read ${path} (${(error as Error).message}); pass --data <dir> or set CAREVOICE_SHARED_DATA`,
    );
  }
  return { file, sha256: createHash('sha256').update(bytes).digest('hex'), text: bytes.toString('utf8') };
}

export interface FftSplit {
  source: DataFile;
  train: FftLabelledComment[];
  test: FftLabelledComment[];
}

/** The labelled FFT comments split into training and held-out parts (grouped by respondent and text). */
export function readFftSplit(dataDir: string): FftSplit {
  const source = readDataFile(dataDir, FFT_FILE);
  const rows = parseFftFrameworkCsv(source.text);
  const { train, test } = splitTrainTest(rows, SENTIMENT_SPLIT);
  return {
    source,
    train: train.map((i) => rows[i] as FftLabelledComment),
    test: test.map((i) => rows[i] as FftLabelledComment),
  };
}

export interface CriticalitySplit {
  source: DataFile;
  /** Trained on: no text of the FFT held-out set. */
  train: CriticalityComment[];
  /** Held out for evaluation: no text of the FFT training set or of `train`. */
  test: CriticalityComment[];
}

/**
 * The MIT-licensed phase-1 criticality file split like the FFT file (grouped by text, same seed and share).
 * Every row whose text is in the FFT held-out set is dropped, so training on it cannot leak into that test.
 */
export function readPhase1Split(dataDir: string, fft: FftSplit): CriticalitySplit {
  const { source, rows } = readCriticality(dataDir, PHASE1_FILE);
  const fftTest = new Set(fft.test.map((r) => textKey(r.text)));
  const fftTrain = new Set(fft.train.map((r) => textKey(r.text)));
  const usable = rows.filter((r) => !fftTest.has(textKey(r.text)));
  const { train, test } = splitTrainTest(usable, SENTIMENT_SPLIT);
  return {
    source,
    train: train.map((i) => usable[i] as CriticalityComment),
    test: test.map((i) => usable[i] as CriticalityComment).filter((r) => !fftTrain.has(textKey(r.text))),
  };
}

export function readCriticality(dataDir: string, file: string): { source: DataFile; rows: CriticalityComment[] } {
  const source = readDataFile(dataDir, file);
  return { source, rows: parseCriticalityCsv(source.text) };
}

/** Value of `--name value` on the command line, or undefined. */
export function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
