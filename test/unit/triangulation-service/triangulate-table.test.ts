import { describe, expect, it } from 'vitest';
import type { ImportedFftResponse } from '../../../src/storage/import-types.js';
import { cpesYear } from '../../../src/triangulation/cpes-year.js';
import { triangulateTable } from '../../../src/triangulation/triangulate-table.js';
import { SYNTHETIC_YEAR, syntheticCommentAggregates, syntheticCpes, TRUSTS } from './synthetic-cpes.js';

const names = new Map([['RA1', 'FIRST SYNTHETIC TRUST']]);
const data = () => cpesYear(syntheticCpes(), SYNTHETIC_YEAR, 5);

describe('triangulateTable', () => {
  const result = triangulateTable(data(), [], names, { intervalSteps: 2 });
  const find = (ods: string, group: string, theme: string) =>
    result.cells.find((c) => c.odsCode === ods && c.tumourGroup === group && c.theme === theme)!;

  it('gives every trust × tumour group its themes and an overall figure', () => {
    expect(result.cells).toHaveLength(TRUSTS.length * 4 * 5);
    expect(new Set(result.cells.map((c) => c.theme))).toEqual(
      new Set(['waiting_times', 'cns_access', 'emotional_support', 'information_communication', 'all']),
    );
    expect(find('RA1', 'breast', 'all').trustName).toBe('FIRST SYNTHETIC TRUST');
    expect(find('RA2', 'breast', 'all').trustName).toBe('RA2');
  });

  it('shows published cells as observed with respondents and suppressed ones as estimated without', () => {
    const breast = find('RA1', 'breast', 'waiting_times');
    expect(breast).toMatchObject({ observed: true, respondents: 90, sources: ['cpes'] });
    const sarcoma = find('RA1', 'sarcoma', 'all');
    expect(sarcoma).toMatchObject({ observed: false, respondents: null, sources: ['cpes'] });
    // Skin is published at even trusts only.
    expect(find('RA1', 'skin', 'all').observed).toBe(true);
    expect(find('RA2', 'skin', 'all').observed).toBe(false);
  });

  it('keeps every figure inside its interval and within 0–100, wider when estimated', () => {
    for (const c of result.cells) {
      expect(c.lower).toBeGreaterThanOrEqual(0);
      expect(c.upper).toBeLessThanOrEqual(100);
      expect(c.lower).toBeLessThanOrEqual(c.estimate);
      expect(c.upper).toBeGreaterThanOrEqual(c.estimate);
    }
    const observed = find('RA3', 'breast', 'all');
    const estimated = find('RA3', 'sarcoma', 'all');
    expect(estimated.upper - estimated.lower).toBeGreaterThan(observed.upper - observed.lower);
  });

  it('exposes no estimator inputs: only the documented fields', () => {
    for (const c of result.cells) {
      expect(Object.keys(c).sort()).toEqual(
        [
          'estimate',
          'lower',
          'observed',
          'odsCode',
          'respondents',
          'sources',
          'theme',
          'trustName',
          'tumourGroup',
          'upper',
          'year',
        ].sort(),
      );
    }
  });

  it('summarises each group: published and suppressed trusts, and England', () => {
    const byGroup = new Map(result.summary.map((s) => [s.tumourGroup, s]));
    expect(byGroup.get('breast')).toMatchObject({ trustsPublished: TRUSTS.length, trustsSuppressed: 0 });
    expect(byGroup.get('sarcoma')).toMatchObject({ trustsPublished: 0, trustsSuppressed: TRUSTS.length });
    expect(byGroup.get('skin')).toMatchObject({ trustsPublished: TRUSTS.length / 2 });
    const breast = byGroup.get('breast')!;
    expect(breast.nationalLower).toBeLessThan(breast.nationalEstimate);
    expect(breast.nationalUpper).toBeGreaterThan(breast.nationalEstimate);
  });

  it('treats a published cell on fewer than the minimum respondents as suppressed', () => {
    const strict = triangulateTable(cpesYear(syntheticCpes(), SYNTHETIC_YEAR, 100), [], names, { intervalSteps: 0 });
    const cell = strict.cells.find((c) => c.odsCode === 'RA1' && c.tumourGroup === 'breast' && c.theme === 'all')!;
    expect(cell).toMatchObject({ observed: false, respondents: null });
  });

  it("feeds comments to estimated cells only, where calibrated on the survey prior's error they carry weight", () => {
    // Each trust × group has an effect of its own (up to ±0.4 log-odds) that its comments follow.
    const withEffects = cpesYear(syntheticCpes(TRUSTS, 0.4), SYNTHETIC_YEAR, 5);
    const comments = syntheticCommentAggregates(['breast', 'lung', 'sarcoma'], 0.4);
    const withComments = triangulateTable(withEffects, comments, names, { intervalSteps: 0 });
    const alone = triangulateTable(withEffects, [], names, { intervalSteps: 0 });
    expect(withComments.outside.comments).toMatchObject({ status: 'used', trusts: TRUSTS.length });
    const get = (result: typeof alone, ods: string, group: string) =>
      result.cells.find((c) => c.odsCode === ods && c.tumourGroup === group && c.theme === 'all')!;
    expect(get(withComments, 'RA1', 'sarcoma').sources).toEqual(['cpes', 'comments']);
    expect(get(withComments, 'RA1', 'breast').sources).toEqual(['cpes']);
    // Skin has no comments, so nothing to read at its suppressed trusts.
    expect(get(withComments, 'RA2', 'skin').sources).toEqual(['cpes']);
    expect(get(withComments, 'RA2', 'skin').estimate).toBe(get(alone, 'RA2', 'skin').estimate);
    // Published figures stay the survey's own.
    expect(get(withComments, 'RA1', 'breast').estimate).toBe(get(alone, 'RA1', 'breast').estimate);
    expect(get(withComments, 'RA1', 'sarcoma').estimate).not.toBe(get(alone, 'RA1', 'sarcoma').estimate);
  });

  it('gives comments no weight where they say nothing the survey does not know, changing nothing', () => {
    // Comments at every trust about one group only: no contrast within the trust, and its overall tone is noise.
    const few = syntheticCommentAggregates(['sarcoma'], 0.4);
    const result = triangulateTable(data(), few, names, { intervalSteps: 0 });
    expect(result.outside.comments).toEqual({ status: 'skipped', reason: 'not_credible', trusts: TRUSTS.length });
    expect(result.cells).toEqual(triangulateTable(data(), [], names, { intervalSteps: 0 }).cells);
  });

  it('leaves FFT out when too few of the survey trusts have figures, changing nothing', () => {
    const month = (odsCode: string): ImportedFftResponse => ({
      setting: 'inpatient',
      period: '2030-05',
      odsCode,
      siteCode: null,
      totalResponses: 200,
      totalEligible: 800,
      percentagePositive: 0.9,
      percentageNegative: 0.05,
      veryGood: 150,
      good: 30,
      neither: 10,
      poor: 5,
      veryPoor: 5,
      dontKnow: 0,
      suppressed: [],
    });
    const fft = TRUSTS.slice(0, 9).map(month);
    const plain = triangulateTable(data(), [], names, { intervalSteps: 0 });
    const withFft = triangulateTable(data(), [], names, { intervalSteps: 0 }, { fft, complaints: [] });
    expect(withFft.outside).toEqual({
      comments: { status: 'skipped', reason: 'no_rows', trusts: 0 },
      fft: { status: 'skipped', reason: 'too_few_trusts', trusts: 9 },
      complaints: { status: 'skipped', reason: 'no_rows', trusts: 0 },
    });
    expect(withFft.cells).toEqual(plain.cells);
  });

  it('refuses a table with too few trusts to fit', () => {
    const tiny = cpesYear(syntheticCpes(['RA1', 'RA2']), SYNTHETIC_YEAR, 5);
    expect(() => triangulateTable(tiny, [], names)).toThrow(/at least 3 trusts/);
  });
});
