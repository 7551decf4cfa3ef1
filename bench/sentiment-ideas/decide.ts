/**
 * Turning out-of-fold probabilities into classes, two ways, and printing one line per idea:
 * - offsets added to the log-probabilities (the training script's way) or two cut points on one score;
 * - chosen on all out-of-fold FFT rows (as the training script does: slightly optimistic, the rows that judge
 *   the choice also made it) and cross-fitted (chosen on the other four folds, applied to the fifth).
 * The objective is the training script's: the mean of FFT 3-class accuracy and macro-F1.
 */
import { offsetArgmax } from '../../src/domain/sentiment/cross-validate.js';
import { type ClassificationReport, classificationReport, tuneLogitOffsets } from '../../src/domain/sentiment/index.js';
import { type CvRows, FOLDS } from './cv-rows.js';

/** How probabilities become a class, as tuned on some rows: returns the class of a row's probabilities. */
type Tuner = (probabilities: readonly Float64Array[], labels: readonly number[]) => (p: Float64Array) => number;

export const byOffsets: Tuner = (probabilities, labels) => {
  const { offsets } = tuneLogitOffsets({
    report: undefined as never,
    probabilities: [...probabilities],
    labels: [...labels],
  });
  return (p) => offsetArgmax(p, offsets);
};

/** Offsets chosen for macro-F1 alone, on a wider grid: how much macro-F1 moving thresholds can buy. */
export const byOffsetsForMacroF1: Tuner = (probabilities, labels) => {
  let best = { objective: -1, offsets: [0, 0, 0] as [number, number, number] };
  for (let a = -15; a <= 15; a++) {
    for (let b = -15; b <= 15; b++) {
      const offsets: [number, number, number] = [a / 10, b / 10, 0];
      const report = classificationReport(
        labels,
        probabilities.map((p) => offsetArgmax(p, offsets)),
        3,
      );
      if (report.macroF1 > best.objective + 1e-12) best = { objective: report.macroF1, offsets };
    }
  }
  return (p) => offsetArgmax(p, best.offsets);
};

/** The one-dimensional reading of a comment: log P(negative) − log P(positive). */
const polarityScore = (p: Float64Array) =>
  Math.log(Math.max(p[0] as number, 1e-12)) - Math.log(Math.max(p[2] as number, 1e-12));
const CUT_CANDIDATES = 400;

/**
 * Two cut points on the polarity score (positive below, neutral between, negative above), chosen among
 * CUT_CANDIDATES quantiles by the objective: an ordinal reading that ignores the neutral logit entirely.
 */
export const byCuts: Tuner = (probabilities, labels) => {
  const order = probabilities
    .map((p, i) => ({ s: polarityScore(p), y: labels[i] as number }))
    .sort((a, b) => a.s - b.s);
  const n = order.length;
  // below[k][c]: rows of class c among the k lowest scores.
  const below = [[0, 0, 0]];
  for (const { y } of order) {
    const last = below[below.length - 1] as number[];
    below.push(last.map((count, c) => count + (c === y ? 1 : 0)));
  }
  const positions = [
    ...new Set(Array.from({ length: CUT_CANDIDATES + 1 }, (_, k) => Math.round((k * n) / CUT_CANDIDATES))),
  ];
  const totals = below[n] as number[];
  let best = { objective: -1, low: 0, high: 0 };
  for (const i of positions) {
    for (const j of positions) {
      if (j < i) continue;
      // Predicted positive: [0, i); neutral: [i, j); negative: [j, n).
      const bi = below[i] as number[];
      const bj = below[j] as number[];
      const hit = [(totals[0] as number) - (bj[0] as number), (bj[1] as number) - (bi[1] as number), bi[2] as number];
      const claimed = [n - j, j - i, i];
      let f1 = 0;
      for (let c = 0; c < 3; c++) {
        const r = (totals[c] as number) === 0 ? 0 : (hit[c] as number) / (totals[c] as number);
        const p = (claimed[c] as number) === 0 ? 0 : (hit[c] as number) / (claimed[c] as number);
        f1 += r + p === 0 ? 0 : (2 * r * p) / (r + p);
      }
      const objective = ((hit[0] as number) + (hit[1] as number) + (hit[2] as number)) / n / 2 + f1 / 6;
      if (objective > best.objective + 1e-12) best = { objective, low: i, high: j };
    }
  }
  const cut = (k: number) =>
    k <= 0 ? -Infinity : k >= n ? Infinity : ((order[k - 1]?.s as number) + (order[k]?.s as number)) / 2;
  const low = cut(best.low);
  const high = cut(best.high);
  return (p) => {
    const s = polarityScore(p);
    return s >= high ? 0 : s >= low ? 1 : 2;
  };
};

export interface IdeaScores {
  fft: ClassificationReport;
  crossFitted: ClassificationReport;
  phase1: ClassificationReport;
  long: ClassificationReport;
}

/** FFT, phase-1 and long-comment scores of out-of-fold probabilities under one tuner. */
export function scoreIdea(
  cv: CvRows,
  probabilities: readonly Float64Array[],
  tuner: Tuner,
  longWords: number,
): IdeaScores {
  const fftIndex = cv.labels.map((_, i) => i);
  const fftProbabilities = probabilities.slice(0, cv.fftCount);
  const decide = tuner(fftProbabilities, cv.labels);
  const crossFitted = new Array<number>(cv.fftCount);
  for (let f = 0; f < FOLDS; f++) {
    const others = fftIndex.filter((i) => cv.foldOf[i] !== f);
    const foldDecide = tuner(
      others.map((i) => probabilities[i] as Float64Array),
      others.map((i) => cv.labels[i] as number),
    );
    for (const i of fftIndex) if (cv.foldOf[i] === f) crossFitted[i] = foldDecide(probabilities[i] as Float64Array);
  }
  const saysNegative = probabilities.map((p) => (decide(p) === 0 ? 1 : 0));
  const twoClass = (pick: (i: number) => boolean) => {
    const index = probabilities.map((_, i) => i).filter(pick);
    return classificationReport(
      index.map((i) => (cv.negative[i] ? 1 : 0)),
      index.map((i) => saysNegative[i] as number),
      2,
    );
  };
  return {
    fft: classificationReport(cv.labels, fftProbabilities.map(decide), 3),
    crossFitted: classificationReport(cv.labels, crossFitted, 3),
    phase1: twoClass((i) => i >= cv.fftCount),
    long: twoClass((i) => (cv.words[i] as number) >= longWords),
  };
}

const f3 = (x: number | undefined) => (x ?? 0).toFixed(3).padStart(6);

export const IDEA_HEADER =
  `${'idea'.padEnd(40)} | FFT acc    mF1 rec-neu | cross-fit acc mF1 rec-neu | ph1 acc    mF1 | ` +
  'long acc   mF1 | objective (FFT, ph1)';

export function ideaLine(name: string, s: IdeaScores): string {
  const { fft, crossFitted: x, phase1, long } = s;
  return (
    `${name.padEnd(40)} | ${f3(fft.accuracy)} ${f3(fft.macroF1)} ${f3(fft.recall[1])} | ${f3(x.accuracy)} ` +
    `${f3(x.macroF1)} ${f3(x.recall[1])}   | ${f3(phase1.accuracy)} ${f3(phase1.macroF1)} | ${f3(long.accuracy)} ` +
    `${f3(long.macroF1)} | ${f3((fft.accuracy + fft.macroF1) / 2)} ${f3((phase1.accuracy + phase1.macroF1) / 2)}`
  );
}
