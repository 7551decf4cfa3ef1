import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../../src/config/paths.js';
import {
  encodeSentimentModel,
  loadSentimentModel,
  SentimentModelError,
  type TrainingRow,
  trainSentimentModel,
} from '../../../src/domain/sentiment/index.js';
import { splitSentences } from '../../../src/domain/text/index.js';

// Synthetic answers, written for these tests.
const PRAISE = [
  'The nurses were kind',
  'Lovely caring team',
  'Very helpful reception',
  'Quick and friendly',
  'Great clinic',
];
const COMPLAINTS = [
  'The wait was awful',
  'Rude receptionist',
  'Nobody explained anything',
  'Car park is terrible',
  'Very slow',
];
const NEUTRAL = ['I came for a blood test', 'It was my second visit', 'The appointment was on Tuesday'];

function syntheticRows(): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (let k = 0; k < 6; k++) {
    for (const text of PRAISE) rows.push({ text: `${text} ${k}`, question: 'FFT Why?', label: 1 });
    for (const text of COMPLAINTS) rows.push({ text: `${text} ${k}`, question: 'FFT Why?', label: 5 });
    for (const text of NEUTRAL) rows.push({ text: `${text} ${k}`, label: 3 });
    rows.push({ text: 'Nothing', question: 'What could we do better?', label: 1 });
    rows.push({ text: 'Nothing', question: 'What was good?', label: 5 });
  }
  return rows;
}

const options = { features: { hashBits: 12 }, optimiser: { epochs: 20 } };

describe('trainSentimentModel', () => {
  it('is deterministic: the same rows and options give the same model file', () => {
    const a = JSON.stringify(encodeSentimentModel(trainSentimentModel(syntheticRows(), options)));
    const b = JSON.stringify(encodeSentimentModel(trainSentimentModel(syntheticRows(), options)));
    expect(a).toBe(b);
    const other = JSON.stringify(
      encodeSentimentModel(trainSentimentModel(syntheticRows(), { ...options, optimiser: { epochs: 20, seed: 99 } })),
    );
    expect(other).not.toBe(a);
  });

  it('rejects an empty training set', () => {
    expect(() => trainSentimentModel([])).toThrow(RangeError);
  });
});

describe('model file round trip', () => {
  const model = trainSentimentModel(syntheticRows(), options);
  const scorer = loadSentimentModel(JSON.parse(JSON.stringify(encodeSentimentModel(model))));

  it('scores like the model it was saved from', () => {
    const direct = loadSentimentModel(encodeSentimentModel(model));
    for (const text of ['The nurses were kind', 'The wait was awful']) {
      expect(scorer.score(text).probabilities.positive).toBeCloseTo(direct.score(text).probabilities.positive, 6);
    }
    expect(scorer.score('Lovely caring team').label).toBe('positive');
    expect(scorer.score('Rude receptionist').label).toBe('negative');
  });

  it('uses the question for bare answers', () => {
    expect(scorer.score('Nothing', 'What could we do better?').label).toBe('positive');
    expect(scorer.score('Nothing', 'What was good?').label).toBe('negative');
  });

  it('returns a score in −1…1 and a rating on the label side', () => {
    for (const text of ['Great clinic', 'Very slow', 'It was my second visit']) {
      const result = scorer.score(text);
      expect(result.score).toBeGreaterThanOrEqual(-1);
      expect(result.score).toBeLessThanOrEqual(1);
      const sum = result.probabilities.negative + result.probabilities.neutral + result.probabilities.positive;
      expect(sum).toBeCloseTo(1, 9);
      const side = result.label === 'positive' ? [4, 5] : result.label === 'negative' ? [1, 2] : [3];
      expect(side).toContain(result.rating);
    }
  });

  it('refuses a file that is not a model', () => {
    expect(() => loadSentimentModel({ format: 'something-else' })).toThrow(SentimentModelError);
    const file = encodeSentimentModel(model);
    expect(() =>
      loadSentimentModel({ ...file, weights: { ...file.weights, buckets: file.weights.buckets + 1 } }),
    ).toThrow(/value bytes/);
  });
});

describe('shipped model', () => {
  const scorer = loadSentimentModel(JSON.parse(readFileSync(shippedFile('models/sentiment-model.json'), 'utf8')));

  it('scores each clause of a mixed comment on its own', () => {
    const clauses = splitSentences('The surgeon was brilliant, the ward was appalling');
    expect(scorer.scoreSentences(clauses).map((s) => s.label)).toEqual(['positive', 'negative']);
  });

  it('reads "Nothing" by the prompt it answered', () => {
    expect(scorer.score('Nothing.', 'What could we do better?').label).toBe('positive');
    expect(scorer.score('Nothing.', 'What was good?').label).toBe('negative');
  });

  it('carries its provenance header', () => {
    expect(scorer.model.header.trainingData[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(scorer.model.header.trainingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
