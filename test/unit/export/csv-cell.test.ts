import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseCsvText } from '../../../src/export/csv-cell.js';

describe('neutraliseCsvText', () => {
  it('prefixes an apostrophe to anything a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseCsvText(`${start}HYPERLINK("x")`)).toBe(`'${start}HYPERLINK("x")`);
    }
  });

  it('leaves other text alone', () => {
    expect(neutraliseCsvText('The nurse said =) later')).toBe('The nurse said =) later');
    expect(neutraliseCsvText('')).toBe('');
  });

  it('never lets a string cell start with a formula character', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(neutraliseCsvText(text)).not.toMatch(/^[=+\-@\t\r]/);
        expect(neutraliseCsvText(text).endsWith(text)).toBe(true);
      }),
    );
  });
});

describe('csvCell', () => {
  it('writes numbers as numbers, even negative ones', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(3)).toBe('3');
  });

  it('writes booleans, blanks and strings', () => {
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('-1 star')).toBe("'-1 star");
  });

  it('refuses non-finite numbers', () => {
    expect(() => csvCell(Number.NaN)).toThrow(/non-finite/);
  });
});
