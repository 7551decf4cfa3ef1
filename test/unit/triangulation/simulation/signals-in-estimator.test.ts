import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TumourGroupId } from '../../../../src/domain/model.js';
import type { CpesScore } from '../../../../src/domain/triangulation/cpes-score.js';
import { buildCpesTable } from '../../../../src/domain/triangulation/cpes-table.js';
import { estimateTumourGroup } from '../../../../src/domain/triangulation/estimate-tumour-group.js';
import { logitPp, ppPerLogit, Z95 } from '../../../../src/domain/triangulation/logit.js';
import type { TriangulationParameters } from '../../../../src/domain/triangulation/parameters.js';
import type { CellSignal, TriangulatedScore } from '../../../../src/domain/triangulation/triangulated-score.js';

// Synthetic figures on three questions: England publishes three groups; the trust publishes breast and lung.
const QUESTIONS = [1, 2, 3];
const cell = (
  odsCode: string | null,
  tumourGroup: TumourGroupId | 'all',
  question: number,
  respondents: number,
  score: number,
): CpesScore => ({ odsCode, tumourGroup, question, respondents, score });
const table = buildCpesTable(
  QUESTIONS.flatMap((q) => [
    cell(null, 'all', q, 10_000, 80),
    cell(null, 'breast', q, 4000, 84),
    cell(null, 'lung', q, 3000, 75),
    cell(null, 'skin', q, 1000, 78),
    cell('RAA', 'all', q, 110, 80),
    cell('RAA', 'breast', q, 50, 84),
    cell('RAA', 'lung', q, 40, 77),
  ]),
);
const params: TriangulationParameters = {
  trustLoading: 1,
  groupEffectVariance: 0.04,
  cellVariance: 0.01,
  suppressedSizeFactor: 1,
  sizeVariation: 0.5,
  sizeDispersion: 1,
  intervalInflation: 1,
};
const skin = (signals: CellSignal[] = [], estimand: 'experience' | 'survey_cell' = 'experience') =>
  estimateTumourGroup(table, { odsCode: 'RAA', tumourGroup: 'skin', signals }, params, { estimand });

/** The estimate's sd in pp, undone from its log-odds interval. */
const sdPp = (e: TriangulatedScore) => ((logitPp(e.upper) - logitPp(e.lower)) / (2 * Z95)) * ppPerLogit(e.score);

describe('signals in the estimator', () => {
  it('never leaves an estimate less certain than the survey alone or than an independent signal', () => {
    const survey = skin().map(sdPp);
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.double({ min: 60, max: 95, noNaN: true }),
        (v, s) => {
          const signals = QUESTIONS.map((question) => ({ source: 'comments', question, score: s, variance: v }));
          for (const [i, e] of skin(signals).entries()) {
            expect(sdPp(e) ** 2).toBeLessThanOrEqual(survey[i]! ** 2 * (1 + 1e-9));
            expect(sdPp(e) ** 2).toBeLessThanOrEqual(v * (1 + 1e-9));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is at least as certain with two independent sources as with either alone', () => {
    const one = (source: string, variance: number) =>
      QUESTIONS.map((question) => ({ source, question, score: 80, variance }));
    const comments = skin(one('comments', 30)).map(sdPp);
    const fft = skin(one('fft', 50)).map(sdPp);
    const both = skin([...one('comments', 30), ...one('fft', 50)]).map(sdPp);
    for (const [i, sd] of both.entries()) {
      expect(sd).toBeLessThan(comments[i]!);
      expect(sd).toBeLessThan(fft[i]!);
    }
  });

  it('does not let an error shared by every question average away', () => {
    // Without residuals nothing else pins the questions, so a shared error cannot be learnt and taken out;
    // with little question-level variation (no trust loading, tiny cell variance) the questions read γ.
    const flat = { ...params, trustLoading: 0, cellVariance: 1e-4 };
    const signalsOnly = (signals: CellSignal[]) =>
      estimateTumourGroup(table, { odsCode: 'RAA', tumourGroup: 'skin', signals }, flat, {
        estimand: 'experience',
        minResidualRespondents: 1000,
      });
    const independent = QUESTIONS.map((question) => ({ source: 'fft', question, score: 80, variance: 20 }));
    const shared = QUESTIONS.map((question) => ({
      source: 'fft',
      question,
      score: 80,
      variance: 1,
      commonVariance: 19,
    }));
    const a = signalsOnly(independent).map(sdPp);
    const b = signalsOnly(shared).map(sdPp);
    for (const [i, sd] of b.entries()) expect(sd).toBeGreaterThan(a[i]!);
  });

  it('leaves the target’s sampling noise in an experience estimate, even when the residual is exact', () => {
    const exact = { scoreRoundingUnit: 0 };
    const cellEstimate = estimateTumourGroup(table, { odsCode: 'RAA', tumourGroup: 'skin' }, params, {
      ...exact,
      estimand: 'survey_cell',
    })[0]!;
    const experience = estimateTumourGroup(table, { odsCode: 'RAA', tumourGroup: 'skin' }, params, {
      ...exact,
      estimand: 'experience',
    })[0]!;
    // (110·80 − 50·84 − 40·77) / 20 = 76: the survey cell is known, the experience behind it is not.
    expect(cellEstimate.score).toBeCloseTo(76, 6);
    expect(cellEstimate.upper - cellEstimate.lower).toBeLessThan(1e-6);
    expect(experience.upper - experience.lower).toBeGreaterThan(5);
    expect(experience.lower).toBeLessThan(76);
    expect(experience.upper).toBeGreaterThan(76);
  });

  it('reads a group signal as the shared effect alone: a vague one changes nothing, a sharp one pulls every question', () => {
    const withGroup = (departure: number, variance: number) =>
      estimateTumourGroup(
        table,
        { odsCode: 'RAA', tumourGroup: 'skin', groupSignals: [{ source: 'comments', departure, variance }] },
        params,
        { estimand: 'experience' },
      );
    const survey = skin();
    const vague = withGroup(1, 1e9);
    const sharp = withGroup(1, 1e-3);
    for (const [i, e] of survey.entries()) {
      expect(vague[i]!.score).toBeCloseTo(e.score, 4);
      expect(sharp[i]!.score).toBeGreaterThan(e.score + 1);
      expect(sdPp(sharp[i]!)).toBeLessThan(sdPp(e));
      expect(sharp[i]!.inputs).toContainEqual({ kind: 'signal', source: 'comments' });
    }
  });
});
