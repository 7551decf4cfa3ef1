import { describe, expect, it } from 'vitest';
import { contentHash, normaliseForDedupe } from '../../../src/domain/dedupe/content-hash.js';

describe('normaliseForDedupe', () => {
  it('lower-cases, collapses whitespace and trims', () => {
    expect(normaliseForDedupe('  The  Nurse\twas\n\nKIND  ')).toBe('the nurse was kind');
  });

  it('composes Unicode so precomposed and decomposed accents agree', () => {
    expect(normaliseForDedupe('Cafe\u0301')).toBe(normaliseForDedupe('Café'));
  });
});

describe('contentHash', () => {
  it('is the SHA-256 of the normalised text', () => {
    // sha256("abc")
    expect(contentHash('  ABC ')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ignores case and spacing but not wording', () => {
    expect(contentHash('Waited six hours for a scan')).toBe(contentHash('waited  six hours\nfor a SCAN'));
    expect(contentHash('Waited six hours for a scan')).not.toBe(contentHash('Waited six weeks for a scan'));
  });
});
