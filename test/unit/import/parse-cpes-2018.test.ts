import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { CpesParseError } from '../../../src/import/cpes/cpes-parse-error.js';
import { parseCpes2018Csv, parseCpes2018Stream } from '../../../src/import/cpes/parse-cpes-2018.js';

const HEADER =
  'Geog,Trust.Code,Year,Gender,IMD,Cancer.Type,Question.Number,adjusted.unadjusted.yearonyear,Number.of.responses,scored.percentage,Lower.95..confidence.interval,Upper.95..confidence.interval,Performance.Rating';

// Synthetic rows in the published layout.
const ROWS = [
  'National,All,2018,Both,All,All Cancers,Q2,unadjusted,1000,80,77.4,82.4,',
  'National,All,2018,Male,All,All Cancers,Q2,unadjusted,,79,,,',
  'Trust,RAA,2018,Both,All,Skin,Q2,unadjusted,30,70,,,',
  'Trust,RAA,2018,Both,All,All Cancers,Q2,adjusted,300,81,76,85,2',
  'Trust,RAA,2018,Both,All,All Cancers,Q2,yearonyear,300,81,,,',
  'Trust,RAA,2017,Both,All,All Cancers,Q2,unadjusted,290,79,,,',
  'Trust,RAA,2018,Both,All,All Cancers,Q59,unadjusted,300,8.9,,,',
  'Trust,RAA,2018,Both,All,Sarcoma,Q2,unadjusted,0,,,,',
];

describe('parseCpes2018Csv', () => {
  it('keeps 2018 unadjusted whole-population rows of Q1–Q58 with respondents', () => {
    const scores = parseCpes2018Csv([HEADER, ...ROWS].join('\n'));
    expect(scores).toEqual([
      { odsCode: null, tumourGroup: 'all', question: 2, respondents: 1000, score: 80, ciLower: 77.4, ciUpper: 82.4 },
      {
        odsCode: 'RAA',
        tumourGroup: 'skin',
        question: 2,
        respondents: 30,
        score: 70,
        ciLower: undefined,
        ciUpper: undefined,
      },
    ]);
  });

  it('names the row and column of a bad value', () => {
    const text = [HEADER, ROWS[0], 'Trust,RAA,2018,Both,All,Skin,Q2,unadjusted,30,seventy,,,'].join('\n');
    expect(() => parseCpes2018Csv(text)).toThrow(/row 3 column scored\.percentage/);
  });

  it('rejects an unknown cancer type and a duplicate cell, each with its row', () => {
    const text = [HEADER, ROWS[2], 'Trust,RAA,2018,Both,All,Kidney,Q2,unadjusted,30,70,,,', ROWS[2]].join('\n');
    try {
      parseCpes2018Csv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CpesParseError);
      const issues = (error as CpesParseError).issues;
      expect(issues.map((i) => i.row)).toEqual([3, 4]);
      expect(issues[0]!.message).toMatch(/unknown cancer type/);
      expect(issues[1]!.message).toMatch(/duplicate/);
    }
  });

  it('reports a missing column once, as a layout problem', () => {
    const text = ['Geog,Trust.Code,Year', 'Trust,RAA,2018'].join('\n');
    expect(() => parseCpes2018Csv(text)).toThrow(/row 2: missing column\(s\) Gender/);
  });
});

describe('parseCpes2018Stream', () => {
  it('reads records from a csv-parse stream with the same rules', async () => {
    const stream = Readable.from([[HEADER, ...ROWS].join('\n')]).pipe(parse({ columns: true }));
    const scores = await parseCpes2018Stream(stream);
    expect(scores.map((s) => s.tumourGroup)).toEqual(['all', 'skin']);
  });
});
