import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMonths } from '../../../src/alerts/divergence/periods.js';
import type { SurveyThemeScore } from '../../../src/alerts/divergence/survey-gap.js';
import type { ProcessedComment } from '../../../src/domain/model.js';
import { alertOptionsSchema } from '../../../src/pipeline/alert/alert-options.js';
import { createAlertStage } from '../../../src/pipeline/alert/alert-stage.js';
import type { AggregateRow } from '../../../src/storage/store.js';
import { openTempStore, recordingHelpers, type TempStore } from '../pipeline/support/pipeline-fixtures.js';
import { syntheticComment } from '../storage/synthetic-comment.js';

/** The scheduled divergence job over a real store: aggregates in, alerts with evidence out, once. */

const AS_OF = '2024-09';
const THEME = 'waiting_times' as const;

function row(odsCode: string, period: string, n: number, positive: number): AggregateRow {
  return {
    odsCode,
    theme: THEME,
    tumourGroup: 'all',
    period,
    n,
    positive,
    neutral: 0,
    negative: n - positive,
    meanScore: 0,
    positiveShare: positive / n,
    positiveShareLower: 0,
    positiveShareUpper: 1,
    computedAt: '2024-10-01T00:15:00.000Z',
  };
}

/** Nine months per trust: six at `before` positives of 10, then three at `after`. */
function trustRows(odsCode: string, before: number, after: number): AggregateRow[] {
  return Array.from({ length: 9 }, (_, i) => {
    const period = addMonths(AS_OF, -i);
    return row(odsCode, period, 10, i < 3 ? after : before);
  });
}

function negativeComment(externalId: string, odsCode: string, period: string): ProcessedComment {
  return syntheticComment(externalId, {
    period,
    sentiment: { label: 'negative', score: -0.7 },
    themes: [{ id: THEME, sentiment: 'negative' }],
    provider: { odsCode, name: `Synthetic Trust ${odsCode}` },
  });
}

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('divergence job', () => {
  it('raises deterioration and survey alerts with evidence comments, once per month, and nothing without data', async () => {
    const stage = (scores: SurveyThemeScore[], webhookUrl?: string) =>
      createAlertStage({
        store: temp.store,
        clock: () => new Date('2024-10-01T09:45:00.000Z'),
        options: alertOptionsSchema.parse(webhookUrl ? { webhookUrl } : {}),
        surveyScores: async () => scores,
      });
    expect(await stage([])({ action: 'divergence' }, recordingHelpers())).toEqual({
      asOf: null,
      findings: 0,
      raised: 0,
    });

    const rows = [
      ...trustRows('RDT', 6, 1), // deteriorating
      ...trustRows('RGP', 3, 3), // steady, but far below what its survey score implies
      ...['R01', 'R02', 'R03', 'R04', 'R05'].flatMap((ods) => trustRows(ods, 6, 6)),
    ];
    const periods = [...new Set(rows.map((r) => r.period))];
    // The aggregate stage also stores each trust's every-theme roll-up; the job reads the latest month there.
    const rollUps = rows.map((r) => ({ ...r, theme: 'all' as const }));
    await temp.store.replaceAggregates([...rows, ...rollUps], periods);
    await temp.store.upsertComments([
      negativeComment('n1', 'RDT', '2024-08'),
      negativeComment('n2', 'RDT', '2024-09'),
      negativeComment('old', 'RDT', '2024-01'),
      negativeComment('n3', 'RGP', '2024-05'),
    ]);
    const scores: SurveyThemeScore[] = [
      { odsCode: 'RGP', theme: THEME, score: 0.95, respondents: 300 },
      ...['R01', 'R02', 'R03', 'R04', 'R05'].map((odsCode) => ({ odsCode, theme: THEME, score: 0.85 })),
    ];

    const helpers = recordingHelpers();
    expect(await stage(scores, 'http://127.0.0.1:9/hooks')({ action: 'divergence' }, helpers)).toEqual({
      asOf: AS_OF,
      findings: 2,
      raised: 2,
    });
    expect(helpers.enqueued).toHaveLength(2);
    const { items } = await temp.store.listAlerts({ type: 'divergence' }, { limit: 10 });
    const byKind = Object.fromEntries(items.map((a) => [a.kind, a]));
    expect(byKind['deteriorating']).toMatchObject({
      odsCode: 'RDT',
      trustName: 'Synthetic Trust RDT',
      theme: THEME,
      period: AS_OF,
      evidence: { recent: { n: 30, positive: 3 }, baseline: { n: 60, positive: 36 } },
    });
    expect(byKind['deteriorating']!.evidence!.commentIds.sort()).toEqual(['sample:n1', 'sample:n2']);
    expect(byKind['worse_than_survey']).toMatchObject({
      odsCode: 'RGP',
      evidence: { recent: { n: 90, positive: 27 }, survey: { score: 0.95 }, commentIds: ['sample:n3'] },
    });

    // The hourly rerun in the same month finds the same and raises nothing new.
    const rerun = recordingHelpers();
    expect(await stage(scores, 'http://127.0.0.1:9/hooks')({ action: 'divergence' }, rerun)).toMatchObject({
      findings: 2,
      raised: 0,
    });
    expect(rerun.enqueued).toEqual([]);
    // Without survey scores only the deterioration rule can speak.
    expect(await stage([])({ action: 'divergence', asOf: AS_OF }, recordingHelpers())).toMatchObject({ findings: 1 });
  });
});
