import { describe, expect, it } from 'vitest';
import type { TumourGroupId } from '../../../src/domain/model.js';
import type { CpesScore } from '../../../src/domain/triangulation/cpes-score.js';
import { buildCpesTable } from '../../../src/domain/triangulation/cpes-table.js';
import {
  estimateTumourGroup,
  type TumourGroupRequest,
} from '../../../src/domain/triangulation/estimate-tumour-group.js';
import { logitPp } from '../../../src/domain/triangulation/logit.js';
import type { TriangulationParameters } from '../../../src/domain/triangulation/parameters.js';

// Synthetic figures: England publishes three groups; each trust publishes breast and lung, skin is missing.
const cell = (
  odsCode: string | null,
  tumourGroup: TumourGroupId | 'all',
  respondents: number,
  score: number,
): CpesScore => ({
  odsCode,
  tumourGroup,
  question: 1,
  respondents,
  score,
});
const england = [
  cell(null, 'all', 10_000, 80),
  cell(null, 'breast', 4000, 84),
  cell(null, 'lung', 3000, 75),
  cell(null, 'skin', 1000, 78),
];
/** A trust whose skin patients (All Cancers less breast and lung) score exactly 70. */
const trust = (ods: string, scale: number, all = 100) => [
  cell(ods, 'all', all * scale, 80),
  cell(ods, 'breast', 50 * scale, 84),
  cell(ods, 'lung', 40 * scale, 77.5),
];
const params: TriangulationParameters = {
  trustLoading: 1,
  groupEffectVariance: 0.04,
  cellVariance: 0.01,
  suppressedSizeFactor: 1,
  sizeVariation: 0.5,
  sizeDispersion: 1,
  intervalInflation: 1,
};
const table = buildCpesTable([
  ...england,
  ...trust('RAA', 1),
  ...trust('RBB', 10),
  ...trust('RCC', 2),
  ...trust('RDD', 1, 94),
]);
const skin = (odsCode: string, extra: object = {}, options = {}) =>
  estimateTumourGroup(table, { odsCode, tumourGroup: 'skin', ...extra }, params, options)[0]!;

describe('estimateTumourGroup', () => {
  it('recovers the cell exactly when the residual is exact (one missing group, unrounded scores)', () => {
    const e = skin('RAA', {}, { scoreRoundingUnit: 0 });
    expect(e.kind).toBe('estimated');
    expect(e.score).toBeCloseTo(70, 9);
    expect(e.lower).toBeCloseTo(70, 6);
    expect(e.upper).toBeCloseTo(70, 6);
  });

  it('widens the interval when the same scores rest on fewer respondents', () => {
    const many = skin('RBB', { targetWasSuppressed: false });
    const few = skin('RCC', { targetWasSuppressed: false });
    expect(few.upper - few.lower).toBeGreaterThan(many.upper - many.lower);
    expect(many.lower).toBeLessThan(70);
    expect(many.upper).toBeGreaterThan(70);
  });

  it("widens the interval when England's score for the group rests on few respondents", () => {
    // With the residual set aside, RBB's estimate is its prior: England's skin score moved by the trust.
    const rareEngland = england.map((c) => (c.tumourGroup === 'skin' ? { ...c, respondents: 100 } : c));
    const rare = buildCpesTable([...rareEngland, ...trust('RBB', 10)]);
    // As an estimate of the experience, the whole interval is drawn on the log-odds scale.
    const priorOnly = { minResidualRespondents: 10_000, estimand: 'experience' as const };
    const request = { odsCode: 'RBB', tumourGroup: 'skin' as const };
    const common = estimateTumourGroup(table, request, params, priorOnly)[0]!;
    const fewNationally = estimateTumourGroup(rare, request, params, priorOnly)[0]!;
    expect(fewNationally.score).toBeCloseTo(common.score, 9);
    // The prior's variance gains England's sampling variance, 1 / (100 · 0.78 · 0.22) ≈ 0.058 (against
    // 0.006 with 1,000 respondents).
    const width = (e: { lower: number; upper: number }) => logitPp(e.upper) - logitPp(e.lower);
    expect(width(fewNationally) / width(common)).toBeGreaterThan(1.15);
  });

  it('never uses a residual resting on fewer than 5 respondents', () => {
    // RDD's residual would be (94·80 − 50·84 − 40·77.5) / 4 = 55.
    const e = skin('RDD');
    expect(e.inputs).toContainEqual({ kind: 'residual', used: false, reason: 'fewer_than_minimum_respondents' });
    expect(Math.abs(e.score - 55)).toBeGreaterThan(15);
    const allowed = skin('RDD', {}, { minResidualRespondents: 4 });
    expect(allowed.inputs).toContainEqual({ kind: 'residual', used: true });
    expect(allowed.score).toBeLessThan(e.score);
  });

  it('exposes no residual figure among its inputs', () => {
    for (const input of skin('RAA').inputs) {
      if (input.kind === 'residual') expect(Object.keys(input).sort()).toEqual(['kind', 'used']);
    }
  });

  it('weighs an outside reading of the group by its precision', () => {
    const without = skin('RDD');
    const reading = (variance: number): Pick<TumourGroupRequest, 'groupSignals'> => ({
      groupSignals: [{ sources: ['fft'], departure: -0.8, variance }],
    });
    const vague = skin('RDD', reading(1));
    const sharp = skin('RDD', reading(1e-4));
    expect(vague.score).toBeLessThan(without.score);
    expect(sharp.score).toBeLessThan(vague.score);
    expect(sharp.inputs).toContainEqual({ kind: 'signal', source: 'fft' });
  });

  it('returns a published cell as observed, with an interval from its respondents', () => {
    const small = estimateTumourGroup(table, { odsCode: 'RAA', tumourGroup: 'lung' }, params)[0]!;
    const large = estimateTumourGroup(table, { odsCode: 'RBB', tumourGroup: 'lung' }, params)[0]!;
    expect(small).toMatchObject({ kind: 'observed', score: 77.5 });
    expect(small.upper - small.lower).toBeGreaterThan(large.upper - large.lower);
  });
});
