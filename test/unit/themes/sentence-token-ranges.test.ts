import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseTypography } from '../../../src/domain/text/normalise.js';
import { forgetRecentResults } from '../../../src/domain/text/recent-results.js';
import { splitSentences } from '../../../src/domain/text/split-sentences.js';
import { detectThemes } from '../../../src/domain/themes/detect-themes.js';
import { tokenise } from '../../../src/domain/themes/phrase-matcher.js';
import { sentenceTokenRanges } from '../../../src/domain/themes/sentence-token-ranges.js';

// Pieces that sit on the tokeniser's and the sentence splitter's edges: apostrophes of both kinds,
// "&", abbreviations, contrast words, list commas, bullets, typography the splitter rewrites.
const PIECES = [
  'the ward',
  ' ',
  '  ',
  '.',
  '. ',
  '!',
  '?',
  ',',
  ', ',
  ';',
  '\n',
  '\u2022',
  '&',
  "'",
  '\u2019',
  '`',
  '\u2026',
  '\u2013',
  'Dr. ',
  'Mr. Smith',
  'but ',
  ' but also ',
  'however',
  'nothing but ',
  "patients' ",
  "can't",
  'GP',
  'waited 4 hours',
  'CT scan',
  'lovely staff',
  'x',
  'é',
  'Zoë',
  '😀',
  '2.5',
  'e.g. ',
  'chemo unit',
  '\u00a0',
];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((parts) => parts.join(''));

describe('sentenceTokenRanges', () => {
  it('gives each sentence it places exactly the tokens that tokenising the sentence alone gives', () => {
    let sentencesSeen = 0;
    let placed = 0;
    fc.assert(
      fc.property(texts, (text) => {
        forgetRecentResults();
        const source = normaliseTypography(text);
        const sentences = splitSentences(text);
        const whole = tokenise(source);
        sentenceTokenRanges(source, whole, sentences).forEach((range, i) => {
          sentencesSeen++;
          if (range === null) return;
          placed++;
          const alone = tokenise(sentences[i] as string);
          expect(whole.lower.slice(range.from, range.to)).toEqual(alone.lower);
          expect(whole.raw.slice(range.from, range.to)).toEqual(alone.raw);
        });
      }),
      { numRuns: 3000 },
    );
    // Placing nothing would pass the checks above: most sentences, even of these edge pieces, are placed.
    expect(placed).toBeGreaterThan(0.8 * sentencesSeen);
  });

  it('leaves a sentence that a token of the text runs across to be tokenised alone', () => {
    const text = 'abc def';
    expect(sentenceTokenRanges(text, tokenise(text), ['bc', 'def'])).toEqual([null, { from: 1, to: 2 }]);
    expect(sentenceTokenRanges(text, tokenise(text), ['ab', 'def'])).toEqual([null, { from: 1, to: 2 }]);
    const possessive = "the patients' care";
    expect(sentenceTokenRanges(possessive, tokenise(possessive), ['the patients', 'care'])).toEqual([
      null,
      { from: 2, to: 3 },
    ]);
  });

  it('places most sentences of an ordinary comment', () => {
    const text = 'The nurses were lovely, the doctors explained everything. But the wait was long!';
    const ranges = sentenceTokenRanges(text, tokenise(text), splitSentences(text));
    expect(ranges).toEqual([
      { from: 0, to: 4 },
      { from: 4, to: 8 },
      { from: 8, to: 13 },
    ]);
  });
});

describe('detectThemes on the whole text', () => {
  it('finds what matching each sentence on its own finds', () => {
    fc.assert(
      fc.property(texts, (text) => {
        forgetRecentResults();
        const sentences = splitSentences(text);
        expect(detectThemes(sentences, text)).toEqual(detectThemes(sentences));
      }),
      { numRuns: 3000 },
    );
  });
});
