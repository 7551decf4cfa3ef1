import { describe, expect, it } from 'vitest';
import { INERT_RANGES, isInertAstral, isInertBmp } from '../../../src/domain/dedupe/inert-characters.js';

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function inertCodePoints(): number[] {
  return INERT_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/**
 * Every character that follows the first one in some canonical decomposition: the only characters
 * NFC can compose onto the one before them.
 */
function compositionTails(): Set<number> {
  const tails = new Set<number>();
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    const decomposed = char.normalize('NFD');
    if (decomposed === char) continue;
    for (const tail of [...decomposed].slice(1)) tails.add(tail.codePointAt(0)!);
  }
  return tails;
}

/**
 * Combining class 0, probed through canonical reordering: a non-starter with class below 230 swaps
 * behind U+0301 (class 230), and one above 1 swaps ahead of U+0334 (class 1).
 */
function isStarter(char: string): boolean {
  return `\u0301${char}`.normalize('NFD') === `\u0301${char}` && `${char}\u0334`.normalize('NFD') === `${char}\u0334`;
}

describe('inert characters', () => {
  it('are no letters or digits, caseless, without canonical decomposition and starters', () => {
    const bad = inertCodePoints().filter((code) => {
      const char = String.fromCodePoint(code);
      return (
        WORD_CHARACTER.test(char) || char.toLowerCase() !== char || char.normalize('NFD') !== char || !isStarter(char)
      );
    });
    expect(bad.map((code) => code.toString(16))).toEqual([]);
  });

  it('never compose onto the character before them, and neither does ASCII', () => {
    const tails = compositionTails();
    expect(tails.size).toBeGreaterThan(50); // the scan did find the combining marks
    expect(tails.has(0x0301)).toBe(true);
    const ascii = Array.from({ length: 0x80 }, (_, code) => code);
    expect([...ascii, ...inertCodePoints()].filter((code) => tails.has(code))).toEqual([]);
  });

  it('ASCII has no decomposition and only starters, so ASCII with inert characters is already NFC', () => {
    for (let code = 0; code < 0x80; code++) {
      const char = String.fromCharCode(code);
      expect(char.normalize('NFD')).toBe(char);
      expect(isStarter(char)).toBe(true);
    }
  });

  it('are what the lookups answer for, and nothing next to them', () => {
    for (const [from, to] of INERT_RANGES) {
      const lookup = (code: number) => (code > 0xffff ? isInertAstral(code) : isInertBmp(code));
      expect(lookup(from) && lookup(to)).toBe(true);
      if (!INERT_RANGES.some(([f, t]) => from - 1 >= f && from - 1 <= t)) expect(lookup(from - 1)).toBe(false);
      if (!INERT_RANGES.some(([f, t]) => to + 1 >= f && to + 1 <= t)) expect(lookup(to + 1)).toBe(false);
    }
    expect(isInertBmp(0x41)).toBe(false);
    expect(isInertBmp(0xe9)).toBe(false);
  });
});
