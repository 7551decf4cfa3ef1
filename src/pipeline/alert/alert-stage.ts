import type { WebhookTarget } from '../../alerts/post-webhook.js';
import type { Store } from '../../storage/store.js';
import type { StageHandler } from '../stage.js';
import { type AlertOptions, leaseMs } from './alert-options.js';
import { deliverAlert } from './deliver-alert.js';
import { detectDivergence, type SurveyScoreSource } from './detect-divergence.js';
import { sweepAlerts } from './sweep-alerts.js';

/**
 * alert: one queue for three jobs. `deliver` sends one stored alert to the webhook; `sweep` (on a
 * schedule) re-enqueues alerts whose delivery stalled; `divergence` (on a schedule, after the
 * aggregate) raises divergence alerts from the aggregate counts and imported survey scores.
 */

export interface AlertStageDeps {
  store: Store;
  clock: () => Date;
  options: AlertOptions;
  surveyScores: SurveyScoreSource;
}

export function webhookTarget(options: AlertOptions): WebhookTarget | undefined {
  if (options.webhookUrl === undefined) return undefined;
  return { url: options.webhookUrl, secret: options.webhookSecret, timeoutMs: options.timeoutMs };
}

export function createAlertStage(deps: AlertStageDeps): StageHandler<'alert'> {
  const { store, clock, options } = deps;
  const webhook = webhookTarget(options);
  const deliver = webhook !== undefined;
  return async (payload, helpers) => {
    switch (payload.action) {
      case 'deliver':
        return deliverAlert({ store, clock, webhook, leaseMs: leaseMs(options) }, payload.alertId, helpers);
      case 'sweep':
        return sweepAlerts(
          { store, clock, deliver, staleAfterMs: options.staleAfterMs, limit: options.sweepLimit },
          helpers,
        );
      case 'divergence':
        return detectDivergence(
          { store, clock, deliver, surveyScores: deps.surveyScores, options: options.divergence },
          payload.asOf,
          helpers,
        );
    }
  };
}
