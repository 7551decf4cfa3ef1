import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, nhsCheckDigit } from '../../../../src/connectors/sample/personal-details.js';
import { itemSeed, Random } from '../../../../src/connectors/sample/prng.js';
import {
  everydayName,
  loadSampleTrusts,
  parseOdsTrusts,
  selectSampleTrusts,
  splitCsvLine,
} from '../../../../src/connectors/sample/reference-trusts.js';

const row = (code: string, name: string, close = '') =>
  `"${code}","${name}","Y56","QKK","1 ROAD, WING","","","LONDON","","SE1 7EH","19930401","${close}","","","","","","","","","","1","","H","","",""`;

describe('ODS trust file', () => {
  it('splits quoted fields that contain commas and doubled quotes', () => {
    expect(splitCsvLine('"a","b, c","d ""e""",,f')).toEqual(['a', 'b, c', 'd "e"', '', 'f']);
  });

  it('reads code, name and close date from the etr.csv layout', () => {
    const text = [row('RBV', 'THE CHRISTIE NHS FOUNDATION TRUST'), row('R0C', 'NIGHTINGALE', '20200326'), ''].join(
      '\r\n',
    );
    expect(parseOdsTrusts(text)).toEqual([
      { code: 'RBV', name: 'THE CHRISTIE NHS FOUNDATION TRUST', closeDate: '' },
      { code: 'R0C', name: 'NIGHTINGALE', closeDate: '20200326' },
    ]);
  });

  it('keeps open trusts: curated ones with nicknames first, then acute hospitals by name', () => {
    const rows = parseOdsTrusts(
      [
        row('RX9', 'EAST MIDLANDS AMBULANCE SERVICE NHS TRUST'),
        row('RNQ', 'KETTERING GENERAL HOSPITAL NHS FOUNDATION TRUST'),
        row('RBV', 'THE CHRISTIE NHS FOUNDATION TRUST'),
        row('RAS', 'THE HILLINGDON HOSPITALS NHS FOUNDATION TRUST', '20250101'),
        row('RXT', 'BIRMINGHAM AND SOLIHULL MENTAL HEALTH NHS FOUNDATION TRUST'),
      ].join('\n'),
    );
    const trusts = selectSampleTrusts(rows);
    expect(trusts.map((trust) => [trust.code, trust.shortNames[0], trust.weight])).toEqual([
      ['RBV', 'the Christie', 4],
      ['RNQ', 'Kettering General Hospital', 1],
    ]);
    expect(() => selectSampleTrusts(rows.slice(0, 1))).toThrow(/no open acute trusts/);
  });

  it('turns legal names into everyday names', () => {
    expect(everydayName("THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST")).toBe(
      "Queen Elizabeth Hospital, King's Lynn",
    );
    expect(everydayName('UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST')).toBe(
      'University Hospitals of North Midlands',
    );
  });

  it('finds every curated cancer centre in the shipped reference file', () => {
    const codes = loadSampleTrusts().map((trust) => trust.code);
    expect(codes).toEqual(expect.arrayContaining(['RBV', 'RPY', 'RJ1', 'RRV', 'REN', 'RGT']));
    expect(codes.length).toBeGreaterThan(80);
  });
});

describe('NHS number check digit', () => {
  it('follows the mod-11 rule', () => {
    // 943 476 5919 is the NHS's published example of a valid number.
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943 476 5918')).toBe(false);
    expect(isValidNhsNumber('94347659')).toBe(false);
  });
});

describe('PRNG', () => {
  it('is reproducible and spreads neighbouring indexes apart', () => {
    const a = new Random(itemSeed(42, 1));
    const b = new Random(itemSeed(42, 1));
    const draws = Array.from({ length: 5 }, () => a.float());
    expect(Array.from({ length: 5 }, () => b.float())).toEqual(draws);
    expect(itemSeed(42, 1)).not.toBe(itemSeed(42, 2));
    expect(itemSeed(42, 1)).not.toBe(itemSeed(43, 1));
    const random = new Random(1);
    const ints = Array.from({ length: 2000 }, () => random.int(1, 6));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const mean = ints.reduce((sum, n) => sum + n, 0) / ints.length;
    expect(mean).toBeGreaterThan(3.3);
    expect(mean).toBeLessThan(3.7);
  });
});
