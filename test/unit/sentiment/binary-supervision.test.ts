import { describe, expect, it } from 'vitest';
import {
  type BinaryTrainingRow,
  binaryReport,
  crossValidate,
  encodeSentimentModel,
  loadSentimentModel,
  type TrainingRow,
  trainSentimentModel,
} from '../../../src/domain/sentiment/index.js';
import { trainSoftmax } from '../../../src/domain/sentiment/softmax-regression.js';

// Synthetic answers, written for these tests.
const threeClass: TrainingRow[] = [];
const twoClass: BinaryTrainingRow[] = [];
for (let k = 0; k < 8; k++) {
  threeClass.push({ text: `Kind nurses on ward ${k}`, label: 1 });
  threeClass.push({ text: `Rude porter at gate ${k}`, label: 5 });
  threeClass.push({ text: `Came in on day ${k}`, label: 3 });
  twoClass.push({ text: `Thoughtful helpful doctor number ${k}`, negative: false });
  twoClass.push({ text: `Dismissive careless doctor number ${k}`, negative: true });
}
const options = { features: { hashBits: 12 }, optimiser: { epochs: 10 } };

describe('two-class supervision', () => {
  it('never moves the neutral logit', () => {
    const rows = [
      [1, 2],
      [3, 4],
      [1, 5],
    ];
    const model = trainSoftmax(
      rows,
      [0, 2, 0],
      8,
      { epochs: 5, learningRate: 0.3, l2: 0, classWeightPower: 0.5, seed: 1 },
      {
        weights: [1, 1, 1],
        binary: [true, true, true],
      },
    );
    expect(model.bias[1]).toBe(0);
    for (let b = 0; b < 8; b++) expect(model.weights[b * 3 + 1]).toBe(0);
    expect(model.weights[2 * 3 + 0]).toBeGreaterThan(0);
    expect(model.weights[3 * 3 + 2]).toBeGreaterThan(0);
  });

  it('teaches polarity words the 3-class rows never saw', () => {
    const without = loadSentimentModel(encodeSentimentModel(trainSentimentModel(threeClass, options)));
    const withBinary = loadSentimentModel(
      encodeSentimentModel(trainSentimentModel(threeClass, { ...options, binaryWeight: 0.5 }, twoClass)),
    );
    const text = 'A dismissive careless doctor';
    expect(withBinary.score(text).probabilities.negative).toBeGreaterThan(without.score(text).probabilities.negative);
    expect(withBinary.score(text).label).toBe('negative');
  });

  it('ignores the two-class rows when their weight is 0', () => {
    const a = JSON.stringify(encodeSentimentModel(trainSentimentModel(threeClass, { ...options, binaryWeight: 0 })));
    const b = encodeSentimentModel(trainSentimentModel(threeClass, { ...options, binaryWeight: 0 }, twoClass));
    expect(JSON.stringify(b)).toBe(a);
  });

  it('cross-validation scores every two-class row out of fold', () => {
    const cv = crossValidate(threeClass, { ...options, binaryWeight: 0.5 }, 4, 1, twoClass);
    expect(cv.binary?.probabilities).toHaveLength(twoClass.length);
    expect(cv.binary?.probabilities.every((p) => Math.abs(p[0]! + p[1]! + p[2]! - 1) < 1e-9)).toBe(true);
    const report = binaryReport(cv);
    expect(report?.n).toBe(twoClass.length);
    expect(binaryReport(crossValidate(threeClass, options, 4, 1))).toBeUndefined();
  });
});

describe('length cues', () => {
  it('are off by default and read as on from files written before the option', () => {
    const model = trainSentimentModel(threeClass, options);
    expect(model.features.lengthCues).toBe(false);
    const file = encodeSentimentModel(model);
    const { lengthCues: _dropped, ...olderFeatures } = file.features;
    expect(loadSentimentModel({ ...file, features: olderFeatures }).model.features.lengthCues).toBe(true);
  });
});
