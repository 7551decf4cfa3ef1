import { describe, expect, it } from 'vitest';
import { parseCpesCurrent } from '../../../src/import/cpes/parse-cpes-current.js';
import { fixture, linesOf } from './lines-of.js';

const themesOf = (year: number, question: number) => (year === 2018 && question === 17 ? ['cns_access' as const] : []);

describe('parseCpesCurrent', () => {
  it('keeps England and trust scores and skips other geographies and rows without a score', async () => {
    const out = await parseCpesCurrent(linesOf(fixture('cpes-current.csv')), { themesOf });
    expect(out.issues.count).toBe(0);
    expect(out.rows.map((r) => [r.year, r.odsCode, r.tumourGroup, r.question])).toEqual([
      [2023, null, 'all', 12],
      [2023, 'R0A', 'all', 12],
      [2023, 'R0A', 'brain_cns', 12],
      [2018, 'RBV', 'sarcoma', 17],
    ]);
    expect(out.rows[0]).toMatchObject({ score: 88.5, respondents: 50000, ciLower: 88.2, ciUpper: 88.8 });
    expect(out.rows[2]).toMatchObject({ ciLower: null, ciUpper: null });
    expect(out.rows[3]!.themes).toEqual(['cns_access']);
    expect(out.skipped.size).toBe(2);
  });

  it('names each bad row and column', async () => {
    const out = await parseCpesCurrent(linesOf(fixture('cpes-current-bad.csv')), { themesOf });
    expect(out.issues.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Cancer Type'],
      [3, 'Score'],
      [4, 'Question Number'],
      [5, 'Number of Respondents'],
    ]);
  });

  it('needs a year from the file or the caller, and refuses scores given as proportions', async () => {
    const noYear = 'Organisation Code,Cancer Type,Question Number,Number of Respondents,Score\nR0A,Breast,Q3,40,0.9\n';
    const withoutYear = await parseCpesCurrent(linesOf(noYear), { themesOf });
    expect(withoutYear.issues.issues[0]!.message).toMatch(/no survey year/);
    const proportions = await parseCpesCurrent(linesOf(noYear), { themesOf, year: 2024 });
    expect(proportions.issues.issues[0]!.message).toMatch(/scores must be percentages/);
  });
});
