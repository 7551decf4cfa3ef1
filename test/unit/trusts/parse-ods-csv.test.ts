import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config/paths.js';
import { OdsFileError, parseEtrCsv, parseEtsCsv } from '../../../src/domain/trusts/parse-ods-csv.js';

const etrText = readFileSync(join(packageRoot(), 'config/reference/ods-trusts.csv'), 'utf8');

function row(fields: Record<number, string>): string {
  const cells = Array.from({ length: 27 }, (_, i) => fields[i + 1] ?? '');
  return cells.map((c) => `"${c}"`).join(',');
}

describe('parseEtrCsv', () => {
  it('reads every trust of the shipped ODS file with dates in ISO form', () => {
    const trusts = parseEtrCsv(etrText);
    expect(trusts).toHaveLength(274);
    expect(trusts.filter((t) => t.closeDate === null)).toHaveLength(202);
    expect(trusts.find((t) => t.odsCode === 'RBV')).toEqual({
      odsCode: 'RBV',
      name: 'THE CHRISTIE NHS FOUNDATION TRUST',
      postcode: 'M20 4BX',
      openDate: '1991-04-01',
      closeDate: null,
      nationalGrouping: 'Y62',
      gorCode: 'B',
    });
    expect(trusts.find((t) => t.odsCode === 'RCS')?.closeDate).toBe('2006-03-31');
  });

  it('rejects a malformed date with its line number', () => {
    const text = `${row({ 1: 'RBV', 2: 'A TRUST', 11: '19910401' })}\n${row({ 1: 'RXX', 2: 'B TRUST', 11: '1991-04-01' })}\n`;
    expect(() => parseEtrCsv(text)).toThrow(OdsFileError);
    expect(() => parseEtrCsv(text)).toThrow(/line 2: open date "1991-04-01" is not YYYYMMDD/);
  });

  it('rejects a row without a code or with too few columns', () => {
    expect(() => parseEtrCsv(row({ 2: 'NO CODE', 11: '19910401' }))).toThrow(/no organisation code/);
    expect(() => parseEtrCsv('"RBV","NAME"\n')).toThrow(/expected the 27-column ODS layout/);
  });
});

describe('parseEtsCsv', () => {
  it('reads site code, name, parent trust and close date from the documented positions', () => {
    const text = readFileSync(join(packageRoot(), 'test/fixtures/trusts/ets-sample.csv'), 'utf8');
    expect(parseEtsCsv(text)).toEqual([
      { name: 'CHRISTIE HOSPITAL', odsCode: 'RBV', siteCode: 'RBV01', closeDate: null },
      { name: 'CHURCHILL HOSPITAL', odsCode: 'RTH', siteCode: 'RTH08', closeDate: null },
      { name: 'NOTTINGHAM CITY HOSPITAL', odsCode: 'RCS', siteCode: 'RCS02', closeDate: '2006-03-31' },
    ]);
  });

  it('rejects a site without a parent organisation', () => {
    expect(() => parseEtsCsv(row({ 1: 'RBV01', 2: 'SITE', 11: '19910401' }))).toThrow(/no parent organisation code/);
  });
});
