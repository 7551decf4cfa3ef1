import { describe, expect, it } from 'vitest';
import { parseComplaintPeriod } from '../../../src/import/complaints/complaint-period.js';
import { fftPeriodOf, isPeriod } from '../../../src/import/fft/fft-period.js';
import { parseFftSetting } from '../../../src/import/fft/fft-setting.js';

describe('FFT periods', () => {
  it('places April–December in the first year of a financial year and January–March in the second', () => {
    expect(fftPeriodOf('2025_26', 'AUGUST')).toEqual({ period: '2025-08' });
    expect(fftPeriodOf('2025-26', 'March')).toEqual({ period: '2026-03' });
    expect(fftPeriodOf('2099_00', 'jan')).toEqual({ period: '2100-01' });
    expect(fftPeriodOf('2025', 'JULY')).toEqual({ period: '2025-07' });
  });

  it('explains what is wrong', () => {
    expect(fftPeriodOf('2025_27', 'AUGUST')).toEqual({ error: expect.stringMatching(/Yearnumber "2025_27"/) });
    expect(fftPeriodOf('2025_26', 'SUMMER')).toEqual({ error: expect.stringMatching(/Periodname "SUMMER"/) });
    expect(isPeriod('2025-13')).toBe(false);
  });

  it('knows settings by id and by the names people use', () => {
    expect(parseFftSetting('A&E')).toBe('ae');
    expect(parseFftSetting('mental health')).toBe('mental_health');
    expect(parseFftSetting('Inpatient')).toBe('inpatient');
    expect(() => parseFftSetting('dental')).toThrow(/unknown FFT setting "dental"/);
  });
});

describe('KO41a periods', () => {
  it('keeps financial years and quarters in one spelling', () => {
    expect(parseComplaintPeriod('2023/24')).toEqual({ period: '2023-24', financialYear: '2023-24', quarter: null });
    expect(parseComplaintPeriod('2023-2024')).toMatchObject({ period: '2023-24' });
    expect(parseComplaintPeriod('Q3 2016-17')).toEqual({ period: '2016-17 Q3', financialYear: '2016-17', quarter: 3 });
    expect(parseComplaintPeriod('2016-17 Quarter 4')).toMatchObject({ period: '2016-17 Q4' });
    expect(parseComplaintPeriod('2016-17', 'Q2')).toMatchObject({ period: '2016-17 Q2', quarter: 2 });
  });

  it('refuses years that do not follow on and quarters that disagree', () => {
    expect(parseComplaintPeriod('2023-25')).toHaveProperty('error');
    expect(parseComplaintPeriod('2016-17 Q1', 'Q2')).toHaveProperty('error');
    expect(parseComplaintPeriod('2016-17', 'Q5')).toHaveProperty('error');
  });
});
