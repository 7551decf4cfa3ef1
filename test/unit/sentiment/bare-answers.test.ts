import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARE, bareAnswer } from '../../../src/domain/sentiment/bare-answers.js';
import { textKey } from '../../../src/domain/text/normalise.js';

describe('bareAnswer', () => {
  it('reads a whole answer whatever its case, punctuation and spacing', () => {
    expect(bareAnswer('Nothing.')).toBe('nothing');
    expect(bareAnswer('  ...NOTHING at all!!')).toBe('nothing');
    expect(bareAnswer('N/A')).toBe('nothing');
    expect(bareAnswer('"Everything"')).toBe('everything');
    expect(bareAnswer('All of the above')).toBe('everything');
    expect(bareAnswer('The lot')).toBe('everything');
    expect(bareAnswer("Don't know")).toBe('unsure');
    expect(bareAnswer('Don’t know')).toBe('unsure');
    expect(bareAnswer('Don`t know')).toBe('unsure');
    expect(bareAnswer('Yes')).toBe('unsure');
    expect(bareAnswer('¡Nothing!')).toBe('nothing');
  });

  it('gives nothing for other answers, long ones and empty ones', () => {
    expect(bareAnswer('Nothing could be better, the staff were wonderful and so kind')).toBeUndefined();
    expect(bareAnswer('Staff')).toBeUndefined();
    expect(bareAnswer('1 nothing')).toBeUndefined();
    expect(bareAnswer('Quicker')).toBeUndefined();
    expect(bareAnswer('...')).toBeUndefined();
    expect(bareAnswer('')).toBeUndefined();
  });

  it('answers as the full key lookup does: the first-letter shortcut never rules out a bare answer', () => {
    const keys = [...BARE.keys()];
    // Bare answers dressed up as people write them, beside arbitrary text.
    const dressed = fc
      .tuple(
        fc.constantFrom(...keys),
        fc.constantFrom('', ' ', '...', '"', '¡', '-', '1 ', 'É', '\u00a0', '(', '*'),
        fc.constantFrom('', '.', '!', '!!', '?', '"', ' :)', '…'),
        fc.boolean(),
      )
      .map(([key, before, after, upper]) => `${before}${upper ? key.toUpperCase() : key}${after}`);
    fc.assert(
      fc.property(
        fc.oneof(dressed, fc.string({ maxLength: 45 }), fc.string({ unit: 'grapheme', maxLength: 12 })),
        (text) => {
          const full = text.length > 40 ? undefined : BARE.get(textKey(text));
          expect(bareAnswer(text)).toBe(full);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
