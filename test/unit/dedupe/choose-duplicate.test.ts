import { describe, expect, it } from 'vitest';
import { chooseDuplicateOf, type PoolEntry } from '../../../src/domain/dedupe/choose-duplicate.js';

const options = { minLength: 40, maxHammingDistance: 3 };
const subject = { key: 's:new', contentHash: 'h1', simhash: '0000000000000000', normalisedLength: 80 };
const entry = (key: string, over: Partial<PoolEntry> = {}): PoolEntry => ({
  key,
  contentHash: 'other',
  simhash: 'ffffffffffffffff',
  duplicateOf: null,
  ...over,
});

describe('chooseDuplicateOf', () => {
  it('finds an exact match by content hash', () => {
    expect(chooseDuplicateOf(subject, [entry('s:a', { contentHash: 'h1' })], options)).toBe('s:a');
  });

  it('finds a near match within the Hamming limit and not beyond it', () => {
    expect(chooseDuplicateOf(subject, [entry('s:a', { simhash: '0000000000000007' })], options)).toBe('s:a');
    expect(chooseDuplicateOf(subject, [entry('s:a', { simhash: '000000000000000f' })], options)).toBeNull();
  });

  it('never calls a short text a duplicate', () => {
    const short = { ...subject, normalisedLength: 8 };
    expect(chooseDuplicateOf(short, [entry('s:a', { contentHash: 'h1' })], options)).toBeNull();
  });

  it('never makes a comment a duplicate of itself', () => {
    expect(chooseDuplicateOf(subject, [entry('s:new', { contentHash: 'h1' })], options)).toBeNull();
  });

  it('prefers exact over near, then the smaller distance, then the smaller key, whatever the order', () => {
    const pool = [
      entry('s:near1', { simhash: '0000000000000001' }),
      entry('s:z-exact', { contentHash: 'h1' }),
      entry('s:a-exact', { contentHash: 'h1' }),
    ];
    expect(chooseDuplicateOf(subject, pool, options)).toBe('s:a-exact');
    expect(chooseDuplicateOf(subject, [...pool].reverse(), options)).toBe('s:a-exact');
    const near = [entry('s:b', { simhash: '0000000000000003' }), entry('s:c', { simhash: '0000000000000001' })];
    expect(chooseDuplicateOf(subject, near, options)).toBe('s:c');
  });

  it('resolves a chain to its original', () => {
    expect(chooseDuplicateOf(subject, [entry('s:copy', { contentHash: 'h1', duplicateOf: 's:orig' })], options)).toBe(
      's:orig',
    );
  });

  it('skips an entry that already duplicates the subject, so two comments never point at each other', () => {
    expect(
      chooseDuplicateOf(subject, [entry('s:later', { contentHash: 'h1', duplicateOf: 's:new' })], options),
    ).toBeNull();
  });
});
