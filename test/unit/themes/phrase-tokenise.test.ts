import { describe, expect, it } from 'vitest';
import { tokenise } from '../../../src/domain/themes/phrase-matcher.js';

describe('phrase-matcher tokenise', () => {
  it('drops apostrophes inside and at the end of words, and reads "&" as "and"', () => {
    expect(tokenise("Guy’s & St Thomas' patients'")).toEqual({
      raw: ['Guys', 'and', 'St', 'Thomas', 'patients'],
      lower: ['guys', 'and', 'st', 'thomas', 'patients'],
      starts: [0, 6, 8, 11, 19],
      ends: [5, 7, 10, 18, 28],
    });
  });
  it('splits on hyphens and other punctuation, keeps non-ASCII letters and digits', () => {
    expect(tokenise('Addenbrooke’s-ward 4B, Zoë').raw).toEqual(['Addenbrookes', 'ward', '4B', 'Zoë']);
  });
  it('keeps an apostrophe run to letters: a digit after one starts a new token', () => {
    expect(tokenise("it's2 o'").raw).toEqual(['its', '2', 'o']);
  });
});
