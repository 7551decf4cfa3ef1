import { describe, expect, it } from 'vitest';
import {
  cumulativeScore,
  levelProbabilities,
  trainCumulativeLogit,
} from '../../../bench/sentiment-ideas/trainers/cumulative-logit.js';
import { hiddenLayerForward, trainHiddenLayer } from '../../../bench/sentiment-ideas/trainers/hidden-layer.js';
import { mixedCueFeatures } from '../../../bench/sentiment-ideas/trainers/mixed-cues.js';
import { logCountRatios } from '../../../bench/sentiment-ideas/trainers/nb-ratios.js';
import {
  partialLabelGradient,
  softmaxPredict,
  trainSparseSoftmax,
} from '../../../bench/sentiment-ideas/trainers/sparse-softmax.js';
import { analyseLexiconForKind } from '../../../src/domain/sentiment/lexicon-scorer.js';
import { trainSoftmax } from '../../../src/domain/sentiment/softmax-regression.js';

const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));

describe('generalised softmax trainer', () => {
  it('gives the shipped trainer’s weights on fully labelled rows', () => {
    const rows = [[1, 2], [3, 4, 4], [1, 5], [6], [2, 6, 7]];
    const labels = [0, 2, 0, 1, 1];
    const counts = [2, 2, 1];
    const classWeight = counts.map((c) => (5 / (3 * c)) ** 0.5);
    const options = { epochs: 6, learningRate: 0.3, l2: 1e-4, classWeightPower: 0.5, seed: 3 };
    const shipped = trainSoftmax(rows, labels, 8, options);
    const general = trainSparseSoftmax(
      rows.map((features) => ({ features })),
      labels.map((y) => ({ allowed: [y], support: [0, 1, 2], weight: classWeight[y] as number })),
      { classes: 3, buckets: 8, epochs: 6, learningRate: 0.3, l2: 1e-4, seed: 3 },
    );
    expect([...general.weights]).toEqual([...shipped.weights]);
    expect([...general.bias]).toEqual([...shipped.bias]);
  });

  it('leaves classes outside a partial label’s support alone', () => {
    const gradient = new Float64Array(3);
    partialLabelGradient(Float64Array.from([0.2, 0.5, 0.3]), { allowed: [0], support: [0, 2], weight: 2 }, gradient);
    expect(gradient[1]).toBe(0);
    expect(gradient[0]).toBeCloseTo(2 * (0.2 / 0.5 - 1));
    expect(gradient[2]).toBeCloseTo(2 * (0.3 / 0.5));
  });

  it('learns a five-class problem', () => {
    const rows = [0, 1, 2, 3, 4].flatMap((c) => [0, 1, 2].map((k) => ({ features: [c, 10 + k] })));
    const model = trainSparseSoftmax(
      rows,
      rows.map((r) => ({ allowed: [r.features[0] as number], support: [0, 1, 2, 3, 4], weight: 1 })),
      { classes: 5, buckets: 16, epochs: 20, learningRate: 0.3, l2: 0, seed: 1 },
    );
    const p = new Float64Array(5);
    softmaxPredict(model, { features: [3, 11] }, p);
    expect(argmax(p)).toBe(3);
  });
});

