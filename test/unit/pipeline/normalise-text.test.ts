import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCommentText, replaceAll } from '../../../src/pipeline/collect/normalise-text.js';

describe('normaliseCommentText', () => {
  it('composes Unicode, collapses spaces and trims', () => {
    expect(normaliseCommentText('  Cafe\u0301\t\tnurse\u00a0 was   kind  ')).toBe('Café nurse was kind');
  });

  it('strips control characters but keeps newlines as paragraph breaks', () => {
    expect(normaliseCommentText('first\u0000 line\r\nsecond\u0007 line\u200b')).toBe('first line\nsecond line');
  });

  it('keeps at most one blank line and no spaces around newlines', () => {
    expect(normaliseCommentText('a  \n\n\n\n  b\u2028c')).toBe('a\n\nb\nc');
  });

  it('gives an empty string for whitespace and control characters only', () => {
    expect(normaliseCommentText(' \u0001\n\t ')).toBe('');
  });

  it('gives what the full set of replacements gives, whether or not the text was already clean', () => {
    const replaced = (text: string) => replaceAll(text.normalize('NFC'));
    const pieces = [
      'a',
      'B',
      ' ',
      '  ',
      '\n',
      '\n\n\n',
      '\r',
      '\t',
      '\u00a0',
      '\u2009',
      '\u200b',
      '\u2028',
      '\u0085',
      '\u007f',
      '\ufeff',
      'e\u0301',
      '\u3000',
      '\u1680',
      '.',
      '😀',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(normaliseCommentText(text)).toBe(replaced(text));
      }),
      { numRuns: 2000 },
    );
  });
});
