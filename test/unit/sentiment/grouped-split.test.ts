import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedFolds, splitTrainTest } from '../../../src/domain/sentiment/index.js';
import { textKey } from '../../../src/domain/text/normalise.js';

const commentArb = fc.array(
  fc.record({
    respondentId: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12'),
    text: fc.constantFrom(
      'Nothing.',
      'nothing',
      'Great staff',
      'great staff!',
      'Too slow',
      'Kind nurses',
      'Parking',
      'OK',
    ),
  }),
  { minLength: 1, maxLength: 80 },
);

describe('splitTrainTest', () => {
  it('never puts a respondent or a normalised text on both sides', () => {
    fc.assert(
      fc.property(commentArb, fc.integer({ min: 0, max: 1000 }), (comments, seed) => {
        const { train, test } = splitTrainTest(comments, { seed, maxTestGroupShare: 1 });
        expect(train.length + test.length).toBe(comments.length);
        const trainRespondents = new Set(train.map((i) => comments[i]?.respondentId));
        const trainTexts = new Set(train.map((i) => textKey(comments[i]?.text ?? '')));
        for (const i of test) {
          expect(trainRespondents.has(comments[i]?.respondentId)).toBe(false);
          expect(trainTexts.has(textKey(comments[i]?.text ?? ''))).toBe(false);
        }
      }),
    );
  });

  it('holds out about the requested share and is the same for the same seed', () => {
    const comments = Array.from({ length: 500 }, (_, i) => ({ respondentId: `r${i}`, text: `comment number ${i}` }));
    const a = splitTrainTest(comments, { seed: 3 });
    expect(a.test.length).toBe(100);
    expect(splitTrainTest(comments, { seed: 3 })).toEqual(a);
    expect(splitTrainTest(comments, { seed: 4 }).test).not.toEqual(a.test);
  });

  it('keeps groups larger than maxTestGroupShare in training', () => {
    const comments = [
      ...Array.from({ length: 30 }, (_, i) => ({ respondentId: `n${i}`, text: 'Nothing' })),
      ...Array.from({ length: 70 }, (_, i) => ({ respondentId: `r${i}`, text: `answer ${i}` })),
    ];
    for (let seed = 0; seed < 20; seed++) {
      const { test } = splitTrainTest(comments, { seed, maxTestGroupShare: 0.1 });
      expect(test.every((i) => i >= 30)).toBe(true);
    }
  });
});

describe('groupedFolds', () => {
  it('keeps each group inside one fold', () => {
    fc.assert(
      fc.property(commentArb, (comments) => {
        const folds = groupedFolds(comments, 3, 1);
        comments.forEach((a, i) => {
          comments.forEach((b, j) => {
            if (a.respondentId === b.respondentId || textKey(a.text) === textKey(b.text))
              expect(folds[i]).toBe(folds[j]);
          });
        });
      }),
    );
  });
});
