import { describe, expect, it } from 'vitest';
import { classifyQuestion, normaliseText, splitSentences, textKey, tokenise } from '../../../src/domain/text/index.js';

describe('tokenise', () => {
  it('lower-cases, keeps apostrophes inside words and straightens curly ones', () => {
    expect(tokenise('I Can’t fault them')).toEqual(['i', "can't", 'fault', 'them']);
  });
  it('restores apostrophes in negations written without them', () => {
    expect(tokenise('cant fault, dont know')).toEqual(["can't", 'fault', ',', "don't", 'know']);
  });
  it('splits hashtags on their capitals and keeps emoji as tokens', () => {
    expect(tokenise('#ThankYouNHS 😀👍')).toEqual(['thank', 'you', 'nhs', '😀', '👍']);
  });
  it('keeps the punctuation that ends a negation scope', () => {
    expect(tokenise('Not good. Fine!')).toEqual(['not', 'good', '.', 'fine', '!']);
  });
  it('reads words that are also names of object properties as words', () => {
    expect(tokenise('the constructor toString')).toEqual(['the', 'constructor', 'tostring']);
  });
  it('takes letters and numbers of any script, astral ones whole, and ends an apostrophe run at a digit', () => {
    expect(tokenise('Zoë ½ 𝐀b it’s2 x’ #_a_1')).toEqual(['zoë', '½', '𝐀b', "it's", '2', 'x', 'a', '1']);
  });
  it('turns an ellipsis into full stops and skips a lone hash', () => {
    expect(tokenise('well… # ok')).toEqual(['well', '.', '.', '.', 'ok']);
  });
});

describe('splitSentences', () => {
  it('splits sentences, semicolons and line breaks', () => {
    expect(splitSentences('Waited 3 hours; no one called back.\nStaff kind! Ok?')).toEqual([
      'Waited 3 hours',
      'no one called back.',
      'Staff kind!',
      'Ok?',
    ]);
  });
  it('splits before contrast words and between comma-separated clauses', () => {
    expect(splitSentences('The surgeon was brilliant, the ward was appalling')).toEqual([
      'The surgeon was brilliant',
      'the ward was appalling',
    ]);
    expect(splitSentences('Staff were lovely but the food was cold')).toEqual([
      'Staff were lovely',
      'but the food was cold',
    ]);
  });
  it('keeps "nothing but", "not only … but also", lists and abbreviations whole', () => {
    expect(splitSentences('Nothing but praise for Dr. Patel')).toEqual(['Nothing but praise for Dr. Patel']);
    expect(splitSentences('Not only kind but also quick')).toEqual(['Not only kind but also quick']);
    expect(splitSentences('I was cold, hungry, tired')).toEqual(['I was cold, hungry, tired']);
  });
  it('returns nothing for empty or punctuation-only text', () => {
    expect(splitSentences('  ... \n ')).toEqual([]);
  });
});

describe('classifyQuestion', () => {
  it.each([
    ['What was good?', 'what_was_good'],
    ['How could we improve?', 'what_could_be_better'],
    ['What could we do better?', 'what_could_be_better'],
    ['FFT Why?', 'why'],
    [
      'Please describe any things about the 111 service that \nyou were particularly satisfied and/or dissatisfied with',
      'why',
    ],
    ['Trust A - Q1', 'unknown'],
    [undefined, 'unknown'],
    ['', 'unknown'],
  ] as const)('%s → %s', (question, kind) => {
    expect(classifyQuestion(question)).toBe(kind);
  });
});

describe('normalisation', () => {
  it('normaliseText collapses whitespace and case; textKey also drops punctuation', () => {
    expect(normaliseText('  Nothing\u00a0 AT   all. ')).toBe('nothing at all.');
    expect(textKey('Nothing!!')).toBe(textKey('nothing.'));
  });
});
