/** Accuracy, macro-F1, per-class recall and the confusion matrix of a classification. */
export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  recall: number[];
  f1: number[];
  /** `confusion[truth][predicted]`. */
  confusion: number[][];
}

export function classificationReport(
  truth: readonly number[],
  predicted: readonly number[],
  classCount: number,
): ClassificationReport {
  if (truth.length !== predicted.length) {
    throw new RangeError(`classificationReport: ${truth.length} labels but ${predicted.length} predictions`);
  }
  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i] as number;
    (confusion[t] as number[])[p] = ((confusion[t] as number[])[p] as number) + 1;
    if (t === p) correct++;
  });
  const recall: number[] = [];
  const f1: number[] = [];
  for (let c = 0; c < classCount; c++) {
    const tp = (confusion[c] as number[])[c] as number;
    const actual = (confusion[c] as number[]).reduce((a, b) => a + b, 0);
    const claimed = confusion.reduce((a, row) => a + (row[c] as number), 0);
    const r = actual === 0 ? 0 : tp / actual;
    const p = claimed === 0 ? 0 : tp / claimed;
    recall.push(r);
    f1.push(r + p === 0 ? 0 : (2 * r * p) / (r + p));
  }
  return {
    n: truth.length,
    accuracy: truth.length === 0 ? 0 : correct / truth.length,
    macroF1: f1.reduce((a, b) => a + b, 0) / classCount,
    recall,
    f1,
    confusion,
  };
}
