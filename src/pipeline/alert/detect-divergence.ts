import { alertDeliveryJobId, type NewAlert } from '../../alerts/alert.js';
import { findDeterioration } from '../../alerts/divergence/deterioration.js';
import { divergenceAlert } from '../../alerts/divergence/divergence-alerts.js';
import type { DivergenceFinding } from '../../alerts/divergence/divergence-finding.js';
import type { DivergenceOptions } from '../../alerts/divergence/divergence-options.js';
import { addMonths } from '../../alerts/divergence/periods.js';
import { findSurveyGaps, type SurveyThemeScore } from '../../alerts/divergence/survey-gap.js';
import type { Store } from '../../storage/store.js';
import type { StageHelpers } from '../stage.js';

/** Survey scores per trust × theme (0–1); an empty list when no survey has been imported. */
export type SurveyScoreSource = () => Promise<SurveyThemeScore[]>;

export interface DivergenceDeps {
  store: Store;
  clock: () => Date;
  surveyScores: SurveyScoreSource;
  deliver: boolean;
  options: DivergenceOptions;
}

export interface DivergenceResult {
  asOf: string | null;
  findings: number;
  raised: number;
}

/** Evidence comments kept per alert. */
const EVIDENCE_COMMENTS = 20;

/**
 * Reads the trust × theme aggregate counts, applies the divergence rules (src/alerts/divergence),
 * and stores one alert per finding with up to 20 negative comments as evidence. Alert ids are keyed
 * by the window's last month, so running hourly raises each finding once.
 */
export async function detectDivergence(
  deps: DivergenceDeps,
  asOfRequested: string | undefined,
  helpers: StageHelpers,
): Promise<DivergenceResult> {
  const { store, options } = deps;
  const asOf = asOfRequested ?? (await latestPeriod(store));
  if (asOf === null) return { asOf: null, findings: 0, raised: 0 };
  const span = Math.max(options.recentMonths + options.baselineMonths, options.surveyWindowMonths);
  const counts = await store.listAggregates({
    tumourGroup: 'all',
    periodFrom: addMonths(asOf, -(span - 1)),
    periodTo: asOf,
  });
  const findings: DivergenceFinding[] = [
    ...findDeterioration(counts, asOf, options),
    ...findSurveyGaps(counts, await deps.surveyScores(), asOf, options),
  ];
  const createdAt = deps.clock().toISOString();
  const alerts: NewAlert[] = [];
  for (const finding of findings) {
    const window = finding.evidence.recent;
    const evidence = await store.listComments(
      {
        odsCode: finding.odsCode,
        theme: finding.theme,
        periodFrom: window.periodFrom,
        periodTo: window.periodTo,
        sentiment: 'negative',
      },
      { limit: EVIDENCE_COMMENTS },
    );
    alerts.push(
      divergenceAlert(finding, {
        trustName: evidence.items.find((c) => c.provider !== null)?.provider?.name ?? null,
        commentIds: evidence.items.map((c) => `${c.source}:${c.externalId}`),
        createdAt,
      }),
    );
  }
  const inserted = await store.recordAlerts(alerts);
  if (deps.deliver && inserted.length > 0) {
    await helpers.enqueue(
      'alert',
      inserted.map((alertId) => ({ id: alertDeliveryJobId(alertId, 0), payload: { action: 'deliver', alertId } })),
    );
  }
  helpers.log.info({ asOf, findings: findings.length, raised: inserted.length }, 'divergence checked');
  return { asOf, findings: findings.length, raised: inserted.length };
}

/** The latest month with any trust's comments, from the small trust × all × all rows. */
async function latestPeriod(store: Store): Promise<string | null> {
  const rows = await store.listAggregates({ theme: 'all', tumourGroup: 'all' });
  let latest: string | null = null;
  for (const row of rows) if (latest === null || row.period > latest) latest = row.period;
  return latest;
}
