import { describe, expect, it } from 'vitest';
import { parseFft } from '../../../src/import/fft/parse-fft.js';
import { ImportLayoutError } from '../../../src/import/import-layout-error.js';
import { fixture, linesOf } from './lines-of.js';

describe('parseFft: Trusts sheet', () => {
  it('finds the header below the title rows, skips totals, and reads "*" and "-" as nulls', async () => {
    const out = await parseFft(linesOf(fixture('fft-trusts-sheet.csv')), { setting: 'inpatient', period: '2025-07' });
    expect(out.layout).toBe('fft-trusts-sheet');
    expect(out.issues.count).toBe(0);
    expect(out.rowsRead).toBe(7);
    expect([...out.skipped.values()]).toEqual([3]);
    expect(out.rows.map((r) => r.odsCode)).toEqual(['R0A', 'RBV', 'R0B', 'ZZ9']);
    expect(out.rows[0]).toEqual({
      setting: 'inpatient',
      period: '2025-07',
      odsCode: 'R0A',
      siteCode: null,
      totalResponses: 120,
      totalEligible: 400,
      percentagePositive: 0.95,
      percentageNegative: 0.025,
      veryGood: 100,
      good: 14,
      neither: 2,
      poor: 2,
      veryPoor: 1,
      dontKnow: 1,
      suppressed: [],
    });
    const suppressed = out.rows[1]!;
    expect(suppressed.totalResponses).toBe(3);
    expect(suppressed.percentagePositive).toBeNull();
    expect(suppressed.veryGood).toBeNull();
    expect(suppressed.suppressed).toEqual([
      'percentagePositive',
      'percentageNegative',
      'veryGood',
      'good',
      'neither',
      'poor',
      'veryPoor',
      'dontKnow',
    ]);
    const notCalculable = out.rows[2]!;
    expect(notCalculable.percentagePositive).toBeNull();
    expect(notCalculable.suppressed).toEqual([]);
    expect(out.rows[3]).toMatchObject({ totalEligible: 1200, percentagePositive: 0.9, percentageNegative: 0.04 });
  });

  it('reads site rows with their site codes', async () => {
    const out = await parseFft(linesOf(fixture('fft-sites-sheet.csv')), { setting: 'inpatient', period: '2025-07' });
    expect(out.layout).toBe('fft-sites-sheet');
    expect(out.rows.map((r) => [r.odsCode, r.siteCode])).toEqual([
      ['R0A', 'R0A01'],
      ['R0A', 'R0A02'],
    ]);
  });

  it('names the row and column of each bad value, and finds repeated trusts and counts that do not add up', async () => {
    const out = await parseFft(linesOf(fixture('fft-bad.csv')), { setting: 'inpatient', period: '2025-07' });
    expect(out.issues.issues.map((i) => [i.row, i.column ?? ''])).toEqual([
      [3, 'Total Responses'],
      [4, 'Percentage Positive'],
      [5, ''],
      [6, ''],
    ]);
    expect(out.issues.issues[2]!.message).toMatch(/add up to 21, not 20/);
    expect(out.issues.issues[3]!.message).toMatch(/appears again \(first on row 2\)/);
  });

  it('needs the month for a sheet and refuses the Wards sheet', async () => {
    await expect(parseFft(linesOf(fixture('fft-sites-sheet.csv')), { setting: 'inpatient' })).rejects.toThrow(
      /give the period as YYYY-MM/,
    );
    const wards = 'Trust Code,Site Code,Ward Name,Total Responses\nR0A,R0A01,Ward 1,5\n';
    await expect(parseFft(linesOf(wards), { setting: 'inpatient', period: '2025-07' })).rejects.toThrow(/Wards sheet/);
  });
});

describe('parseFft: raw monthly submission', () => {
  it('derives the month from Yearnumber and Periodname and the shares from the counts', async () => {
    const out = await parseFft(linesOf(fixture('fft-raw-submission.csv')), { setting: 'ae' });
    expect(out.layout).toBe('fft-raw-submission');
    expect(out.issues.count).toBe(0);
    expect(out.rows.map((r) => [r.odsCode, r.period])).toEqual([
      ['R0A', '2025-08'],
      ['R0A', '2026-01'],
      ['RBV', '2025-08'],
    ]);
    expect(out.rows[0]).toMatchObject({ percentagePositive: 0.9, percentageNegative: 0.05, dontKnow: 1 });
    expect(out.rows[2]).toMatchObject({ totalResponses: 0, percentagePositive: null });
  });

  it('refuses a period option, since the file states its own months', async () => {
    await expect(
      parseFft(linesOf(fixture('fft-raw-submission.csv')), { setting: 'ae', period: '2025-08' }),
    ).rejects.toThrow(/state their own months/);
  });

  it('rejects a file with no FFT header as a layout problem', async () => {
    const error = await parseFft(linesOf('a,b\n1,2\n'), { setting: 'ae' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportLayoutError);
    expect((error as Error).message).toMatch(/no FFT header found/);
  });
});
