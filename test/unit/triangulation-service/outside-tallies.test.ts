import { describe, expect, it } from 'vitest';
import type { ImportedComplaintCount, ImportedFftResponse } from '../../../src/storage/import-types.js';
import { tallyComplaints } from '../../../src/triangulation/complaint-source.js';
import { tallyFft } from '../../../src/triangulation/fft-source.js';
import { surveyWindow } from '../../../src/triangulation/survey-window.js';

const fft = (over: Partial<ImportedFftResponse>): ImportedFftResponse => ({
  setting: 'inpatient',
  period: '2018-05',
  odsCode: 'R0A',
  siteCode: null,
  totalResponses: 100,
  totalEligible: 400,
  percentagePositive: 0.9,
  percentageNegative: 0.05,
  veryGood: 70,
  good: 20,
  neither: 5,
  poor: 3,
  veryPoor: 2,
  dontKnow: 0,
  suppressed: [],
  ...over,
});

const ko41a = (over: Partial<ImportedComplaintCount>): ImportedComplaintCount => ({
  period: '2018-19 Q1',
  financialYear: '2018-19',
  quarter: 1,
  odsCode: 'R0A',
  siteCode: null,
  subjectArea: 'Communications',
  complaints: 4,
  themes: ['information_communication'],
  ...over,
});

describe('surveyWindow', () => {
  it('takes the financial year whose April the survey samples', () => {
    expect(surveyWindow(2018)).toEqual({ fftFrom: '2018-04', fftTo: '2019-03', financialYear: '2018-19' });
    expect(surveyWindow(2099)).toMatchObject({ financialYear: '2099-00' });
  });
});

describe('tallyFft', () => {
  it('counts a trust row once and its site rows only for months it has no trust row', () => {
    const tallies = tallyFft([
      fft({}),
      fft({ siteCode: 'R0A01', totalResponses: 60, veryGood: 30, good: 20 }),
      fft({ period: '2018-06', siteCode: 'R0A01', totalResponses: 10, veryGood: 5, good: 1 }),
      fft({ period: '2018-06', siteCode: 'R0A02', totalResponses: 10, veryGood: 9, good: 1 }),
    ]);
    expect(tallies.get('R0A')).toEqual({ responses: 120, positive: 106 });
  });

  it('reads positives from the share when the counts are suppressed, and skips suppressed totals', () => {
    const tallies = tallyFft([
      fft({ veryGood: null, good: null, percentagePositive: 0.85, suppressed: ['veryGood', 'good'] }),
      fft({ period: '2018-06', totalResponses: null, veryGood: null, good: null, suppressed: ['totalResponses'] }),
    ]);
    expect(tallies.get('R0A')).toEqual({ responses: 100, positive: 85 });
  });
});

describe('tallyComplaints', () => {
  it('prefers annual returns, then organisation rows, and drops suppressed or unthemed subjects', () => {
    const tallies = tallyComplaints([
      ko41a({}),
      ko41a({ period: '2018-19', quarter: null, complaints: 10 }),
      ko41a({ period: '2018-19', quarter: null, subjectArea: 'Other', themes: [], complaints: 50 }),
      ko41a({ odsCode: 'R0B', siteCode: 'R0B01', complaints: 2 }),
      ko41a({ odsCode: 'R0B', siteCode: 'R0B02', complaints: 3 }),
      ko41a({ odsCode: 'R0B', siteCode: 'R0B02', subjectArea: 'Waiting times', complaints: null }),
      ko41a({ odsCode: 'R0C', siteCode: null, complaints: 1 }),
      ko41a({ odsCode: 'R0C', siteCode: 'R0C01', complaints: 1 }),
    ]);
    const total = (ods: string) => tallies.get(ods)?.reduce((a, s) => a + s.complaints, 0);
    expect(total('R0A')).toBe(10);
    expect(total('R0B')).toBe(5);
    expect(total('R0C')).toBe(1);
  });
});