describe('cumulative logit', () => {
  it('puts a middle-level comment between the cut points, with cut points in order', () => {
    // Feature 1 marks level 0, feature 2 level 2, feature 3 level 1; feature 0 is in every row.
    const rows = [1, 2, 3].flatMap((f) => Array.from({ length: 6 }, () => ({ features: [0, f] })));
    const level = (f: number) => (f === 1 ? 0 : f === 2 ? 2 : 1);
    const model = trainCumulativeLogit(
      rows,
      rows.map((r) => ({ low: level(r.features[1] as number), high: level(r.features[1] as number), weight: 1 })),
      { levels: 3, buckets: 8, epochs: 30, learningRate: 0.3, l2: 0, seed: 2 },
    );
    expect(model.cuts[0]).toBeLessThan(model.cuts[1] as number);
    const p = new Float64Array(3);
    for (const [feature, expected] of [
      [1, 0],
      [3, 1],
      [2, 2],
    ] as const) {
      levelProbabilities(model, cumulativeScore(model, { features: [0, feature] }), p);
      expect(argmax(p)).toBe(expected);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    }
  });

  it('learns from censored rows ("level 1 or 2")', () => {
    const rows = [
      ...Array.from({ length: 8 }, () => ({ row: { features: [1] }, label: { low: 0, high: 0, weight: 1 } })),
      ...Array.from({ length: 8 }, () => ({ row: { features: [2] }, label: { low: 1, high: 2, weight: 1 } })),
    ];
    const model = trainCumulativeLogit(
      rows.map((r) => r.row),
      rows.map((r) => r.label),
      { levels: 3, buckets: 4, epochs: 20, learningRate: 0.3, l2: 0, seed: 1 },
    );
    expect(cumulativeScore(model, { features: [2] })).toBeGreaterThan(cumulativeScore(model, { features: [1] }));
  });
});

describe('one-hidden-layer network', () => {
  it('learns "both cues → mixed", "neither → mixed" exactly (XOR), the same way every time', () => {
    // Feature 0 is in every row; 1 = praise, 2 = complaint.
    const cases = [
      { features: [0, 1], y: 2 },
      { features: [0, 2], y: 0 },
      { features: [0, 1, 2], y: 1 },
      { features: [0], y: 1 },
    ];
    const rows = cases.flatMap((c) => Array.from({ length: 10 }, () => ({ features: c.features })));
    const labels = cases.flatMap((c) =>
      Array.from({ length: 10 }, () => ({ allowed: [c.y], support: [0, 1, 2], weight: 1 })),
    );
    const options = { classes: 3, buckets: 4, hidden: 8, epochs: 60, learningRate: 0.1, l2: 0, seed: 5, wide: false };
    const model = trainHiddenLayer(rows, labels, options);
    const h = new Float64Array(8);
    const p = new Float64Array(3);
    for (const c of cases) {
      hiddenLayerForward(model, { features: c.features }, h, p);
      expect(argmax(p)).toBe(c.y);
    }
    expect([...trainHiddenLayer(rows, labels, options).embedding]).toEqual([...model.embedding]);
  });
});

describe('NB log-count ratios', () => {
  it('are positive for buckets seen only in the class, negative for buckets seen only outside, 0 when unseen', () => {
    const rows = [{ features: [1, 3] }, { features: [1, 3, 3] }, { features: [2, 3] }, { features: [2] }];
    const ratios = logCountRatios(rows, [true, true, false, false], 5);
    expect(ratios[1]).toBeGreaterThan(0);
    expect(ratios[2]).toBeLessThan(0);
    expect(ratios[0]).toBe(0);
    // Bucket 3 is in both classes' rows (twice in one row, counted once): weaker than bucket 1.
    expect(ratios[3]).toBeLessThan(ratios[1] as number);
  });
});

describe('mixed-comment cues', () => {
  const only = { both: false, contrast: true, questionWords: false };
  it('mark a contrast word between praise and complaint, and nothing in a comment without one', () => {
    const turn = mixedCueFeatures(
      analyseLexiconForKind('The crew were lovely but the wait was awful', 'why'),
      12,
      only,
    );
    const plain = mixedCueFeatures(
      analyseLexiconForKind('The crew were lovely and the wait was short', 'why'),
      12,
      only,
    );
    expect(turn.length).toBeGreaterThan(0);
    expect(plain).toEqual([]);
  });

  it('cross every word with the prompt kind only when asked', () => {
    const analysis = analyseLexiconForKind('More staff please', 'what_could_be_better');
    const crossed = mixedCueFeatures(analysis, 12, { both: false, contrast: false, questionWords: true });
    expect(crossed).toHaveLength(3);
    expect(mixedCueFeatures(analysis, 12, only)).toEqual([]);
    const why = mixedCueFeatures({ ...analysis, question: 'why' }, 12, {
      both: false,
      contrast: false,
      questionWords: true,
    });
    expect(why).not.toEqual(crossed);
  });
});
