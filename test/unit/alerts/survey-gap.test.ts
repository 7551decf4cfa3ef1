import { describe, expect, it } from 'vitest';
import { divergenceOptionsSchema } from '../../../src/alerts/divergence/divergence-options.js';
import { findSurveyGaps, type SurveyThemeScore } from '../../../src/alerts/divergence/survey-gap.js';
import type { ThemeId } from '../../../src/domain/model.js';
import type { AggregateCounts } from '../../../src/storage/store.js';
import { months } from './divergence-fixtures.js';

const options = divergenceOptionsSchema.parse({});
const AS_OF = '2024-12';
const THEME: ThemeId = 'cns_access';

/** Ten trusts with 40 comments on the theme over the year, half positive, and survey scores near 90%. */
const peers = Array.from({ length: 10 }, (_, i) => `R${String(i).padStart(2, '0')}`);
const peerCounts: AggregateCounts[] = peers.flatMap((ods) => months(ods, THEME, AS_OF, 4, { n: 10, positive: 5 }));
const peerScores: SurveyThemeScore[] = peers.map((odsCode, i) => ({
  odsCode,
  theme: THEME,
  score: 0.88 + (i % 5) * 0.01,
  respondents: 200,
}));

describe('worse-than-survey rule', () => {
  it('finds nothing when no survey has been imported', () => {
    const counts = [...peerCounts, ...months('RGP', THEME, AS_OF, 4, { n: 10, positive: 0 })];
    expect(findSurveyGaps(counts, [], AS_OF, options)).toEqual([]);
  });

  it('alerts when comments sit credibly below what the trust’s survey score implies', () => {
    const counts = [...peerCounts, ...months('RGP', THEME, AS_OF, 4, { n: 10, positive: 2 })];
    const scores = [...peerScores, { odsCode: 'RGP', theme: THEME, score: 0.96, respondents: 300 } as const];
    const findings = findSurveyGaps(counts, scores, AS_OF, options);
    expect(findings.map((f) => f.odsCode)).toEqual(['RGP']);
    const { recent, survey, probability } = findings[0]!.evidence;
    expect(recent).toMatchObject({ periodFrom: '2024-01', periodTo: '2024-12', n: 40, positive: 8 });
    expect(survey!.score).toBe(0.96);
    expect(survey!.nationalScore).toBeGreaterThan(0.88);
    expect(survey!.nationalScore).toBeLessThan(0.96);
    // A better-than-average survey score puts the expectation above the national comment share (~0.47).
    expect(survey!.expectedShare).toBeGreaterThan(0.55);
    expect(probability).toBeGreaterThanOrEqual(0.95);
  });

  it('judges the same comments against each trust’s own survey: a weak survey score expects weak comments', () => {
    const counts = [...peerCounts, ...months('RLO', THEME, AS_OF, 4, { n: 10, positive: 3 })];
    const low = [...peerScores, { odsCode: 'RLO', theme: THEME, score: 0.7, respondents: 150 }];
    expect(findSurveyGaps(counts, low, AS_OF, options)).toEqual([]);
    const high = [...peerScores, { odsCode: 'RLO', theme: THEME, score: 0.97, respondents: 150 }];
    expect(findSurveyGaps(counts, high, AS_OF, options).map((f) => f.odsCode)).toEqual(['RLO']);
  });

  it('never alerts from fewer comments than the minimum, nor for a trust or theme without a score', () => {
    const small = months('RSM', THEME, AS_OF, 2, { n: 9, positive: 0 }); // 18 comments
    const unscored = months('RNS', THEME, AS_OF, 4, { n: 10, positive: 0 });
    const otherTheme = months('R00', 'waiting_times', AS_OF, 4, { n: 10, positive: 0 });
    const scores = [...peerScores, { odsCode: 'RSM', theme: THEME, score: 0.97 }];
    expect(findSurveyGaps([...peerCounts, ...small, ...unscored, ...otherTheme], scores, AS_OF, options)).toEqual([]);
  });

  it('counts only the comment window ending at the month asked about', () => {
    const old = months('RGP', THEME, '2023-12', 4, { n: 10, positive: 0 });
    const peersLastYear = peers.flatMap((ods) => months(ods, THEME, '2023-12', 4, { n: 10, positive: 5 }));
    const scores = [...peerScores, { odsCode: 'RGP', theme: THEME, score: 0.96 }];
    expect(findSurveyGaps([...peerCounts, ...old], scores, AS_OF, options)).toEqual([]);
    expect(findSurveyGaps([...peersLastYear, ...old], scores, '2023-12', options).map((f) => f.odsCode)).toEqual([
      'RGP',
    ]);
  });
});
