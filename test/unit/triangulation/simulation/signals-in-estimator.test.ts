import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TumourGroupId } from '../../../../src/domain/model.js';
import type { CpesScore } from '../../../../src/domain/triangulation/cpes-score.js';
import { buildCpesTable } from '../../../../src/domain/triangulation/cpes-table.js';
import { estimateTumourGroup } from '../../../../src/domain/triangulation/estimate-tumour-group.js';
import { logitPp, ppPerLogit, Z95 } from '../../../../src/domain/triangulation/logit.js';
import type { TriangulationParameters } from '../../../../src/domain/triangulation/parameters.js';
import type { GroupSignal, TriangulatedScore } from '../../../../src/domain/triangulation/triangulated-score.js';

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
const skin = (groupSignals: GroupSignal[] = [], estimand: 'experience' | 'survey_cell' = 'experience') =>
  estimateTumourGroup(table, { odsCode: 'RAA', tumourGroup: 'skin', groupSignals }, params, { estimand });

/** The estimate's sd in pp, undone from its log-odds interval. */
const sdPp = (e: TriangulatedScore) => ((logitPp(e.upper) - logitPp(e.lower)) / (2 * Z95)) * ppPerLogit(e.score);

describe('signals in the estimator', () => {
  it('never leaves an estimate less certain than the survey alone', () => {
    const survey = skin().map(sdPp);
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 100, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (variance, departure) => {
          for (const [i, e] of skin([{ sources: ['comments'], departure, variance }]).entries()) {
            expect(sdPp(e) ** 2).toBeLessThanOrEqual(survey[i]! ** 2 * (1 + 1e-9));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is more certain with two independent group readings than with either alone', () => {
    const one = (source: string, variance: number): GroupSignal => ({ sources: [source], departure: 0.1, variance });
    const comments = skin([one('comments', 0.02)]).map(sdPp);
    const fft = skin([one('fft', 0.03)]).map(sdPp);
    const both = skin([one('comments', 0.02), one('fft', 0.03)]).map(sdPp);
    for (const [i, sd] of both.entries()) {
      expect(sd).toBeLessThan(comments[i]!);
      expect(sd).toBeLessThan(fft[i]!);
    }
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
        { odsCode: 'RAA', tumourGroup: 'skin', groupSignals: [{ sources: ['comments'], departure, variance }] },
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
