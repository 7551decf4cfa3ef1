import { describe, expect, it } from 'vitest';
import { bareAnswer } from '../../../src/domain/sentiment/bare-answers.js';

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
});
