import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../src/config/paths.js';
import { BitMajority } from '../../../src/domain/dedupe/bit-majority.js';
import { fnv1a64, hash64ToHex } from '../../../src/domain/dedupe/fnv1a64.js';
import { simhash, wordTokens } from '../../../src/domain/dedupe/simhash.js';
import { wordBytes } from '../../../src/domain/dedupe/word-bytes.js';
import type { RedactedComment } from '../../../src/domain/model.js';
import { dedupeKeysOf } from '../../../src/pipeline/process/dedupe-batch.js';
import {
  referenceFnv1a64,
  referenceNormaliseForDedupe,
  referenceSimhash,
  referenceTextKeys,
  referenceWordTokens,
  type TextKeys,
} from '../../support/dedupe-keys-reference.js';

/**
 * Stored SimHashes and content hashes are compared across versions, so the fast code must give
 * the first implementation's keys (test/support/dedupe-keys-reference.ts) for every text.
 */

function keysOf(text: string): TextKeys {
  const comment: RedactedComment = {
    source: 's',
    externalId: '1',
    text,
    fetchedAt: '2026-01-01T00:00:00Z',
    pageHash: 'p',
    redactions: [],
  };
  const { contentHash, simhash, normalisedLength } = dedupeKeysOf(comment);
  return { contentHash, simhash, normalisedLength };
}

/** ASCII and inert pieces: texts of only these take the one-pass scan. */
const SCANNED_FRAGMENTS = [
  'the',
  'Nurse',
  'WAS',
  'kind',
  'chemo',
  '2',
  '24hrs',
  "didn't",
  'didn’t',
  "'",
  '’',
  "''",
  '’s',
  'O’Neill',
  "rock'n'roll",
  ' ',
  '  ',
  '\t',
  '\n\n',
  '\r\n',
  '\u00a0',
  '\u2028',
  '.',
  ',',
  '!!',
  '-',
  '“',
  '”',
  '–',
  '…',
  '£5',
  '€',
  '😀',
  '👍🏽',
  '❤️',
  '👩‍⚕️',
  '#NHS',
];

/** Pieces that send a text through NFC and lower-casing: the cases where those two interact. */
const OTHER_FRAGMENTS = [
  '\u2000',
  '\u2001',
  '\u3000',
  '\ufeff',
  '\u200b',
  '™',
  'ª',
  '²',
  '½',
  'µ',
  'é',
  'e\u0301',
  'E\u0301',
  'I\u0307',
  'İ',
  'İ\u0316',
  'İ\u0301',
  'ı',
  'i\u0307',
  'ß',
  'ẞ',
  'ΣΑΣ',
  'ὈΔΥΣΣΕΎΣ',
  'σ',
  'ς',
  'Σ',
  '\u0345',
  'ᾼ',
  'K',
  'Å',
  'Ω',
  'ﬁ',
  'Ａｂｃ',
  '𝐀𝐁',
  '①',
  '٣',
  '\u1100\u1161',
  '\u1161',
  '한국',
  'مرحبا',
  'שלום',
  '🇬🇧',
  '\ud800',
  '\udc00',
  '\u0300',
  '\u0316\u0301',
];

function textOf(fragments: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom('', ' ', '.', '\n')), { maxLength: 30 })
    .map((parts) => parts.map(([part, glue]) => part + glue).join(''));
}

const anyText = fc.oneof(
  textOf(SCANNED_FRAGMENTS),
  textOf([...SCANNED_FRAGMENTS, ...SCANNED_FRAGMENTS, ...OTHER_FRAGMENTS]),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
);

describe('dedupe keys against the reference implementation', () => {
  it('gives the same content hash, SimHash and normalised length for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(keysOf(text)).toEqual(referenceTextKeys(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the same SimHash for text that was never normalised', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(simhash(text)).toBe(referenceSimhash(text));
        expect(wordTokens(text)).toEqual(referenceWordTokens(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('lays out exactly the reference words, joined by single spaces, with their offsets', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = referenceWordTokens(text);
        const { bytes, starts, count } = wordBytes(text);
        expect(count).toBe(tokens.length);
        const end = count === 0 ? 0 : starts[count]! - 1;
        expect(Buffer.from(bytes.subarray(0, end)).toString('hex')).toBe(
          Buffer.from(encoder.encode(tokens.join(' '))).toString('hex'),
        );
        let offset = 0;
        tokens.forEach((token, i) => {
          expect(starts[i]).toBe(offset);
          offset += encoder.encode(token).length + 1;
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('hashes bytes like the reference FNV-1a', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(hash64ToHex(fnv1a64(text))).toBe(hash64ToHex(referenceFnv1a64(text)));
      }),
      { numRuns: 1000 },
    );
  });

  it('covers the cases where lower-casing and NFC interact', () => {
    for (const text of ['İ\u0316 and more words here', 'ΣΑΣ ΟΔΟΣ.', 'Kelvin K Å Ω ﬁ', '\u2000 a \u2001 b', '']) {
      expect(keysOf(text)).toEqual(referenceTextKeys(text));
      expect(simhash(text)).toBe(referenceSimhash(text));
    }
    expect(keysOf('').simhash).toBe('0000000000000000');
  });
});

describe('BitMajority', () => {
  function naiveMajority(hashes: readonly [number, number][]): string {
    let high = 0;
    let low = 0;
    for (let bit = 0; bit < 32; bit++) {
      const highCount = hashes.filter(([h]) => (h >>> bit) & 1).length;
      const lowCount = hashes.filter(([, l]) => (l >>> bit) & 1).length;
      if (2 * highCount > hashes.length) high |= 1 << bit;
      if (2 * lowCount > hashes.length) low |= 1 << bit;
    }
    return hash64ToHex({ high: high >>> 0, low: low >>> 0 });
  }

  const word = fc.integer({ min: 0, max: 0xffffffff });
  const skewedWord = fc.oneof(word, fc.constantFrom(0, 0xffffffff, 0x80000000, 1));

  it('finds the bits set in more than half the hashes, for runs long enough to fill many planes', () => {
    const majority = new BitMajority();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.tuple(skewedWord, skewedWord), { maxLength: 12 }),
          fc.array(fc.tuple(skewedWord, skewedWord), { minLength: 500, maxLength: 3000 }),
        ),
        (hashes) => {
          majority.reset();
          for (const [high, low] of hashes) majority.add(high, low);
          expect(hash64ToHex(majority.bits())).toBe(naiveMajority(hashes));
        },
      ),
      { numRuns: 300 },
    );
  });
});

const CORPUS: [file: string, column: string][] = [
  ['fft-comments-labelled.csv', 'FFT answer'],
  ['fft-comments-phase1-criticality.csv', 'feedback'],
  ['care-opinion-comments-criticality.csv', 'feedback'],
];

describe.skipIf(!existsSync(sharedDataDir()))('dedupe keys on every real comment in the shared data', () => {
  it.each(CORPUS)('%s', (file, column) => {
    const rows = parse(readFileSync(join(sharedDataDir(), file)), { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    const texts = rows.map((row) => row[column] ?? '');
    expect(texts.length).toBeGreaterThan(1000);
    const differing = texts.filter((text) => {
      const expected = referenceTextKeys(text);
      const actual = keysOf(text);
      return (
        actual.contentHash !== expected.contentHash ||
        actual.simhash !== expected.simhash ||
        actual.normalisedLength !== expected.normalisedLength ||
        simhash(text) !== referenceSimhash(text) ||
        referenceNormaliseForDedupe(text).length !== expected.normalisedLength
      );
    });
    expect(differing).toEqual([]);
  });
});
