import { describe, expect, it } from 'vitest';
import { normaliseCommentText } from '../../../src/pipeline/collect/normalise-text.js';

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
});
